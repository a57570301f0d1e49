"""Simulator links from the reflective questions and the workshop plans open the stated state in the page.

Every link is checked in CPython through the explainer API (tests/content,
``test_each_link_opens_the_stated_state_in_the_explainer``); here each distinct kind of link boots
Pyodide once: one link per set of query parameters, plus one for each view no other chosen link opens.
"""

from __future__ import annotations

import sys

import pytest

from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from cocm_content.simlinks import API_SWITCHES, all_simulator_links  # noqa: E402  (needs the hooks folder)

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


LINKS = distinct_links(all_simulator_links())


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
