"""The registry row's display strings (explainer/present.py), shown by both the build and the page."""

from __future__ import annotations

import json

from explainer import api, measures, present


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
    assert present.denominators_text({}) is None
