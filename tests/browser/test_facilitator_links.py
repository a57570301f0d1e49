"""Simulator links from the reflective questions and the workshop plans open the stated state in the page.

Every link is checked in CPython through the explainer API (tests/content,
``test_each_link_opens_the_stated_state_in_the_explainer``); here each distinct kind of link boots
Pyodide once: one link per set of query parameters, plus one for each view no other chosen link opens.
"""

from __future__ import annotations

import pytest
from cocm_content.data import load_content
from cocm_content.simlinks import API_SWITCHES, BY_NAME, all_simulator_links

from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def distinct_links(links: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    """The first link of each parameter set, and the first to open each view, in the data's order."""
    chosen, shapes, views = [], set(), set()
    for label, url, expected in links:
        shape, view = frozenset(expected), expected.get("view", "registry")
        if shape not in shapes or view not in views:
            chosen.append((label, url, expected))
            shapes.add(shape)
            views.add(view)
    return chosen


LINKS = distinct_links(all_simulator_links(load_content(ROOT)))


@pytest.mark.parametrize(("label", "url", "expected"), LINKS, ids=[url for _, url, _ in LINKS])
def test_link_opens_the_stated_state(page, site_server, label, url, expected):
    page.goto(site_server + url)
    page.wait_for_function(
        "() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'", timeout=PYTHON_READY_TIMEOUT_MS
    )
    assert page.locator("[data-cc-app-message]").is_hidden(), page.inner_text("[data-cc-app-message]")
    view = page.evaluate("window.CCSim.app.view")
    assert view["scenario"]["id"] == expected["scenario"], label
    assert view["week"] == expected.get("week", 0), label
    assert page.get_by_role("tab", selected=True).get_attribute("data-cc-tab") == expected.get("view", "registry")
    assert page.evaluate("document.body.classList.contains('cc-presenter')") == bool(expected.get("present"))
    settings = view["settings"]
    for name, switch in API_SWITCHES.items():
        if name in expected:
            assert settings["fidelity"][switch] == bool(expected[name]), name
    if "fte" in expected:
        assert settings["staffing"]["care_manager_fte"] == expected["fte"]
    if "hours" in expected:
        assert settings["staffing"]["consultant_hours_per_week"] == expected["hours"]
    if "caseload" in expected:
        assert settings["panel"]["patients"] == expected["caseload"]
    if "seed" in expected:
        assert settings["seed"] == expected["seed"]
    if "patient" in expected:
        heading = page.locator("#cc-patient-heading")
        heading.wait_for()
        assert expected["patient"] in heading.inner_text()


def test_a_link_beyond_a_limit_is_refused_in_words_from_the_table(page, site_server):
    """Limits come from the one table (simlinks.PARAMS, the explainer's own); the page names each problem."""
    fte, caseload = BY_NAME["fte"], BY_NAME["caseload"]
    query = f"?scenario=impact-like&fte={fte.high + 1:g}&caseload={caseload.high + 1}&stepup=2"
    page.goto(f"{site_server}simulator/{query}")
    page.wait_for_function(
        "() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'", timeout=PYTHON_READY_TIMEOUT_MS
    )
    message = page.inner_text("[data-cc-app-message]")
    assert f"the {fte.words} must be from {fte.low:g} to {fte.high:g}; the link asks for {fte.high + 1:g}" in message
    assert f"the {caseload.words} must be from {caseload.low} to {caseload.high}" in message
    assert "(step-up when not improving) must be 0 (off) or 1 (on)" in message
    assert "Showing the default scenario instead" in message
    view = page.evaluate("window.CCSim.app.view")
    assert view["settings"]["staffing"]["care_manager_fte"] <= fte.high, "the refused value never reached a run"
