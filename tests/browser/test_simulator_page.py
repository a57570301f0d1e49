"""The simulator page in Chromium: Python boots in a module worker and scores a PHQ-9."""

from __future__ import annotations

import pytest

from explainer import measures
from tests.browser.conftest import wait_for_python

pytestmark = pytest.mark.browser

SIMULATOR = "simulator/"


def answer_phq9(page, answers) -> None:
    for index, answer in enumerate(answers):
        if answer is not None:
            page.check(f'input[name="phq9-item-{index}"][value="{answer}"]')


def test_phq9_is_scored_by_python_in_the_page(watched_page, site_server):
    page = watched_page
    page.goto(site_server + SIMULATOR)
    wait_for_python(page)
    answers = [2, 2, 1, 3, 1, 2, 1, 0, 1]
    answer_phq9(page, answers)
    page.get_by_role("button", name="Score this PHQ-9").click()
    expected = measures.score(measures.PHQ9, answers)
    result = page.locator("[data-cc-phq9-result]")
    result.get_by_text(f"Total: {expected['total']} of 27").wait_for()
    assert f"band: {expected['band']}" in result.inner_text()
    assert "Safety flag" in result.inner_text()
    assert page.watch.console_errors == []


def test_phq9_change_from_baseline_and_clear_errors(watched_page, site_server):
    page = watched_page
    page.goto(site_server + SIMULATOR)
    wait_for_python(page)
    score_button = page.get_by_role("button", name="Score this PHQ-9")
    result = page.locator("[data-cc-phq9-result]")

    answer_phq9(page, [1, 1, None, 1, None, 1, 0, 0, None])
    score_button.click()
    result.get_by_text("Items 3, 5 and 9 have no answer yet").wait_for()  # every gap at once

    answer_phq9(page, [1, 1, 0, 1, 0, 1, 0, 0, None])
    score_button.click()
    result.get_by_text("item 9 has no answer yet").wait_for()

    answer_phq9(page, [1, 1, 0, 1, 0, 1, 0, 0, 0])
    page.fill("#cc-phq9-baseline", "forty")
    score_button.click()
    result.get_by_text("baseline must be a whole number").wait_for()

    page.fill("#cc-phq9-baseline", "0")
    score_button.click()
    result.get_by_text("cannot be given as a share").wait_for()
    assert "0% lower" not in result.inner_text()
    border = page.evaluate("getComputedStyle(document.querySelector('#cc-phq9-baseline')).borderTopWidth")
    assert border != "0px", "the earlier-total field has a visible edge"

    page.fill("#cc-phq9-baseline", "16")
    score_button.click()
    result.get_by_text("This counts as a response").wait_for()
    assert "75% lower" in result.inner_text()
    assert "remission range" in result.inner_text()


def test_instant_navigation_restarts_the_worker_and_stops_it_on_leaving(watched_page, site_server):
    page = watched_page
    page.goto(site_server)
    page.evaluate("window.__sameDocument = true")
    workers = []
    page.on("worker", lambda worker: "sim-worker" in worker.url and workers.append(worker))
    page.locator("nav.md-nav--primary").get_by_role("link", name="Simulator", exact=True).first.click()
    page.wait_for_function("() => location.pathname.endsWith('/simulator/')")
    wait_for_python(page)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page instead of swapping it"
    assert len(workers) == 1
    # The simulator page hides the navigation sidebar; its introduction links to a reading page.
    with workers[0].expect_event("close", timeout=30_000):
        page.locator("[data-cc-intro]").get_by_role("link", name="how the simulator works").click()
        page.wait_for_url(site_server + "teach/how-the-simulator-works/")
    assert page.locator("[data-cc-simulator]").count() == 0
    assert page.evaluate("window.__sameDocument === true"), "leaving was an instant navigation too"
    assert page.evaluate("window.CCSim.app.view === null"), "the old simulator must stop writing the address bar"
    page.go_back()
    wait_for_python(page)
    answer_phq9(page, [0] * 9)
    page.get_by_role("button", name="Score this PHQ-9").click()
    page.locator("[data-cc-phq9-result]").get_by_text("Total: 0 of 27").wait_for()


# pyodide.asm.wasm*: the worker downloads its gzipped copy (pyodide.asm.wasm.gz) on a first visit.
@pytest.mark.parametrize("missing", ["**/*.whl", "**/pyodide.asm.wasm*", "**/python_stdlib.zip"])
def test_a_missing_file_shows_an_error_not_an_endless_spinner(watched_page, site_server, missing):
    page = watched_page
    page.route(missing, lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_server + SIMULATOR)
    page.wait_for_function(
        "() => document.querySelector('[data-cc-simulator]').dataset.ccReady === 'failed'", timeout=120_000
    )
    error = page.locator("[data-cc-boot-error]")
    assert error.is_visible()
    assert "could not" in error.inner_text() or "incomplete" in error.inner_text()
    assert page.get_by_role("button", name="Score this PHQ-9").is_disabled()
    assert page.locator("[data-cc-registry-body] tr").count() > 0, "the build-time registry stays readable"


def test_a_wheel_that_does_not_match_the_lock_file_is_refused(watched_page, site_server):
    page = watched_page
    page.route("**/*.whl", lambda route: route.fulfill(status=200, body=b"PK not the wheel the lock file names"))
    page.goto(site_server + SIMULATOR)
    page.wait_for_function(
        "() => document.querySelector('[data-cc-simulator]').dataset.ccReady === 'failed'", timeout=120_000
    )
    assert "do not match the sha256" in page.locator("[data-cc-boot-error]").inner_text()
    assert page.get_by_role("button", name="Next week").is_disabled()
