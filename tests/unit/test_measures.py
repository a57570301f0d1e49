"""PHQ-9 and GAD-7 scoring: totals, bands, response, remission and the item-9 flag."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import api, measures

item = st.integers(min_value=measures.ITEM_MIN, max_value=measures.ITEM_MAX)
phq9_answers = st.lists(item, min_size=9, max_size=9)
gad7_answers = st.lists(item, min_size=7, max_size=7)


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, "none-minimal"), (4, "none-minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")],
)
def test_phq9_band_edges_follow_kroenke_2001(score, band):
    assert measures.severity_band(measures.PHQ9, score) == band


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "severe"), (21, "severe")],
)
def test_gad7_band_edges_follow_spitzer_2006(score, band):
    assert measures.severity_band(measures.GAD7, score) == band


@given(phq9_answers)
def test_phq9_total_is_the_item_sum_and_in_range(answers):
    result = measures.score(measures.PHQ9, answers)
    assert result["total"] == sum(answers)
    assert 0 <= result["total"] <= 27
    assert result["safety_flag"] == (answers[8] >= measures.SAFETY_ITEM_MIN)
    assert result["remission"] == (sum(answers) < measures.REMISSION_BELOW)


@given(gad7_answers)
def test_gad7_total_in_range_and_never_safety_flagged(answers):
    result = measures.score(measures.GAD7, answers)
    assert 0 <= result["total"] <= 21
    assert result["safety_flag"] is False


@given(st.integers(min_value=1, max_value=27), st.integers(min_value=0, max_value=27))
def test_response_means_at_least_half_the_baseline_gone(baseline, latest):
    assert measures.is_response(baseline, latest) == (2 * (baseline - latest) >= baseline)


def test_response_thresholds_at_their_edges():
    assert measures.is_response(20, 10)
    assert not measures.is_response(20, 11)
    assert measures.is_partial_response(20, 15)
    assert not measures.is_partial_response(20, 10)
    assert not measures.is_response(0, 0), "a baseline of zero cannot fall by half"
    assert measures.is_meaningful_change(14, 9)
    assert not measures.is_meaningful_change(14, 10)
    assert measures.is_remission(4) and not measures.is_remission(5)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([1] * 8, "needs an answer to each of its 9 items; got 8"),
        ([1] * 8 + [4], "item 9 must be a whole number from 0 to 3; got 4"),
        ([1] * 8 + [-1], "item 9 must be a whole number from 0 to 3"),
        ([1, None] + [1] * 7, "item 2 has no answer yet"),
        ([None, 1, None] + [1] * 5 + [None], "items 1, 3 and 9 have no answer yet"),
        ([1] * 8 + ["2"], "item 9 must be a whole number"),
        ([True] * 9, "item 1 must be a whole number"),
        ("111111111", "must be a list of 9 numbers"),
    ],
)
def test_invalid_answers_get_a_clear_message(answers, message):
    with pytest.raises(measures.InvalidAnswers, match=message):
        measures.score(measures.PHQ9, answers)


def test_baseline_is_checked():
    with pytest.raises(measures.InvalidAnswers, match="baseline must be a whole number from 0 to 27"):
        measures.score(measures.PHQ9, [0] * 9, baseline=40)


def test_api_scores_and_reports_errors_as_json():
    ok = json.loads(api.call(json.dumps({"op": "score", "args": {"answers": [3] * 9, "baseline": 27}})))
    assert ok["ok"] and ok["result"]["total"] == 27 and ok["result"]["band"] == "severe"
    assert ok["result"]["safety_flag"] and not ok["result"]["response"]
    bad = json.loads(api.call(json.dumps({"op": "score", "args": {"answers": [0] * 3}})))
    assert bad == {"ok": False, "error": "PHQ-9 needs an answer to each of its 9 items; got 3."}
    assert json.loads(api.call("{not json"))["ok"] is False
    assert "Unknown operation" in json.loads(api.call(json.dumps({"op": "explode"})))["error"]
