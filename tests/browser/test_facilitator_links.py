"""Every simulator link in the reflective questions and the workshop plans opens the stated state."""

from __future__ import annotations

import sys

import pytest

from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from cocm_content.simlinks import all_simulator_links  # noqa: E402  (needs the hooks folder on the path)

pytestmark = pytest.mark.browser

LINKS = all_simulator_links()
SWITCH_NAMES = {"registry": "registry", "measurement": "measurement", "review": "review", "stepup": "step_up"}


@pytest.mark.parametrize(("label", "url", "expected"), LINKS, ids=[label for label, _, _ in LINKS])
def test_link_opens_the_stated_state(page, site_server, label, url, expected):
    page.goto(site_server + url)
    page.wait_for_function(
        "() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'", timeout=PYTHON_READY_TIMEOUT_MS
    )
    assert page.locator("[data-cc-app-message]").is_hidden(), page.inner_text("[data-cc-app-message]")
    view = page.evaluate("window.CCSim.app.view")
    assert view["scenario"]["id"] == expected["scenario"]
    assert view["week"] == expected.get("week", 0)
    assert page.get_by_role("tab", selected=True).get_attribute("data-cc-tab") == expected.get("view", "registry")
    assert page.evaluate("document.body.classList.contains('cc-presenter')") == bool(expected.get("present"))
    settings = view["settings"]
    for name, switch in SWITCH_NAMES.items():
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
