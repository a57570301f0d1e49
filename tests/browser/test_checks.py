"""Knowledge checks in Chromium: answering by keyboard, nothing revealed before a choice, answers kept in
this browser across a reload and gone after clearing, export, the printed completion record, storage the
browser refuses, the page without JavaScript, and axe in each state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import STILL_STYLE, axe_violations, printed_sheets, watch
from tests.browser.offline_server import BASE, SiteServer, copy_site
from tests.browser.test_offline import wait_for_status

pytestmark = pytest.mark.browser

TEAM = "model/team/"
PROGRESS = "reference/progress/"
KEY = "cocm.checks.v1"
Q1 = "#cc-check-who-changes-the-prescription"
Q2 = "#cc-check-caseload-for-a-complex-panel"
RIGHT_FEEDBACK = "stays the team lead"
"""Words of question 1's right-answer feedback (content/checks/model/team.yml)."""
CSP_WATCH = """
window.ccCspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.ccCspViolations.push(event.violatedDirective));
"""
"""Records what the page's Content-Security-Policy blocked (scripts/hooks/security.py)."""
REFUSE_STORAGE = """
Object.defineProperty(window, "localStorage", { get() { throw new DOMException("refused", "SecurityError"); } });
"""


def open_fresh(page, site_server: str, path: str) -> None:
    page.goto(site_server + path)
    page.evaluate(f"() => localStorage.removeItem('{KEY}')")
    page.reload()
    page.wait_for_selector("[data-cc-ready='true']")


@pytest.fixture
def team(watched_page, site_server):
    """The care-team page with no answers kept, its checks running."""
    page = watched_page
    page.context.add_init_script(script=CSP_WATCH)
    open_fresh(page, site_server, TEAM)
    yield page
    assert page.evaluate("() => window.ccCspViolations") == [], "the Content-Security-Policy blocked something"
    assert page.watch.console_errors == [], page.watch.console_errors
    assert page.watch.foreign_requests == [], page.watch.foreign_requests


def answer_by_keyboard(page, form: str, option: int) -> None:
    """Tab into the question's radio group, arrow to the option, Tab to "Check answer", press Enter."""
    page.locator(f"{form} legend").scroll_into_view_if_needed()
    page.locator(f"{form} input[type='radio']").first.focus()
    page.keyboard.press("Space")
    for _ in range(option):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Check answer"
    page.keyboard.press("Enter")


def feedback(page, form: str) -> str:
    region = page.locator(f"{form} [data-cc-check-feedback]")
    page.wait_for_function(f"() => document.querySelector(\"{form} [data-cc-check-feedback]\").textContent.trim()")
    return " ".join(region.text_content().split())


def test_nothing_is_revealed_before_a_choice(team):
    page = team
    assert page.locator("[data-cc-checks-answers]").count() == 0, "the answers disclosure is still in the page"
    assert RIGHT_FEEDBACK not in page.locator("body").inner_text()
    assert RIGHT_FEEDBACK not in page.content()
    for region in page.locator("[data-cc-check-feedback]").all():
        assert region.get_attribute("aria-live") == "polite" and region.text_content() == ""
    assert page.locator("[data-cc-checks-nojs]").is_hidden()
    assert page.get_by_text("Your answers stay in this browser.").is_visible()
    page.locator(f"{Q1} button[type='submit']").click()
    assert feedback(page, Q1) == "Choose one of the answers first, then select Check answer."
    assert RIGHT_FEEDBACK not in page.content()
    count, report = axe_violations(page, context="[data-cc-checks]")
    assert count == 0, report


def test_answering_by_keyboard_gives_feedback_in_the_live_region(team):
    page = team
    answer_by_keyboard(page, Q1, 2)
    said = feedback(page, Q1)
    assert said.startswith("Right: The recommendation goes to the primary care provider")
    assert RIGHT_FEEDBACK in said and "The answer is:" in said
    assert page.locator(f"{Q1} [data-cc-check-feedback] sup.cc-cite a[href$='#ref-mccist-team']").count() >= 1
    assert page.locator(f"{Q1} [data-cc-check-feedback] a[href$='#the-primary-care-provider']").is_visible()
    answer_by_keyboard(page, Q2, 2)
    said = feedback(page, Q2)
    assert said.startswith("Not quite: About 100 to 150 patients")
    assert "The answer is: About 50 to 75 patients" in said
    count, report = axe_violations(page, context="[data-cc-checks]")
    assert count == 0, report


