"""The care manager's week and the review debrief in Chromium: keyboard choices, the hours, the debrief, axe."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.test_simulator_app import assert_no_axe_violations, open_app, wait_for_query, wait_for_week

pytestmark = pytest.mark.browser

HOURS = re.compile(r"^(-?\d+) h (\d\d) min of (\d+) h (\d\d) min left$")


def minutes_left(page) -> int:
    """The hours left as the page shows them, in minutes; fails on anything but 'H h MM min of H h MM min left'."""
    text = page.inner_text("[data-cc-care-left]").strip()
    match = HOURS.match(text)
    assert match, f"unexpected hours text {text!r}"
    left = int(match[1]) * 60 + int(match[2])
    assert 0 <= left <= int(match[3]) * 60 + int(match[4]), text
    return left


def recorded_exercises(page) -> list[str]:
    """The simulator exercises this browser has recorded for the completion record (checks/store.mjs)."""
    stored = page.evaluate("() => localStorage.getItem('cocm.checks.v1')")
    return list(json.loads(stored or "{}").get("exercises", {}))


def wait_for_worklist(page, week: int) -> None:
    page.wait_for_function(
        "(week) => document.querySelector('.cc-care caption')?.textContent.includes('week ' + week + ',')", arg=week)


def run_the_week_by_keyboard(page, panel, week: int) -> None:
    """Press "Run the week with my choices" with the keyboard and wait for the next week's worklist."""
    panel.get_by_role("button", name="Run the week with my choices").focus()
    page.keyboard.press("Enter")
    wait_for_week(page, week)
    wait_for_worklist(page, week + 1)


def test_choosing_calls_by_keyboard_runs_them_and_the_hours_never_go_negative(page, site_server):
    open_app(page, site_server, "?scenario=clinic&view=caremanager")
    assert page.get_by_role("tab", name="Care manager").get_attribute("aria-selected") == "true"
    wait_for_worklist(page, 53)
    panel = page.locator("#cc-panel-caremanager")
    assert panel.locator("[data-cc-care-hours]").get_attribute("aria-live") == "polite"
    minutes_left(page)
    statuses = panel.locator("[data-cc-care-status]")
    waiting = next(statuses.nth(i).get_attribute("data-cc-care-status") for i in range(statuses.count())
                   if statuses.nth(i).inner_text() == "not covered")
    assert_no_axe_violations(page, "care manager's worklist")
    calls = panel.locator("[data-cc-call]")
    left_out = []
    for index in (1, 2, 3):  # untick three follow-ups with the keyboard
        box = calls.nth(index)
        left_out.append(box.get_attribute("data-cc-call"))
        box.focus()
        before = page.inner_text("[data-cc-care-left]")
        page.keyboard.press("Space")
        page.wait_for_function("(before) => document.querySelector('[data-cc-care-left]').textContent !== before",
                               arg=before)
        assert not box.is_checked()
        assert page.evaluate("() => document.activeElement.getAttribute('data-cc-call')") == left_out[-1]
    minutes_left(page)
    # the time freed goes to the calls further down the list that did not fit before
    page.wait_for_function("(id) => document.querySelector('[data-cc-care-status=\"' + id + '\"]').textContent"
                           " === 'planned'", arg=waiting)
    retry = panel.locator(f'[data-cc-retry="{calls.nth(0).get_attribute("data-cc-call")}"]')
    retry.focus()
    page.keyboard.press("Space")
    assert retry.is_checked()
    for index in range(calls.count()):  # every row back on: the shown hours stay at or above zero
        box = calls.nth(index)
        if not box.is_checked():
            box.check()
            minutes_left(page)
    for index in (1, 2, 3):
        calls.nth(index).uncheck()
    page.wait_for_function("(id) => document.querySelector('[data-cc-care-status=\"' + id + '\"]').textContent"
                           " === 'left for another week'", arg=left_out[-1])
    minutes_left(page)
    run_the_week_by_keyboard(page, panel, 53)
    last = panel.locator("[data-cc-care-last]").inner_text()
    assert "(your order)" in last and "You left 3 for another week" in last
    assert "care-manager-week" in recorded_exercises(page), "the completion record would not list the week"
    details = panel.locator("details", has_text="Patient by patient")
    details.locator("summary").click()
    for pid in left_out:
        assert f"{pid}: not on your list this week." in details.inner_text()
    minutes_left(page)
    assert_no_axe_violations(page, "care manager after a week on the learner's choices")


