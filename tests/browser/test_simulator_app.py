"""The simulator app in Chromium: registry, controls, review, patient, outcomes, links, trainer tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explainer import api
from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS, axe_violations

pytestmark = pytest.mark.browser

SIMULATOR = "simulator/"


def open_app(page, base: str, query: str = "") -> None:
    """Open the simulator (optionally with a query) and wait until its state has been drawn by Python."""
    page.goto(base + SIMULATOR + query)
    page.wait_for_function(
        "() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'", timeout=PYTHON_READY_TIMEOUT_MS
    )


def week_label(page) -> str:
    return page.text_content("[data-cc-week-label]")


ROWS_SETTLED = "() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))"
"""Resolves once the registry's rows off screen have their new words: the page gives them those just
after the frame that shows the week (registry.js rowsOnScreen), from a timeout it sets in an earlier
animation frame, which runs before this one's."""


def wait_for_week(page, week: int) -> None:
    """Wait until the page shows this week, every registry row included."""
    page.wait_for_function(
        f"() => document.querySelector('[data-cc-week-label]').textContent.startsWith('Week {week} ')"
    )
    page.evaluate(ROWS_SETTLED)


def wait_for_query(page, text: str) -> None:
    """Wait until the address bar's query holds text (the page writes it just after drawing)."""
    page.wait_for_function("(text) => location.search.includes(text)", arg=text)


def registry_text(page) -> str:
    return page.inner_text("[data-cc-registry-body]")


def wait_for_message(page, text: str) -> None:
    """Wait until the simulator's message box says something containing text."""
    page.wait_for_function(
        "(text) => document.querySelector('[data-cc-app-message]').textContent.includes(text)", arg=text
    )


def assert_no_axe_violations(page, state: str) -> None:
    count, report = axe_violations(page)
    assert count == 0, f"{state}: axe-core found violations:\n{report}"


def default_view(page) -> dict:
    """The opening state of the page's default scenario, from the explainer itself."""
    config = json.loads(page.get_attribute("[data-cc-app]", "data-cc-config"))
    response = json.loads(api.call(json.dumps({"op": "create", "args": {"scenario": config["defaultScenario"]}})))
    return response["result"]


def test_registry_is_there_before_python_and_says_so_without_webassembly(watched_page, site_server):
    page = watched_page
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(site_server + SIMULATOR)
    view = default_view(page)
    count = len(view["registry"]["rows"])
    assert page.locator("[data-cc-registry-body] tr").count() == 25
    assert f"{count} synthetic patients, the first 25 shown" in page.inner_text("[data-cc-registry-table] caption")
    assert f"The first 25 of {count} patients are shown." in page.inner_text("[data-cc-registry-more]")
    assert f"Week {view['week']} of {view['weeks']}" in week_label(page)
    error = page.locator("[data-cc-boot-error]")
    error.wait_for()
    assert "cannot run WebAssembly" in error.inner_text()
    assert page.locator(".cc-walk__step").count() >= 8, "the walkthrough stays readable without Python"
    assert page.get_by_role("button", name="Next week").is_disabled()
    assert_no_axe_violations(page, "no WebAssembly")


def between_tags(markup: str) -> str:
    """Markup with the layout whitespace between tags dropped (the build indents its rows)."""
    return re.sub(r">\s+<", "><", markup).strip()


def registry_markup(page) -> str:
    """The registry body's markup, with the build's "inert until Python is ready" marks taken off."""
    return page.evaluate(
        """() => document.querySelector('[data-cc-registry-body]').innerHTML.replaceAll(' disabled=""', '')"""
    )


def test_python_draws_the_same_registry_markup_as_the_build(page, site_server, context):
    without_python = context.new_page()
    without_python.add_init_script("delete globalThis.WebAssembly")
    without_python.goto(site_server + SIMULATOR)
    built = registry_markup(without_python)
    built_text = registry_text(without_python)
    open_app(page, site_server)
    assert registry_text(page) == built_text
    start = default_view(page)["week"]
    # The page keeps the build's rows for the opening state; make Python draw that week itself.
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, start + 1)
    assert registry_text(page) != built_text
    page.get_by_role("button", name="Back a week").click()
    wait_for_week(page, start)
    drawn = page.evaluate("() => document.querySelector('[data-cc-registry-body]').innerHTML")
    assert " disabled" not in drawn
    assert between_tags(drawn) == between_tags(built)