def test_answers_survive_a_reload_and_show_on_what_i_have_covered_until_cleared(team, site_server):
    page = team
    page.locator(f"{Q1} label").nth(2).click()
    page.locator(f"{Q1} button[type='submit']").click()
    page.locator(f"{Q2} label").nth(1).click()
    page.locator(f"{Q2} button[type='submit']").click()
    feedback(page, Q2)
    page.reload()
    page.wait_for_selector("[data-cc-ready='true']")
    assert page.locator(f"{Q1} input[type='radio']").nth(2).is_checked()
    # Earlier answers come back beside the live region, so arriving does not read them all out.
    assert page.locator(f"{Q1} [data-cc-check-kept]").inner_text().startswith("Right:")
    assert page.locator(f"{Q2} [data-cc-check-kept]").inner_text().startswith("Not quite:")
    assert page.locator(f"{Q1} [data-cc-check-feedback]").text_content() == ""
    count, report = axe_violations(page, context="[data-cc-checks]")
    assert count == 0, report
    page.locator(f"{Q2} label").nth(0).click()
    page.locator(f"{Q2} button[type='submit']").click()
    assert feedback(page, Q2).startswith("Right:")
    assert page.locator(f"{Q2} [data-cc-check-kept]").count() == 0

    page.goto(site_server + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    row = page.locator("tr[data-cc-progress-page='model/team']")
    assert row.locator("[data-cc-progress-answered]").text_content() == "2"
    assert row.locator("[data-cc-progress-right]").text_content() == "2"
    assert row.locator("[data-cc-progress-date]").text_content() != "Not yet"
    status = page.locator("[data-cc-progress-status]")
    assert status.text_content().startswith("You have answered 2 of ")
    assert page.locator("[data-cc-record-rows] tr").count() == 1
    states = page.locator("li[data-cc-progress-question^='model/team '] [data-cc-progress-question-state]")
    assert states.all_text_contents() == ["(answered: right)", "(answered: right)", "(not answered yet)"]
    count, report = axe_violations(page)
    assert count == 0, report

    page.locator("[data-cc-progress-clear]").click()
    assert row.locator("[data-cc-progress-answered]").text_content() == "0"
    undo = page.locator("[data-cc-progress-undo]")
    assert undo.is_visible() and undo.evaluate("(el) => el === document.activeElement")
    page.wait_for_function("() => document.querySelector('[data-cc-progress-status]').textContent.includes('cleared')")
    count, report = axe_violations(page)
    assert count == 0, report
    undo.click()
    assert row.locator("[data-cc-progress-answered]").text_content() == "2"
    page.locator("[data-cc-progress-clear]").click()
    page.reload()
    page.wait_for_selector("[data-cc-ready='true']")
    assert row.locator("[data-cc-progress-answered]").text_content() == "0"
    assert page.locator("[data-cc-record-no-checks]").is_visible()

    page.goto(site_server + TEAM)
    page.wait_for_selector("[data-cc-ready='true']")
    assert page.locator("[data-cc-check] input[type='radio']:checked").count() == 0
    assert page.locator(f"{Q1} [data-cc-check-feedback]").text_content() == ""
    assert page.locator("[data-cc-check-kept]").count() == 0


def test_export_is_a_json_file_of_this_browsers_answers(team, site_server):
    page = team
    page.locator(f"{Q1} label").nth(2).click()
    page.locator(f"{Q1} button[type='submit']").click()
    feedback(page, Q1)
    page.goto(site_server + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    with page.expect_download() as caught:
        page.locator("[data-cc-progress-export]").click()
    download = caught.value
    name = download.suggested_filename
    assert name.startswith("cocm-what-i-have-covered-") and name.endswith(".json")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert "synthetic" in data["note"] and "Not continuing-education credit" in data["note"]
    team_page = next(p for p in data["pages"] if p["page"] == "model/team")
    assert (team_page["answered"], team_page["right"], team_page["questions"]) == (1, 1, 3)
    assert team_page["answers"][0]["id"] == "who-changes-the-prescription"
    assert [e["id"] for e in data["exercises"]] == ["walkthrough", "care-manager-week", "debriefed-review"]


def test_the_completion_record_prints_with_its_date_and_statement(team, site_server):
    page = team
    page.locator(f"{Q1} label").nth(0).click()
    page.locator(f"{Q1} button[type='submit']").click()
    feedback(page, Q1)
    # What the walkthrough records when its last step is done (simulator/walkthrough.js, checks/store.mjs).
    page.evaluate("""() => {
      const kept = JSON.parse(localStorage.getItem('cocm.checks.v1'));
      kept.exercises = { walkthrough: { at: new Date().toISOString() } };
      localStorage.setItem('cocm.checks.v1', JSON.stringify(kept));
    }""")
    page.goto(site_server + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    page.emulate_media(media="print")
    record = page.locator("[data-cc-record]")
    assert record.is_visible()
    assert page.locator("h1").is_hidden() and page.locator("[data-cc-progress]").is_hidden()
    assert page.locator(".md-header").is_hidden() and page.locator("[data-cc-record-print]").is_hidden()
    words = " ".join(record.inner_text().split())
    assert "Collaborative Care, explained: completion record" in words
    assert "This record is not continuing-education credit." in words
    assert "The care team 1 of 3 0" in words
    assert "The guided walkthrough" in words and "Finished on" in words
    assert page.locator("[data-cc-record-date]").text_content().strip() not in ("", "\u2013")
    assert printed_sheets(page) == 1, "a short record prints on one sheet, with no blank one after it"
    page.emulate_media(media="screen")
    count, report = axe_violations(page)
    assert count == 0, report


def test_storage_refused_still_answers_and_says_so(browser, browser_context_args, site_server):
    context = browser.new_context(**browser_context_args)
    context.add_init_script(script=STILL_STYLE)
    context.add_init_script(script=REFUSE_STORAGE)
    page = watch(context.new_page(), site_server)
    page.goto(site_server + TEAM)
    page.wait_for_selector("[data-cc-ready='true']")
    assert "not letting the page store anything" in page.locator("[data-cc-checks-status]").text_content()
    answer_by_keyboard(page, Q1, 2)
    assert feedback(page, Q1).startswith("Right:")
    page.goto(site_server + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    assert "not letting the page read or keep anything" in page.locator("[data-cc-progress-status]").text_content()
    # Material's own scripts (palette, search) throw on refused storage; the checks' modules must not.
    assert not [e for e in page.watch.console_errors if "checks" in e], page.watch.console_errors
    context.close()


def test_without_javascript_the_answers_are_behind_a_disclosure(browser, browser_context_args, site_server):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + TEAM)
    assert page.locator("[data-cc-checks-nojs]").is_visible()
    answers = page.locator("[data-cc-checks-answers]")
    assert answers.is_visible() and answers.get_attribute("open") is None
    assert page.get_by_text(RIGHT_FEEDBACK).is_hidden()
    answers.locator("summary").click()
    assert page.get_by_text(RIGHT_FEEDBACK).is_visible()
    context.close()


def test_finishing_the_walkthrough_is_recorded_as_an_exercise(watched_page, site_server):
    from tests.browser.test_simulator_app import open_app

    page = watched_page
    open_fresh(page, site_server, PROGRESS)
    state = page.locator("[data-cc-progress-exercise='walkthrough'] [data-cc-progress-exercise-state]")
    assert state.text_content() == "Not yet"
    open_app(page, site_server)
    page.get_by_role("tab", name="Guided walkthrough").click()
    page.get_by_role("button", name="Start the walkthrough").click()
    page.locator("[data-cc-walk-live]").wait_for()
    button = page.locator("[data-cc-walk-next]")
    for _ in range(60):
        if page.locator("[data-cc-walk-intro]").is_visible():
            break
        label = button.inner_text()
        page.wait_for_function("() => !document.querySelector('[data-cc-walk-next]').disabled")
        button.click()
        if label.startswith("Run to week"):
            page.wait_for_function(
                "(label) => document.querySelector('[data-cc-walk-next]').textContent !== label", arg=label
            )
    assert page.locator("[data-cc-walk-intro]").is_visible(), "the walkthrough did not finish"
    page.goto(site_server + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    assert state.text_content().startswith("Finished on ")
    assert "The guided walkthrough" in page.locator("[data-cc-record-exercises]").inner_text()
    assert page.watch.console_errors == [], page.watch.console_errors


@pytest.mark.parametrize("path", [TEAM, PROGRESS])
def test_reflows_to_320_px_and_answers_by_touch(phone_page, site_server, path):
    page = phone_page
    page.set_viewport_size({"width": 320, "height": 640})
    open_fresh(page, site_server, path)
    if path == TEAM:
        page.locator(f"{Q1} label").nth(2).tap()
        page.locator(f"{Q1} button[type='submit']").tap()
        assert feedback(page, Q1).startswith("Right:")
    sideways = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert sideways <= 0, f"{path} scrolls sideways by {sideways}px at 320 px"
    assert page.watch.console_errors == [], page.watch.console_errors


def test_checks_start_after_instant_navigation(team, site_server):
    """Material swaps pages in place; the module starts on each page it reaches (document$)."""
    page = team
    page.goto(site_server)
    page.evaluate("() => { window.ccSamePage = true; }")
    page.locator("a[href$='model/team/']").first.click()
    page.wait_for_selector("[data-cc-checks][data-cc-ready='true']")
    answer_by_keyboard(page, Q1, 2)
    assert feedback(page, Q1).startswith("Right:")
    page.locator("[data-cc-checks] a", has_text="What I have covered").click()
    page.wait_for_selector("[data-cc-progress][data-cc-ready='true']")
    assert page.evaluate("() => window.ccSamePage") is True, "the site did not navigate in place"
    row = page.locator("tr[data-cc-progress-page='model/team']")
    assert row.locator("[data-cc-progress-answered]").text_content() == "1"


@pytest.fixture
def own_server(built_site, tmp_path):
    """A copy of the site served alone (tests/browser/offline_server.py), so the test can stop it."""
    serving = SiteServer(copy_site(built_site, tmp_path / "site"))
    serving.start()
    yield serving
    serving.stop()


def test_checks_work_offline_after_one_visit(page, context, own_server):
    page.goto(BASE)
    wait_for_status(page, "pages")
    own_server.stop()
    context.set_offline(True)
    page.goto(BASE + TEAM)
    page.wait_for_selector("[data-cc-ready='true']")
    answer_by_keyboard(page, Q1, 2)
    assert feedback(page, Q1).startswith("Right:")
    page.goto(BASE + PROGRESS)
    page.wait_for_selector("[data-cc-ready='true']")
    row = page.locator("tr[data-cc-progress-page='model/team']")
    assert row.locator("[data-cc-progress-answered]").text_content() == "1"