def test_next_week_without_choices_follows_the_registry(page, site_server):
    open_app(page, site_server, "?scenario=clinic&view=caremanager")
    wait_for_worklist(page, 53)
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, 53)
    wait_for_worklist(page, 54)
    assert "(the registry order)" in page.inner_text("[data-cc-care-last]")
    assert recorded_exercises(page) == [], "watching a week go by is not the care-manager exercise"
    assert "state=" not in page.url  # no choices were made, so the link needs no token


def test_a_debrief_appears_after_a_held_review(page, site_server):
    open_app(page, site_server, "?scenario=clinic&view=review")
    panel = page.locator("#cc-panel-review")
    assert panel.locator("[data-cc-debrief]").is_hidden()
    routine = panel.locator("[data-cc-discuss]:not([disabled])")
    left_out = routine.first.get_attribute("data-cc-discuss")
    routine.first.uncheck()
    panel.get_by_role("button", name="Hold the review and run the week").click()
    wait_for_week(page, 53)
    page.wait_for_selector("#cc-debrief-heading")
    debrief = panel.locator("[data-cc-debrief]")
    assert "Debrief: Week 52 review" in debrief.inner_text()
    points = debrief.locator("[data-cc-debrief-point]")
    assert points.count() == 4
    agenda = debrief.locator('[data-cc-debrief-point="agenda"]')
    assert agenda.get_attribute("data-cc-differs") == "true" and left_out in agenda.inner_text()
    row = debrief.locator(f'[data-cc-debrief-row="{left_out}"]')
    assert "not on your list" in row.inner_text()
    assert "You held 1 review" in debrief.locator("[data-cc-debrief-summary]").inner_text()
    assert recorded_exercises(page) == ["debriefed-review"]
    assert_no_axe_violations(page, "review debrief")


