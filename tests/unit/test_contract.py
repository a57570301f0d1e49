"""The API contract with the simulator page: labels, the learner's own run, denominators, review feedback."""

from __future__ import annotations

import re

from explainer import api
from explainer.params import ARMS


def _at_week(weeks: int, scenario: str = "impact-like") -> dict:
    view = api.dispatch("create", {"scenario": scenario})
    return api.dispatch("step", {"token": view["token"], "weeks": weeks}) if weeks else view


def _skip_reviews(view: dict, reviews: int) -> dict:
    """Hold ``reviews`` reviews in a row with nobody ticked (safety-flagged patients are still added)."""
    for _ in range(reviews):
        view = api.dispatch("decide", {"token": view["token"], "discuss": []})
    return view


def test_every_arm_has_a_human_label_and_the_page_never_needs_an_id():
    listed = api.dispatch("arms")["arms"]
    assert [arm["label"] for arm in listed] == [arm.label for arm in ARMS.values()]
    assert all(arm["label"] and arm["label"] != arm["id"] for arm in listed)
    outcomes = api.dispatch("outcomes", {"scenario": "impact-like"})
    assert [arm["label"] for arm in outcomes["arms"]] == ["Usual care", "Collaborative in name only",
                                                          "Collaborative Care"]


def test_skipped_reviews_change_your_run_and_not_the_reference_arms():
    start = _at_week(6)
    followed = api.dispatch("step", {"token": start["token"], "weeks": 6})
    skipped = _skip_reviews(start, 6)
    ours = api.dispatch("outcomes", {"token": followed["token"]})
    theirs = api.dispatch("outcomes", {"token": skipped["token"]})
    assert ours["arms"] == theirs["arms"]  # the reference arms ignore the learner
    mine, yours = ours["your_run"], theirs["your_run"]
    assert mine["label"] == yours["label"] == "Your run"
    assert mine["up_to_week"] == yours["up_to_week"] == 12
    assert (mine["decisions"], mine["reviews_skipped"]) == (0, 0)
    assert (yours["decisions"], yours["reviews_skipped"], yours["reviews_held"]) == (6, 6, 6)
    assert mine["series"][-1]["week"] == 12
    assert mine["final"]["week"] == 12 and mine["final"]["contacts_per_patient"] > 0  # the outcomes table's row
    assert mine["series"] != yours["series"]  # six skipped reviews show in the learner's own outcomes


def test_every_figure_names_its_denominator():
    view = _at_week(10)
    result = api.dispatch("outcomes", {"token": view["token"]})
    snapshots = [result["your_run"]["series"][-1]]
    for arm in result["arms"]:
        snapshots += [arm["final"], *arm["series"]]
    for snap in snapshots:
        for rate in ("response_rate", "remission_rate"):
            assert f"all {snap['n_patients']} enrolled patients" in snap["denominators"][rate]
    assert "not calibrated" in result["remission_note"]
    stats = view["registry"]["statistics"]
    assert f"Of the {stats['measured_twice']} active patients measured since enrolment" in view["summary"]
    assert f"all {stats['enrolled']} enrolled" in view["summary"]


def test_review_feedback_says_what_happened_with_the_right_week():
    view = _at_week(8)
    on_agenda = len(view["agenda"]["items"])
    flagged = view["agenda"]["items"]
    decided = api.dispatch("decide", {"token": view["token"], "discuss": []})
    text = decided["review"]
    assert text.startswith("Week 8 review: you discussed ")
    assert f"of the {on_agenda} patients the registry put on the agenda" in text
    assert "no patient needed discussing" not in text
    count = int(re.search(r"; (\d+) patients? (?:was|were) flagged", text).group(1))
    assert count >= len([item for item in flagged if item["tier"] != "other"])


def test_a_consultant_with_no_time_is_reported_as_such():
    view = api.dispatch("create", {"scenario": "impact-like", "overrides": {"consultant_hours_per_week": 0}})
    stepped = api.dispatch("step", {"token": view["token"], "weeks": 9})
    assert "the consultant had no review time, so nobody was discussed" in stepped["review"]


def test_narration_names_patients_with_their_ids_in_brackets():
    view = _at_week(10)
    narration = " ".join(view["narration"])
    assert re.search(r"[A-Z][a-z]+ [A-Z]\. \(S-\d{4}\)", narration)
    assert "(synthetic) (S-" not in narration
