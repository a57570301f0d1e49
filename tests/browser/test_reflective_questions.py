"""The reflective questions page in Chromium: filters, session list, notes, export, clear-all and print."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, printed_sheets

pytestmark = pytest.mark.browser

PATH = "teach/reflective-questions/"
KEY = "cocm.reflective-questions.v1"


@pytest.fixture
def rq(watched_page, site_server):
    """The questions page, loaded fresh with empty storage, its tools running."""
    page = watched_page
    page.goto(site_server + PATH)
    page.evaluate(f"() => localStorage.removeItem('{KEY}')")
    page.reload()
    page.wait_for_selector("[data-cc-rq-filters]:not([hidden])")
    yield page
    assert page.watch.console_errors == [], page.watch.console_errors
    assert page.watch.foreign_requests == [], page.watch.foreign_requests


def status(page) -> str:
    page.wait_for_function("() => document.querySelector('[data-cc-rq-status]').textContent.trim() !== ''")
    return page.locator("[data-cc-rq-status]").text_content().strip()


def visible_questions(page) -> int:
    return page.locator("li.cc-rq__q:visible").count()


def add(page, qid: str) -> None:
    page.locator(f"#q-{qid} [data-cc-rq-toggle]").click()


def test_filters_by_theme_and_role(rq):
    page = rq
    total = page.locator("li.cc-rq__q").count()
    assert visible_questions(page) == total >= 30
    for box in page.locator("input[name='theme']").all():
        if box.get_attribute("value") != "fit":
            box.uncheck()
    fit = page.locator("li.cc-rq__q[data-theme='fit']").count()
    assert visible_questions(page) == fit
    assert status(page) == f"Showing {fit} of {total} questions."
    assert page.locator("#theme-fidelity").is_hidden() and page.locator("#theme-fit").is_visible()
    page.locator("input[name='role'][value='consultant']").uncheck()
    page.locator("input[name='role'][value='primary-care-provider']").uncheck()
    page.locator("input[name='role'][value='care-manager']").uncheck()
    expected = page.locator("li.cc-rq__q[data-theme='fit'][data-roles~='trainee']").count()
    assert visible_questions(page) == expected
    page.locator("input[name='role'][value='trainee']").uncheck()
    assert visible_questions(page) == 0
    page.wait_for_function("() => document.querySelector('[data-cc-rq-status]').textContent.startsWith('No questions')")
    page.get_by_role("button", name="Show all questions").click()
    assert visible_questions(page) == total


def test_session_list_by_keyboard_with_announcements(rq):
    page = rq
    toggle = page.locator("#q-ten-weeks-no-change [data-cc-rq-toggle]")
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "Added to your session" in status(page) and "1 question in the session list." in status(page)
    add(page, "advising-unseen")
    items = page.locator("[data-cc-rq-item]")
    assert [items.nth(i).get_attribute("data-cc-rq-item") for i in range(2)] == ["ten-weeks-no-change",
                                                                                 "advising-unseen"]
    assert page.locator("[data-cc-rq-empty]").is_hidden()
    first = items.nth(0)
    assert "Why it matters:" in first.text_content()
    assert "(AIMS Center, Psychiatric consultant)" in first.text_content(), "citations written out in the handout"
    ids = page.evaluate("() => [...document.querySelectorAll('[data-cc-rq-session-list] [id]')].length")
    assert ids == 0, "copies in the session list must not duplicate ids"
    remove = page.get_by_role("button", name="Remove from session: Who on the caseload")
    remove.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("[data-cc-rq-item]").count() == 1
    assert page.evaluate("() => document.activeElement.getAttribute('data-cc-rq-remove')") == "advising-unseen"
    page.reload()
    page.wait_for_selector("[data-cc-rq-item='advising-unseen']")
    assert page.locator("#q-advising-unseen [data-cc-rq-toggle]").get_attribute("aria-pressed") == "true"


def test_notes_stay_in_local_storage_and_export(rq):
    page = rq
    page.locator("#q-building-trust summary").click()
    page.locator("#q-building-trust-note").fill("We meet the consultant monthly; agreed to add a lunch.")
    page.locator("#q-building-trust-note").blur()
    assert status(page) == "Note saved in this browser only."
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")
    assert stored["notes"] == {"building-trust": "We meet the consultant monthly; agreed to add a lunch."}
    page.reload()
    page.wait_for_selector("[data-cc-rq-filters]:not([hidden])")
    assert page.locator("#q-building-trust-note").input_value().startswith("We meet the consultant")
    assert page.locator("#q-building-trust details").get_attribute("open") is not None
    with page.expect_download() as download:
        page.get_by_role("button", name="Export notes").click()
    assert download.value.suggested_filename.startswith("reflective-questions-notes-")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "These notes were kept only in this browser." in exported
    assert "What have we done this quarter to build trust" in exported
    assert "We meet the consultant monthly; agreed to add a lunch." in exported
    assert "Why it matters: Raney names mutual respect" in exported


def test_clear_all_notes_asks_first(rq):
    page = rq
    page.locator("#q-plans-on-file summary").click()
    page.locator("#q-plans-on-file-note").fill("Three patients without a plan.")
    page.locator("#q-plans-on-file-note").blur()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear all notes").click()
    assert status(page) == "Nothing was deleted."
    assert page.locator("#q-plans-on-file-note").input_value() == "Three patients without a plan."
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all notes").click()
    page.wait_for_function(
        "() => document.querySelector('[data-cc-rq-status]').textContent === 'All notes deleted from this browser.'"
    )
    assert page.locator("#q-plans-on-file-note").input_value() == ""
    assert page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}')).notes") == {}


def test_the_handout_prints_only_the_session_list(rq):
    page = rq
    picked = ["five-principles-visible", "why-we-wait", "bypass-the-review"]
    for qid in picked:
        add(page, qid)
    page.locator("#q-why-we-wait summary").click()
    page.locator("#q-why-we-wait-note").fill("Waiting feels safer than changing.")
    page.emulate_media(media="print")
    try:
        items = page.locator("[data-cc-rq-item]")
        assert items.count() == len(picked)
        for i, qid in enumerate(picked):
            item = items.nth(i)
            assert item.is_visible(), qid
            assert item.locator(".cc-rq__s-text").is_visible()
            assert item.locator(".cc-rq__s-why").is_visible()
            assert item.locator(".cc-rq__s-actions").is_hidden(), "buttons are not printed"
            if qid == "why-we-wait":
                assert item.locator(".cc-rq__s-note").is_visible()
                assert item.locator(".cc-rq__s-note").text_content() == "Waiting feels safer than changing."
            else:
                assert item.locator(".cc-rq__lines").is_visible(), "blank lines for notes"
        assert page.locator(".cc-rq__handout-title").is_visible()
        assert page.locator(".cc-rq__handout-foot").is_visible()
        for hidden in ("li.cc-rq__q >> nth=0", ".md-header", ".md-sidebar--primary", "[data-cc-rq-filters]",
                       "h1", ".cc-summary", "[data-cc-rq-print]", "#theme-fidelity"):
            assert page.locator(hidden).first.is_hidden(), f"{hidden} shows in print"
    finally:
        page.emulate_media(media="screen")
    printed = page.evaluate("""() => { window.__printed = 0; window.print = () => { window.__printed += 1; };
        document.querySelector('[data-cc-rq-print]').click(); return window.__printed; }""")
    assert printed == 1


def test_a_one_question_handout_prints_on_one_sheet(rq):
    add(rq, "five-principles-visible")
    assert printed_sheets(rq) == 1, "a blank sheet follows the handout"


def test_printing_an_empty_list_explains_instead(rq):
    page = rq
    printed = page.evaluate("""() => { window.__printed = 0; window.print = () => { window.__printed += 1; };
        document.querySelector('[data-cc-rq-print]').click(); return window.__printed; }""")
    assert printed == 0
    assert status(page) == "Add at least one question to the session list before printing."


def test_accessible_with_tools_in_use(rq):
    page = rq
    add(page, "reviews-that-happened")
    add(page, "positive-item-9")
    page.locator("#q-reviews-that-happened summary").click()
    page.locator("#q-reviews-that-happened-note").fill("Two of four reviews happened.")
    page.locator("input[name='theme'][value='fit']").uncheck()
    count, report = axe_violations(page)
    assert count == 0, report


def test_works_after_instant_navigation(watched_page, site_server):
    page = watched_page
    page.goto(site_server)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("nav.md-nav a[href$='teach/reflective-questions/']").first.click()
    page.wait_for_selector("[data-cc-rq-filters]:not([hidden])")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was not swapped in place"
    add(page, "young-people")
    assert page.locator("[data-cc-rq-item='young-people']").count() == 1
    page.evaluate(f"() => localStorage.removeItem('{KEY}')")
    assert page.watch.console_errors == []


def test_hand_edited_storage_starts_afresh(watched_page, site_server):
    page = watched_page
    page.goto(site_server + PATH)
    page.evaluate(f"() => localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    page.wait_for_selector("[data-cc-rq-filters]:not([hidden])")
    assert page.locator("[data-cc-rq-item]").count() == 0
    add(page, "early-signal")
    stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")
    assert stored == {"session": ["early-signal"], "notes": {}}
    page.evaluate(f"() => localStorage.removeItem('{KEY}')")
    assert page.watch.console_errors == []