def test_bringing_a_review_list_and_moving_a_call_by_keyboard_shows_the_late_step_up(page, site_server):
    open_app(page, site_server, "?scenario=clinic&view=caremanager")
    wait_for_worklist(page, 53)
    panel = page.locator("#cc-panel-caremanager")
    time_line = panel.locator("[data-cc-care-review-time]")
    assert time_line.get_attribute("aria-live") == "polite"
    full = time_line.inner_text()
    assert re.match(r"^Review time: (\d+) of \1 places used", full), full
    waiting = panel.locator('[data-cc-bring-tier="not_improving"] [data-cc-bring]').first
    left_off = waiting.get_attribute("data-cc-bring")
    assert waiting.is_checked()
    waiting.focus()
    page.keyboard.press("Space")  # leave a patient who is not improving off the review
    page.wait_for_function("(before) => document.querySelector('[data-cc-care-review-time]').textContent !== before",
                           arg=full)
    places = re.match(r"^Review time: (\d+) of (\d+) places used", time_line.inner_text())
    assert places and int(places[1]) == int(places[2]) - 1
    assert f"Left off: {left_off}" in panel.locator("[data-cc-care-review-summary]").inner_text()
    assert page.evaluate("() => document.activeElement.getAttribute('data-cc-bring')") == left_off
    safety = panel.locator('[data-cc-bring-tier="safety"] [data-cc-bring]')
    assert safety.count() and safety.first.is_disabled() and safety.first.is_checked()
    spare = panel.locator(f'[data-cc-bring]:not(:checked):not([data-cc-bring="{left_off}"])')
    before = time_line.inner_text()
    spare.first.focus()
    page.keyboard.press("Space")  # bring someone else into the freed place
    page.wait_for_function("(before) => document.querySelector('[data-cc-care-review-time]').textContent !== before",
                           arg=before)
    before = time_line.inner_text()
    spare.first.focus()
    page.keyboard.press("Space")  # and one more than the places allow
    page.wait_for_function("() => document.querySelector('[data-cc-care-review-error]').textContent !== ''")
    error = panel.locator("[data-cc-care-review-error]").inner_text()
    assert f"The consultant has time for {places[2]} patient(s)" in error and "Remove 1" in error
    assert time_line.inner_text() == before, "a refused list leaves the time as it was"
    page.keyboard.press("Space")  # untick the one too many: the message goes, the list stands
    page.wait_for_function("() => document.querySelector('[data-cc-care-review-error]').textContent === ''")
    assert re.match(rf"^Review time: {places[2]} of {places[2]} places used", time_line.inner_text())
    assert_no_axe_violations(page, "care manager's review list with a patient left off")
    first = panel.locator("[data-cc-call]").first.get_attribute("data-cc-call")
    later = panel.locator(f'[data-cc-move="down"][data-cc-move-id="{first}"]')
    box = later.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    name = later.get_attribute("aria-label")
    assert first in name and "later" in name
    later.focus()
    page.keyboard.press("Enter")  # call the first patient second
    page.wait_for_function("(id) => document.querySelector('[data-cc-care-position=\"' + id + '\"]')"
                           "?.textContent.startsWith('2 of')", arg=first)
    assert panel.locator("[data-cc-call]").nth(1).get_attribute("data-cc-call") == first
    focused = page.evaluate("() => [document.activeElement.getAttribute('data-cc-move'),"
                            " document.activeElement.getAttribute('data-cc-move-id')]")
    assert focused == ["down", first]
    assert_no_axe_violations(page, "care manager's worklist after moving a call")
    run_the_week_by_keyboard(page, panel, 53)
    said = panel.locator("[data-cc-care-last-review]").inner_text()
    assert "(your list)" in said and f"your list left them off: {left_off}" in said
    late = panel.locator('[data-cc-care-group="step_up_late"]')
    late.locator("summary").click()
    entry = late.locator(f'[data-cc-care-consequence="{left_off}"]')
    assert "left them off the review on week 53" in entry.inner_text()
    wait_for_query(page, "state=")  # the link carries the review list (written just after the draw)
    assert_no_axe_violations(page, "care manager after a week with the learner's review list")


def test_on_a_phone_a_tap_moves_a_call_and_changes_the_review_list(phone_page, site_server):
    page = phone_page
    open_app(page, site_server, "?scenario=clinic&view=caremanager")
    wait_for_worklist(page, 53)
    panel = page.locator("#cc-panel-caremanager")
    second = panel.locator("[data-cc-call]").nth(1).get_attribute("data-cc-call")
    earlier = panel.locator(f'[data-cc-move="up"][data-cc-move-id="{second}"]')
    earlier.scroll_into_view_if_needed()
    box = earlier.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"reorder target {box} is under 24 x 24 px (WCAG 2.5.8)"
    earlier.tap()
    page.wait_for_function("(id) => document.querySelector('[data-cc-care-position=\"' + id + '\"]')"
                           "?.textContent.startsWith('1 of')", arg=second)
    bring = panel.locator('[data-cc-bring-tier="not_improving"] [data-cc-bring]').first
    bring.scroll_into_view_if_needed()
    box = bring.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"review tick box {box} is under 24 x 24 px"
    before = panel.locator("[data-cc-care-review-time]").inner_text()
    bring.tap()
    page.wait_for_function("(before) => document.querySelector('[data-cc-care-review-time]').textContent !== before",
                           arg=before)
    assert not panel.locator(f'[data-cc-bring="{bring.get_attribute("data-cc-bring")}"]').is_checked()
    assert page.watch.console_errors == []