def test_rows_the_page_draws_from_scratch_match_the_build_markup(page, site_server, context):
    """Every build-time row is dropped and drawn again by registry.js: the two builders agree tag for tag."""
    without_python = context.new_page()
    without_python.add_init_script("delete globalThis.WebAssembly")
    without_python.goto(site_server + SIMULATOR)
    built = registry_markup(without_python)
    open_app(page, site_server)
    shown = default_view(page)["registry"]["rows"][:25]
    assert any(row["flags"] for row in shown), "the compared rows include flags, with their source links"
    flags = [option for option in page.eval_on_selector_all("[data-cc-filter] option", "os => os.map(o => o.value)")
             if option and not any(flag["flag"] == option for row in shown for flag in row["flags"])]
    assert flags, "some flag is on none of the first rows, so filtering by it empties the table"
    page.evaluate("() => { for (const tr of document.querySelectorAll('[data-cc-patient-row]')) tr.ccBuilt = true; }")
    page.select_option("[data-cc-filter]", flags[0])
    page.select_option("[data-cc-filter]", "")
    page.wait_for_function("() => document.querySelectorAll('[data-cc-patient-row]').length === 25")
    kept = page.evaluate("() => [...document.querySelectorAll('[data-cc-patient-row]')].some(tr => tr.ccBuilt)")
    assert kept is False, "every row was drawn again by the page"
    drawn = page.evaluate("() => document.querySelector('[data-cc-registry-body]').innerHTML")
    assert between_tags(drawn) == between_tags(built)


def test_show_all_patients_and_back_to_the_first_rows(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=8")
    rows = page.locator("[data-cc-registry-body] tr")
    assert rows.count() == 25
    show = page.get_by_role("button", name="Show all 100 patients")
    show.focus()
    page.keyboard.press("Enter")
    assert rows.count() == 100
    caption = page.inner_text("[data-cc-registry-table] caption")
    assert caption.startswith("Registry at week 8: 100 synthetic patients (")
    assert "All 100 patients are shown." in page.inner_text("[data-cc-registry-more]")
    assert page.evaluate("document.activeElement.dataset.ccAction") == "all-rows", "focus stays on the button"
    page.get_by_role("button", name="PHQ-9 first → latest").click()
    assert rows.count() == 100, "sorting keeps every row"
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, 9)
    assert rows.count() == 100, "a week's step keeps every row"
    page.get_by_role("button", name="Show the first 25 only").click()
    assert rows.count() == 25
    # The first 25 follow the chosen order: the lowest PHQ-9 change comes first.
    changes = page.evaluate("""() => Object.fromEntries(window.CCSim.app.view.registry.rows
        .map((row) => [row.id, row.phq9_change ?? -Infinity]))""")
    assert changes[rows.first.get_attribute("data-cc-patient-row")] == min(changes.values())


def test_a_week_step_keeps_keyboard_focus_on_the_patient(page, site_server):
    open_app(page, site_server, "?scenario=impact-like")
    button = page.locator("[data-cc-open-patient]").nth(3)
    patient = button.get_attribute("data-cc-open-patient")
    button.focus()
    for week in (1, 2):
        page.keyboard.press("n")
        wait_for_week(page, week)
        assert page.evaluate("document.activeElement.dataset.ccOpenPatient") == patient


def test_next_back_reset_and_play(watched_page, site_server):
    page = watched_page
    open_app(page, site_server, "?scenario=impact-like")
    start = registry_text(page)
    next_week = page.get_by_role("button", name="Next week")
    for week in (1, 2, 3):
        next_week.click()
        wait_for_week(page, week)
    page.get_by_role("button", name="Back a week").click()
    wait_for_week(page, 2)
    wait_for_query(page, "week=2")
    assert page.text_content("[data-cc-announce]").startswith("Week 2"), "the live region narrates the change"
    page.get_by_role("button", name="Reset").click()
    wait_for_week(page, 0)
    assert registry_text(page) == start, "reset returns to the scenario's start exactly"
    page.locator("[data-cc-app-message]").get_by_role("button", name="Undo").wait_for()
    page.get_by_role("button", name="Play").click()
    wait_for_week(page, 2)
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.CCSim.app.playing === null"), "Pause stops the weekly timer at once"
    assert page.get_by_role("button", name="Play").get_attribute("aria-pressed") == "false"
    assert page.watch.console_errors == []


