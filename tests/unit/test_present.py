"""The words the simulator page shows (explainer/present.py, present_outcomes.py), made in Python for both
the build and the page: registry cells and rows shown, the caseload review panel, the outcomes view."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explainer import api, measures, present, present_outcomes

ROOT = Path(__file__).resolve().parents[2]


def test_score_text_names_the_direction_and_rounds_half_up():
    assert present.score_text(14, 7, 0.5) == "14 → 7 (50% lower)"
    assert present.score_text(10, 12, -0.2) == "10 → 12 (20% higher)"
    assert present.score_text(9, 9, 0.0) == "9 → 9 (no change)"
    assert present.score_text(16, 15, 0.0625) == "16 → 15 (6% lower)"
    assert present.score_text(None, None, None) == "—"


def test_every_row_of_the_view_carries_its_cell_text():
    view = json.loads(api.call(json.dumps({"op": "create", "args": {"scenario": "impact-like"}})))["result"]
    view = json.loads(api.call(json.dumps({"op": "step", "args": {"token": view["token"], "weeks": 6}})))["result"]
    for row in view["registry"]["rows"]:
        assert row["phq9_text"] == present.score_text(row["phq9_initial"], row["phq9_latest"], row["phq9_change"])
        assert row["contacts_text"].startswith(str(row["contacts"]))
        assert row["review_text"] == ("—" if row["last_review_week"] is None else f"week {row['last_review_week']}")


def call(op: str, **args):
    return json.loads(api.call(json.dumps({"op": op, "args": args})))["result"]


def test_rows_carry_every_cell_and_flag_word_the_page_lays_out():
    view = call("step", token=call("create", scenario="clinic")["token"], weeks=3)
    flagged = 0
    for row in view["registry"]["rows"]:
        assert row["age_text"] == f"{row['age']}, {row['sex']}"
        # "both" is said in words: a reader sees which two conditions the patient has.
        said = {"both": "depression and anxiety"}.get(row["condition"], row["condition"])
        assert row["condition_text"].startswith(said)
        assert not row["condition_text"].startswith("both")
        assert row["step_text"] == f"{row['treatment_step']}: {row['treatment']}"
        for flag in row["flags"]:
            flagged += 1
            assert flag["icon"] == present.FLAG_ICONS[flag["flag"]]
            assert flag["source_lead"] == present.SOURCE_LEAD
    assert flagged, "the clinic has flagged patients by week 3"


def test_statistics_and_agenda_come_in_words():
    view = call("create", scenario="clinic")
    stats = view["registry"]["statistics"]
    words = view["registry"]["statistics_text"]
    assert words["items"][0] == {"label": "Active", "text": str(stats["active"])}
    assert {"label": "Reviewed", "text": present.percent_text(stats["reviewed_share"])} in words["items"]
    assert all(note.endswith(".") and "a share of" in note for note in words["notes"])
    for item in view["agenda"]["items"]:
        assert item["tier_label"] == present.TIER_WORDS[item["tier"]][0]
    assert [t["id"] for t in call("rules")["agenda_tier_labels"]] == call("rules")["agenda_tiers"]


def test_chart_lines_follow_the_measures_constants(monkeypatch):
    lines = present.chart_lines(16)
    assert lines[0]["value"] == 16 * (1 - measures.RESPONSE_DROP)
    assert lines[1]["value"] < measures.REMISSION_BELOW <= lines[1]["value"] + 1
    monkeypatch.setattr(measures, "RESPONSE_DROP", 0.6)
    monkeypatch.setattr(measures, "REMISSION_BELOW", 7)
    moved = present.chart_lines(20)
    assert moved[0]["value"] == 8 and "60%" in moved[0]["label"]
    assert moved[1]["label"] == "remission: PHQ-9 below 7"
    assert present.chart_lines(None) == [moved[1]], "no first score, no response line"


def test_scorer_notes_name_the_thresholds_from_the_measures():
    answers = [1, 1, 0, 1, 0, 1, 0, 0, 0]
    result = call("score", instrument="PHQ-9", answers=answers, baseline=16)
    assert result["headline"] == "Total: 4 of 27 — band: none-minimal."
    assert "Change from the earlier total of 16: 75% lower." in result["notes"]
    assert f"This counts as a response (a drop of at least {round(measures.RESPONSE_DROP * 100)}%)." in result["notes"]
    assert f"This total is in the remission range (below {measures.REMISSION_BELOW})." in result["notes"]
    zero = call("score", instrument="PHQ-9", answers=answers, baseline=0)
    assert not any("lower" in note for note in zero["notes"])
    risky = call("score", instrument="PHQ-9", answers=answers[:-1] + [2])
    assert risky["notes"][0].startswith("Safety flag: item 9")


def test_the_scores_table_marks_item_9_at_the_safety_threshold():
    entry = {"phq9": 14, "phq9_band": "moderate", "gad7": 6, "gad7_band": "mild", "item9": measures.SAFETY_ITEM_MIN}
    assert present.measurement_text(entry)["phq9_text"] == f"14 (moderate), item 9: {measures.SAFETY_ITEM_MIN}"
    assert present.measurement_text({**entry, "item9": 0})["phq9_text"] == "14 (moderate)"
    assert present.measurement_text(entry)["gad7_text"] == "6 (mild)"


def test_every_fidelity_switch_has_its_words():
    from dataclasses import fields

    from explainer.params import Fidelity

    assert set(present.FIDELITY_WORDS) == {f.name for f in fields(Fidelity)}


def test_a_run_computed_ahead_answers_exactly_as_one_computed_on_the_click():
    """The page asks for the next week before the click (python-session.js lookAhead) on the worker's
    one cached Api, which has then stepped the run in place; any later request for that week, or for
    the one before it, is answered exactly as by a fresh, stateless call."""
    cached = api.Api()
    opened = cached.dispatch("create", {"scenario": "clinic"})["token"]
    token = cached.dispatch("step", {"token": opened, "weeks": 4})["token"]
    ahead = cached.call(json.dumps({"op": "step", "args": {"token": token, "weeks": 1}}))
    assert ahead == api.call(json.dumps({"op": "step", "args": {"token": token, "weeks": 1}}))
    for op in ("patient", "undo", "reset", "restore"):
        args = {"token": token, "id": "S-0001"} if op == "patient" else {"token": token}
        request = json.dumps({"op": op, "args": args})
        assert cached.call(request) == api.call(request), op


def test_outcomes_name_what_each_rate_is_a_share_of():
    result = call("outcomes", scenario="impact-like", patients=120)
    counts = result["arms"][0]["final"]["denominators"]
    lead = f"What each figure counts: Response is a share of {counts['response_rate']}"
    assert result["denominators_text"].startswith(lead)
    assert present_outcomes.denominators_text({}) is None


def test_the_rows_note_counts_every_filter_and_words_only_more_than_the_first_screen():
    view = call("create", scenario="clinic")
    rows = view["registry"]["rows"]
    shown = view["registry"]["shown_text"]
    first = shown["first"]
    assert first == present.REGISTRY_FIRST_ROWS
    everyone = shown["by_filter"][""]
    assert len(rows) > first and everyone == {
        "count": len(rows), "caption_first": f", the first {first} shown",
        "note_first": f"The first {first} of {len(rows)} patients are shown.",
        "note_all": f"All {len(rows)} patients are shown.",
        "show_all": f"Show all {len(rows)} patients", "show_first": f"Show the first {first} only"}
    for name, words in shown["by_filter"].items():
        if name:
            assert words["count"] == sum(any(f["flag"] == name for f in row["flags"]) for row in rows), name
            assert ("note_first" in words) == (words["count"] > first), "a filter that fits the screen says nothing"
    few = present.rows_shown_text(rows[:3], first=2)["by_filter"][""]
    assert few["note_first"] == "The first 2 of 3 patients are shown." and few["show_first"] == "Show the first 2 only"


def test_the_review_panel_says_why_there_is_no_agenda():
    assert call("create", scenario="clinic")["review_note"] is None
    off = call("create", scenario="clinic", overrides={"fidelity": {"review": False}})
    assert off["agenda"] is None and off["review_note"].startswith("This clinic holds no weekly caseload review")
    short = call("create", scenario="impact-like", overrides={"patients": 40, "weeks": 1})
    ended = call("step", token=short["token"])
    assert ended["done"] and ended["review_note"] == "The run has ended; there are no more reviews."
    quiet = call("step", token=call("create", scenario="walkthrough")["token"])
    assert quiet["agenda"]["items"] == []
    assert quiet["review_note"] == "Nobody is on next week's agenda. Step on a week to see who comes up."


def test_the_agenda_carries_every_sentence_and_label_of_the_review_panel():
    view = call("create", scenario="clinic", overrides={"consultant_hours_per_week": 1.5})
    agenda = view["agenda"]
    names = {row["id"]: row for row in view["registry"]["rows"]}
    staffing = view["settings"]["staffing"]
    slots = agenda["slots"]
    assert agenda["caption"] == f"Agenda for the week {agenda['week']} review, in the registry's order"
    assert agenda["time_text"] == (f"Consultant time this week: {slots} patients (1.5 hours at "
                                   f"{present.number_text(staffing['cases_per_consultant_hour'])} patients an hour). "
                                   f"The registry suggests {len(agenda['items'])}.")
    for item in agenda["items"]:
        row = names[item["id"]]
        assert item["label"] == f"{row['name']} ({item['id']})"
        assert item["recommend_label"] == f"Recommendation for {row['name']}"
        measure, text = ("GAD-7", row["gad7_text"]) if row["condition"] == "anxiety" else ("PHQ-9", row["phq9_text"])
        assert item["scores_text"] == f"{measure} {text}"
    assert agenda["headings"] == present.REVIEW_WORDS["headings"] and agenda["hold"] == present.REVIEW_WORDS["hold"]
    assert len(agenda["chosen_text"]) == len(agenda["items"]) + 1, "one line for every number of ticks"
    last_but_one = f"Chosen: {slots - 1} of {slots}. Consultant time left for 1 more patient."
    assert agenda["chosen_text"][slots - 1] == last_but_one


def test_ticking_more_than_the_consultant_has_time_for_and_safety_escalations_are_said():
    agenda = {"week": 8, "slots": 1, "chosen_by": "registry", "escalated": ["S-0009"],
              "items": [{"id": "S-0002", "tier": "safety"}, {"id": "S-0005", "tier": "new"}]}
    rows = [{"id": "S-0002", "name": "Ana B. (synthetic)", "primary_measure": "PHQ-9",
             "phq9_text": "20 → 18 (10% lower)"},
            {"id": "S-0009", "name": "Kofi D. (synthetic)", "primary_measure": "PHQ-9", "phq9_text": "—"}]
    words = present.agenda_text(agenda, rows, {"consultant_hours_per_week": 0.25, "cases_per_consultant_hour": 4.0})
    assert words["time_text"].startswith("Consultant time this week: 1 patient (0.25 hours at 4 patients an hour).")
    assert words["chosen_text"] == ["Chosen: 0 of 1. Consultant time left for 1 more patient.",
                                    "Chosen: 1 of 1. Consultant time left for 0 more patients.",
                                    "Chosen: 2 of 1. That is 1 more than the consultant has time for; untick some."]
    assert words["escalated_text"] == ("Also raised with the consultant the same day (safety, beyond the review's "
                                       "time): Kofi D. (synthetic).")
    assert words["items"][1]["label"] == "S-0005 (S-0005)" and words["items"][1]["scores_text"] == "—"
    assert words["items"][0]["scores_text"] == "PHQ-9 20 → 18 (10% lower)"


def test_an_anxiety_patient_on_the_agenda_is_shown_by_the_gad7_that_put_them_there():
    """Anxiety alone is followed on the GAD-7 (patients.primary_instrument); the agenda shows that score."""
    token = call("create", scenario="clinic")["token"]
    for _ in range(12):
        view = call("step", token=token, weeks=1)
        token = view["token"]
        rows = {row["id"]: row for row in view["registry"]["rows"]}
        anxious = [item for item in (view["agenda"] or {"items": []})["items"]
                   if rows[item["id"]]["condition"] == "anxiety" and rows[item["id"]]["gad7_latest"] is not None]
        if anxious:
            break
    assert anxious, "some anxiety-only patient with a GAD-7 reaches the agenda in twelve weeks"
    row = rows[anxious[0]["id"]]
    assert anxious[0]["scores_text"] == "GAD-7 " + row["gad7_text"] != "PHQ-9 " + row["phq9_text"]


def test_the_patient_view_comes_in_words():
    view = call("step", token=call("create", scenario="clinic")["token"], weeks=2)
    detail = call("patient", token=view["token"], id=view["registry"]["rows"][0]["id"])
    words, history, name = detail["words"], detail["measurements"], detail["patient"]["name"]
    assert words["heading"] == f"{name} ({detail['patient']['id']})"
    chart = words["chart"]
    assert chart["title"] == f"PHQ-9 and GAD-7 of {name} by week"
    assert chart["series"][0]["points"] == [[m["week"], m["phq9"]] for m in history]
    assert chart["series"][1]["points"] == [[m["week"], m["gad7"]] for m in history]
    assert chart["x_max"] == max(view["week"], 4)
    assert chart["axes"] == f"Horizontal axis: week 0 to {chart['x_max']}. Vertical axis: questionnaire total, 0 to 27."
    assert chart["description"].startswith(f"PHQ-9 went from {history[0]['phq9']} at week {history[0]['week']} to "
                                           f"{history[-1]['phq9']} at week {history[-1]['week']}; GAD-7 from")
    rows = words["scores"]["rows"]
    assert len(rows) == len(history) and rows[0][2] == history[0]["phq9_text"]
    assert rows[0][3] == " ".join(map(str, history[0]["phq9_items"])), "item answers in item order"
    assert words["timeline_weeks"] == [f"Week {entry['week']}: " for entry in detail["timeline"]]
    unmeasured = present.patient_text({"name": "Ana B. (synthetic)", "id": "S-0002"}, [], [], 1, 27)
    assert unmeasured["chart"]["description"] == "No scores yet." and unmeasured["chart"]["x_max"] == 4


def test_chart_axes_are_said_in_one_sentence():
    assert present.axes_text("week", 52, "share responding", 100, "%") == (
        "Horizontal axis: week 0 to 52. Vertical axis: share responding, 0% to 100%.")
    assert present.axes_text("week", 4.0, "questionnaire total", 27) == (
        "Horizontal axis: week 0 to 4. Vertical axis: questionnaire total, 0 to 27.")


@pytest.fixture(scope="module")
def outcomes_of_a_run():
    view = call("step", token=call("create", scenario="impact-like", overrides={"patients": 60})["token"], weeks=6)
    return view, call("outcomes", token=view["token"])


def test_the_outcomes_chart_and_tables_come_in_words(outcomes_of_a_run):
    view, result = outcomes_of_a_run
    words = result["words"]
    arms, mine = result["arms"], result["your_run"]
    chart = words["chart"]
    assert chart["title"] == f"Share of patients responding (PHQ-9 at least {round(measures.RESPONSE_DROP * 100)}% " \
                             "lower) by week, per arm"
    assert [line["label"] for line in chart["series"]] == [arm["label"] for arm in arms] + \
        [f"Your run (to week {mine['up_to_week']})"]
    assert chart["series"][-1]["own"] and not any(line.get("own") for line in chart["series"][:-1])
    assert chart["series"][0]["points"][-1] == [arms[0]["series"][-1]["week"],
                                                present.whole_percent(arms[0]["series"][-1]["response_rate"])]
    first = arms[0]["final"]
    assert chart["description"].startswith(f"{arms[0]['label']}: {present.percent_text(first['response_rate'])}"
                                           f" responding at week {first['week']}")
    assert chart["caption"].endswith("Illustration only, not a prediction for any clinic.")
    assert chart["axes"].startswith(f"Horizontal axis: week 0 to {result['weeks']}. Vertical axis: share responding")
    assert chart["key"] == present.CHART_KEY
    table = words["arms"]
    assert table["caption"] == f"Outcomes by arm (synthetic panel of 60, seed {result['seed']})"
    assert table["rows"][0][0] == f"Your run (week {view['week']}, 0 of your decisions)"
    mine_final = mine["final"]
    assert table["rows"][0][4:] == [present.number_text(mine_final["contacts_per_patient"]),
                                    present.number_text(mine_final["reviews_per_patient"])], \
        "the learner's run gives the care it took per patient, as the reference arms do"
    final = arms[1]["final"]
    share = present.percent_text
    assert table["rows"][2] == [f"{arms[1]['label']} (reference, week {final['week']})",
                                share(final["response_rate"]), share(final["remission_rate"]),
                                f"{final['lost_to_follow_up']} ({share(final['lost_to_follow_up_rate'])})",
                                present.number_text(final["contacts_per_patient"]),
                                present.number_text(final["reviews_per_patient"])]
    assert words["your_run"].startswith(f"Your run: {mine['reviews_held']} caseload reviews held and ")
    assert len(words["weekly"]["rows"]) == len(arms[0]["series"])
    assert words["weekly"]["headings"] == ["Week", *(arm["label"] for arm in arms)]
    assert [row["label"] for row in words["process"]["rows"]] == [m["label"] for m in result["process"].values()]


def test_the_outcomes_title_reads_the_response_threshold(monkeypatch):
    monkeypatch.setattr(measures, "RESPONSE_DROP", 0.6)
    result = call("outcomes", scenario="impact-like", patients=30, arms=["usual-care"])
    assert "(PHQ-9 at least 60% lower)" in result["words"]["chart"]["title"]
    assert result["words"]["chart"]["series"] == [{"label": result["arms"][0]["label"], "points": [
        [p["week"], present.whole_percent(p["response_rate"])] for p in result["arms"][0]["series"]]}]
    assert result["words"]["your_run"] is None


def test_the_consultant_load_is_rounded_to_one_decimal_and_says_when_there_is_no_time():
    load = present_outcomes.consultant_load_text
    assert load(100, 3.0) == ("Patients per consultant hour in this clinic: 33.3 (100 patients, 3 consultant hours "
                              "a week).")
    assert load(90, 4.0).startswith("Patients per consultant hour in this clinic: 22.5 ")
    assert load(80, 0) == ("This clinic has no consultant time: 80 patients and 0 consultant hours a week, so no "
                           "caseload review can be held.")


WORDS_ONLY_FROM_THE_API = ("dom.js", "registry.js", "review.js", "outcomes.js", "patient.js", "charts.js", "app.js",
                           "walkthrough.js", "link-state.js", "settings.js", "trainer.js", "main.js")
"""Simulator modules that lay out the API's words and compose none of their own."""
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`([^`]*)`')


def english_literals(source: str) -> list[str]:
    """String literals in JavaScript source that hold words (a space and a plain word), outside comments."""
    found = []
    for line in source.splitlines():
        code = re.sub(r"(^|\s)//.*$", "", line)
        for match in LITERAL.finditer(code):
            text = next(group for group in match.groups() if group is not None)
            if " " in text and any(re.fullmatch(r"[A-Za-z]{2,}[.,;:]?", token) for token in text.split()):
                found.append(text)
    return found


def test_english_literals_finds_a_sentence_but_not_class_names():
    assert english_literals('el("p", { text: "The first " + n + " shown" }) // a "quoted note"') == ["The first ",
                                                                                                   " shown"]
    assert english_literals('el("button", { className: "md-button md-button--primary" })') == []


@pytest.mark.parametrize("name", WORDS_ONLY_FROM_THE_API)
def test_the_views_javascript_composes_no_sentences(name):
    source = (ROOT / "docs" / "assets" / "javascripts" / "simulator" / name).read_text(encoding="utf-8")
    assert english_literals(source) == [], f"{name} writes words the API should return (explainer/present*.py)"
    assert not re.search(r"\*\s*100\b|\b100\s*\*", source), f"{name} turns shares into percentages (present.py does)"