def test_sort_filter_and_why(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=14")
    page.get_by_role("button", name="PHQ-9 first → latest").click()
    header = page.locator("th", has=page.locator('[data-cc-sort="phq9"]'))
    assert header.get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="PHQ-9 first → latest").click()
    assert header.get_attribute("aria-sort") == "descending"
    page.select_option("[data-cc-filter]", "not_improving")
    rows = page.locator("[data-cc-registry-body] tr")
    assert rows.count() > 0
    for index in range(rows.count()):
        assert "Not improving" in rows.nth(index).inner_text()
    flag = rows.first.locator("details.cc-flag--not_improving")
    flag.locator("summary").click()
    why = flag.locator("p")
    assert "Source: AIMS Center" in why.inner_text(), "a source is named by its title, not its key"
    assert why.locator("a").get_attribute("href").endswith("#src-aims-pc")


def api_view(op: str, args: dict) -> dict:
    return json.loads(api.call(json.dumps({"op": op, "args": args})))["result"]


def test_an_open_why_stays_open_when_the_week_changes_the_row_flags(page, site_server):
    """A chip that stays from one week to the next keeps its open "why", with the new week's reason,
    even when other chips in the same cell come or go or its reason changes."""
    view = api_view("create", {"scenario": "impact-like"})
    for _ in range(12):
        after = api_view("step", {"token": view["token"], "weeks": 1})
        later = {row["id"]: row["flags"] for row in after["registry"]["rows"]}
        first = sorted(view["registry"]["rows"], key=lambda r: r["id"])[:25]
        kept = [(row["id"], flag["flag"], later[row["id"]]) for row in first
                if row["id"] in later and row["flags"] != later[row["id"]]
                for flag in row["flags"] if flag["flag"] in {f["flag"] for f in later[row["id"]]}]
        if kept:
            break
        view = after
    assert kept, "some row among the first 25 keeps a flag while its flags change"
    patient, flag, flags_after = kept[0]
    open_app(page, site_server, f"?scenario=impact-like&week={view['week']}")
    chip = page.locator(f'[data-cc-patient-row="{patient}"] details.cc-flag--{flag}')
    chip.locator("summary").click()
    assert chip.get_attribute("open") is not None
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, view["week"] + 1)
    assert chip.get_attribute("open") is not None, "the open why is still open"
    reason = next(f["reason"] for f in flags_after if f["flag"] == flag)
    assert reason in chip.locator("p").inner_text()
    assert page.locator(f'[data-cc-patient-row="{patient}"] details.cc-flag').count() == len(flags_after)


def test_caseload_review_in_the_consultants_chair(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=6&view=review")
    assert page.get_by_role("tab", name="Caseload review").get_attribute("aria-selected") == "true"
    panel = page.locator("#cc-panel-review")
    assert "Consultant time this week" in panel.inner_text()
    safety = panel.locator("tr", has_text="Safety flag").locator("[data-cc-discuss]")
    if safety.count():
        assert safety.first.is_disabled(), "safety-flagged patients cannot be taken off the agenda"
    routine = panel.locator("[data-cc-discuss]:not([disabled])")
    first_id = routine.first.get_attribute("data-cc-discuss")
    slots_line = panel.locator("[data-cc-review-left]")
    chosen_before = int(slots_line.inner_text().split("Chosen: ")[1].split(" ")[0])
    routine.first.uncheck()
    assert f"Chosen: {chosen_before - 1} of" in slots_line.inner_text()
    assert "Consultant time left" in slots_line.inner_text()
    second = routine.nth(1)
    second_id = second.get_attribute("data-cc-discuss")
    panel.locator(f'[data-cc-recommend="{second_id}"]').select_option("direct-evaluation")
    assert_no_axe_violations(page, "review")
    panel.get_by_role("button", name="Hold the review and run the week").click()
    wait_for_week(page, 7)
    wait_for_query(page, "state=")  # a run with the learner's decisions is shared by its token
    token = page.url.split("state=")[1].split("&")[0]
    detail = page.evaluate("(token) => window.CCSim.python.call('state', {token})", token)
    decided = detail["result"]["decisions"][0]
    assert first_id not in decided["discuss"] and second_id in decided["discuss"]
    assert decided["recommend"][second_id] == "direct-evaluation"


def test_patient_detail_with_chart_and_data_table(page, site_server):
    open_app(page, site_server, "?scenario=walkthrough&week=14&view=registry")
    page.get_by_role("button", name="Margaret O. (synthetic)").click()
    page.locator("#cc-patient-heading").wait_for()
    chart = page.locator("#cc-panel-patient svg[role=img]")
    assert "PHQ-9 and GAD-7" in chart.locator("title").text_content()
    assert "PHQ-9 went from 14" in chart.locator("desc").text_content()
    assert page.locator("#cc-panel-patient tbody tr").count() >= 5
    wait_for_query(page, "view=patient&patient=S-0001")
    assert_no_axe_violations(page, "patient detail")


def test_outcomes_set_your_run_beside_the_reference_arms(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=10&view=outcomes")
    page.locator("[data-cc-outcomes] figure svg[role=img]").wait_for(timeout=60_000)
    box = page.locator("[data-cc-outcomes]")
    table = box.locator("table").first
    text = table.inner_text()
    assert "Usual care" in text and "Collaborative Care (reference, week 52)" in text
    assert "usual-care" not in box.inner_text() and "cocm-" not in box.inner_text(), "no arm ids on screen"
    first = table.locator("tbody tr").first.inner_text()
    assert first.startswith("Your run (week 10"), "the learner's own run comes first, and says how far it goes"
    assert "What each figure counts: Response is a share of all" in box.inner_text()
    assert "not calibrated" in page.inner_text("[data-cc-remission-note]")
    process = page.locator("[data-cc-process] table")
    assert process.locator("tbody tr").count() >= 3
    assert "Range in the sources" in process.inner_text()
    assert "Patients per consultant hour" in box.inner_text()
    assert_no_axe_violations(page, "outcomes")


def test_mid_run_state_is_accessible(page, site_server):
    open_app(page, site_server, "?scenario=understaffed&week=10")
    assert "Week 10 of 52" in week_label(page)
    assert int(page.text_content("[data-cc-caption-count]")) > 150
    page.get_by_role("button", name="Show all").click()
    assert page.locator("[data-cc-registry-body] tr").count() > 150
    assert_no_axe_violations(page, "mid-run, every patient shown")


def test_scenario_picker_and_settings_validation(page, site_server):
    open_app(page, site_server)
    page.select_option("[data-cc-scenario]", "understaffed")
    wait_for_query(page, "scenario=understaffed")
    before = registry_text(page)
    page.locator("[data-cc-settings] summary").click()
    page.fill("#cc-set-patients", "lots")
    page.get_by_role("button", name="Apply and restart").click()
    assert page.text_content('[data-cc-error-for="patients"]') == "Enter a whole number."
    page.fill("#cc-set-patients", "50000")
    page.get_by_role("button", name="Apply and restart").click()
    page.wait_for_function("() => document.querySelector('[data-cc-error-for=\"patients\"]').textContent.length > 0")
    assert registry_text(page) == before, "a refused setting leaves the state as it was"
    page.fill("#cc-set-patients", "60")
    page.locator("input[name=review]").uncheck()
    page.get_by_role("button", name="Apply and restart").click()
    wait_for_query(page, "caseload=60")
    assert int(page.text_content("[data-cc-caption-count]")) <= 60
    assert "caseload=60" in page.url and "review=0" in page.url


def test_a_link_reopens_the_same_state(page, site_server, context):
    open_app(page, site_server, "?scenario=comorbid&seed=7&week=9&view=registry")
    wait_for_query(page, "seed=7")
    link = page.url
    registry = registry_text(page)
    other = context.new_page()
    open_app(other, site_server, link.split(SIMULATOR, 1)[1])
    assert registry_text(other) == registry
    assert "Week 9 of 52" in week_label(other)


def test_tampered_links_get_a_message_and_the_default_state(page, site_server):
    open_app(page, site_server, "?state=c1.not-a-real-token")
    message = page.locator("[data-cc-app-message]")
    assert message.is_visible() and "could not be opened" in message.inner_text()
    view = default_view(page)
    assert f"Week {view['week']} of {view['weeks']}" in week_label(page)
    open_app(page, site_server, "?scenario=impact-like&week=lots")
    assert "week must be a whole number" in page.inner_text("[data-cc-app-message]")
    open_app(page, site_server, "?scenario=no-such-scenario")
    assert "could not be opened" in page.inner_text("[data-cc-app-message]")


def test_presenter_mode_and_keyboard(page, site_server):
    open_app(page, site_server, "?scenario=impact-like")
    page.locator("body").press("n")
    wait_for_week(page, 1)
    page.keyboard.press("?")
    dialog = page.locator("[data-cc-help]")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    page.keyboard.press("4")
    assert page.get_by_role("tab", name="Outcomes").get_attribute("aria-selected") == "true"
    page.get_by_role("tab", name="Outcomes").press("ArrowLeft")
    assert page.get_by_role("tab", name="Patient").get_attribute("aria-selected") == "true"
    page.get_by_role("button", name="Presenter mode").click()
    assert page.evaluate("document.body.classList.contains('cc-presenter')")
    assert not page.locator(".md-header").is_visible()
    wait_for_query(page, "present=1")
    assert_no_axe_violations(page, "presenter mode")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.body.classList.contains('cc-presenter')")


def test_exports_are_marked_synthetic(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=3")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Export registry (CSV)").click()
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert csv_text.startswith("# SYNTHETIC DATA")
    assert len(csv_text.strip().splitlines()) == 2 + 100
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Export scenario (JSON)").click()
    scenario = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert scenario["synthetic"] is True and scenario["id"] == "impact-like"


def test_import_checks_the_file_and_keeps_the_state_on_error(page, site_server, tmp_path):
    open_app(page, site_server, "?scenario=impact-like&week=2")
    before = registry_text(page)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    page.set_input_files("[data-cc-import]", str(broken))
    wait_for_message(page, "not valid JSON")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"id": "mine", "title": "<img src=x onerror=alert(1)>", "weeks": -3}))
    page.set_input_files("[data-cc-import]", str(wrong))
    wait_for_message(page, "Nothing was changed")
    assert registry_text(page) == before and "Week 2 of 52" in week_label(page)
    assert page.locator("[data-cc-app-message] img").count() == 0, "text from files is shown as text"
    scenario = page.evaluate("() => window.CCSim.python.call('scenario', {id: 'walkthrough'})")["result"]["scenario"]
    scenario["id"] = "my-walkthrough"
    scenario["title"] = "My own walkthrough"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(scenario))
    page.set_input_files("[data-cc-import]", str(good))
    wait_for_message(page, "My own walkthrough")
    assert page.locator("[data-cc-registry-body] tr").count() == 1
    picked = "() => document.querySelector('[data-cc-scenario]').selectedOptions[0]?.text"
    assert page.evaluate(picked) == "My own walkthrough", "the scenario list names the imported scenario"
    page.select_option("[data-cc-scenario]", "impact-like")
    page.wait_for_function("() => window.CCSim.app.view.scenario.id === 'impact-like'")
    assert page.evaluate(picked) == page.evaluate("window.CCSim.app.view.scenario.title")
    assert page.locator("[data-cc-scenario] [data-cc-imported]").count() == 0, "the imported entry goes with it"


def test_a_crashed_or_hung_worker_is_restarted_with_the_state_restored(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=4")
    before = registry_text(page)
    page.evaluate("window.CCSim.python.drill('crash')")
    page.wait_for_function(
        "() => document.querySelector('[data-cc-app-message]').textContent.includes('restarted')",
        timeout=PYTHON_READY_TIMEOUT_MS,
    )
    assert registry_text(page) == before and "Week 4 of 52" in week_label(page)
    # The next week is usually computed ahead already: drop it, so that this click waits on the hung worker.
    page.evaluate("window.CCSim.python.callTimeoutMs = 5000; window.CCSim.python.ahead = null; "
                  "window.CCSim.python.drill('hang')")
    page.get_by_role("button", name="Next week").click()
    page.wait_for_function("() => document.querySelector('[data-cc-ready]')?.dataset.ccReady === 'restarting'",
                           timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-cc-simulator]').dataset.ccReady === 'true'",
                           timeout=PYTHON_READY_TIMEOUT_MS)
    wait_for_message(page, "restarted")
    page.evaluate("window.CCSim.python.callTimeoutMs = 30000")
    assert "Week 4 of 52" in week_label(page)
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, 5)


def test_guided_walkthrough_predict_then_run_then_reflect(page, site_server):
    open_app(page, site_server)
    page.get_by_role("tab", name="Guided walkthrough").click()
    assert page.locator(".cc-walk__all").get_attribute("open") is None, "the steps' outcomes start folded away"
    page.get_by_role("button", name="Start the walkthrough").click()
    live = page.locator("[data-cc-walk-live]")
    live.wait_for()
    assert "Step 1 of" in live.inner_text()
    assert not page.locator(".cc-walk__all").is_visible(), "only the current step shows"
    for _ in range(12):
        button = page.locator("[data-cc-walk-next]")
        if "Run to week 10" in button.inner_text():
            break
        button.click()
    text = live.inner_text()
    assert "Predict" in text and "Predict: Predict" not in text and "Predict:" not in text
    assert "not improving" not in text.lower(), "the prompt does not give the outcome away"
    guess = "She will be flagged as not improving."
    page.fill("#cc-walk-guess", guess)
    page.locator("[data-cc-walk-next]").click()
    wait_for_week(page, 10)
    assert page.inner_text("[data-cc-walk-kept]") == guess, "the prediction stays beside what happened"
    assert "not improving" in page.inner_text(".cc-walk__happened").lower()
    assert "Reflect" in live.inner_text()
    chart = live.locator("svg[role=img]")
    chart.wait_for()
    assert "Margaret O." in chart.locator("title").text_content()


def test_a_link_into_a_programme_already_running_lands_on_its_week_and_back_stops_where_it_opens(page, site_server):
    # clinic opens at week 52 of 104 (a caseload in progress); a link names the week a learner sees.
    open_app(page, site_server, "?scenario=clinic&week=55")
    assert "Week 55 of 104" in week_label(page)
    open_app(page, site_server, "?scenario=clinic")
    assert "Week 52 of 104" in week_label(page)
    page.keyboard.press("b")  # Back at the opening week goes nowhere and says so
    page.wait_for_function("() => document.querySelector('[data-cc-app-message]').textContent.includes('first week')")
    assert "Week 52 of 104" in week_label(page)


AHEAD_SETTLED = """() => new Promise((resolve) => {
  const python = window.CCSim.python, token = window.CCSim.app.view.token;
  const wait = () => (python.ahead && python.ahead.request.includes(token)
    ? python.ahead.answer.then(() => resolve(true)) : setTimeout(wait, 20));
  wait();
})"""


def test_the_week_computed_ahead_is_the_week_a_click_computes(page, site_server, context):
    """Once a week is drawn the worker steps ahead; the click shows that answer, which is exactly what
    a run computed from the start gives, and a change (here, Back) throws the answer away unread."""
    open_app(page, site_server, "?scenario=impact-like&week=3")
    page.evaluate(AHEAD_SETTLED)
    ahead = page.evaluate("() => window.CCSim.python.ahead.request")
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, 4)
    assert page.evaluate("() => window.CCSim.python.ahead?.request") != ahead, "the answer was used once"
    fresh = context.new_page()
    open_app(fresh, site_server, "?scenario=impact-like&week=4")
    assert registry_text(page) == registry_text(fresh), "the same registry as a run computed from week 0"
    assert page.evaluate("window.CCSim.app.view.token") == fresh.evaluate("window.CCSim.app.view.token")
    fresh.close()
    page.evaluate(AHEAD_SETTLED)
    page.get_by_role("button", name="Back a week").click()
    wait_for_week(page, 3)
    page.get_by_role("button", name="Next week").click()
    wait_for_week(page, 4)
    restored = page.evaluate("""() => window.CCSim.python.call('restore', {token: window.CCSim.app.view.token})
        .then((r) => r.result.registry.rows)""")
    assert restored == page.evaluate("window.CCSim.app.view.registry.rows")
