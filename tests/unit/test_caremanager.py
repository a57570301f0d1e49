"""The care manager's week as choices: worklist, hours, calls, consequences, through explainer.api."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import api, caremanager, rules, state

QUICK = settings(max_examples=20, deadline=None)
SMALL = {"patients": 60, "seed": 12}
KNOWN = set(caremanager.OUTCOME_WORDS)


def start(scenario: str = "impact-like", overrides: dict | None = None, weeks: int = 6) -> tuple[api.Api, dict]:
    client = api.Api()
    view = client.dispatch("create", {"scenario": scenario, "overrides": SMALL if overrides is None else overrides})
    if weeks:
        view = client.dispatch("step", {"token": view["token"], "weeks": weeks})
    return client, view


def cost(outcome: str, kind: str) -> int:
    """Minutes an outcome took (first call and any second try), from the sourced rules."""
    full = rules.INTAKE_MINUTES if kind == "intake" else rules.FOLLOW_UP_MINUTES
    return {caremanager.ASSESSED: full, caremanager.REACHED: full, caremanager.NO_ANSWER: rules.FAILED_ATTEMPT_MINUTES,
            caremanager.RETRY_REACHED: rules.FAILED_ATTEMPT_MINUTES + full,
            caremanager.RETRY_NO_ANSWER: 2 * rules.FAILED_ATTEMPT_MINUTES,
            caremanager.RETRY_NOT_COVERED: rules.FAILED_ATTEMPT_MINUTES}.get(outcome, 0)


@pytest.mark.parametrize("scenario", ["clinic", "impact-like", "understaffed", "walkthrough"])
def test_default_choices_give_exactly_the_plain_step(scenario):
    """'Next week' with no choices, or with the registry's own list, is the same run as a plain step."""
    client, view = start(scenario, overrides={}, weeks=0)
    for _ in range(4):
        token = view["token"]
        stepped = api.Api().dispatch("step", {"token": token})
        worked = client.dispatch("work", {"token": token})
        worked.pop("care_manager")
        assert json.dumps(worked) == json.dumps(stepped)
        listed = [item["id"] for item in client.dispatch("worklist", {"token": token})["worklist"]["items"]]
        same = client.dispatch("work", {"token": token, "contacts": listed})
        same.pop("care_manager")
        assert json.dumps(same) == json.dumps(stepped)
        view = stepped


def choices(data, items: list[dict]) -> tuple[list[str], list[str]]:
    ids = [item["id"] for item in items if not item["left"]]
    picked = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))) if ids else []
    retry = data.draw(st.lists(st.sampled_from(picked), unique=True, max_size=len(picked))) if picked else []
    return picked, retry


@QUICK
@given(st.data(), st.integers(0, 2**20), st.sampled_from([0.2, 0.4, 1.0]))
def test_hours_never_exceeded_and_every_patient_accounted_for(data, seed, fte):
    client, view = start(overrides={"patients": 50, "seed": seed, "care_manager_fte": fte}, weeks=2)
    for _ in range(3):
        planned = client.dispatch("worklist", {"token": view["token"]})["worklist"]
        contacts, retry = choices(data, planned["items"])
        shown = client.dispatch("worklist", {"token": view["token"], "contacts": contacts, "retry": retry})["worklist"]
        assert 0 <= shown["hours"]["left_minutes"] <= shown["hours"]["available_minutes"]
        assert shown["hours"]["planned_minutes"] == sum(i["minutes"] for i in shown["items"] if i["fits"])
        view = client.dispatch("work", {"token": view["token"], "contacts": contacts, "retry": retry})
        report = view["care_manager"]["week"]
        kinds = {item["id"]: item["kind"] for item in planned["items"]}
        assert sorted(i["id"] for i in report["items"]) == sorted(kinds)  # each due patient once
        assert {i["outcome"] for i in report["items"]} <= KNOWN
        for item in report["items"]:
            if item["outcome"] != caremanager.LEFT_CARE:
                assert (item["outcome"] == caremanager.DEFERRED) == (item["id"] not in contacts)
        used = sum(cost(i["outcome"], kinds[i["id"]]) for i in report["items"])
        assert used == report["minutes_used"] <= planned["hours"]["available_minutes"]


@QUICK
@given(st.data(), st.integers(0, 2**20))
def test_same_choices_give_the_same_run_and_the_token_replays_it(data, seed):
    client, view = start(overrides={"patients": 40, "seed": seed}, weeks=1)
    items = client.dispatch("worklist", {"token": view["token"]})["worklist"]["items"]
    contacts, retry = choices(data, items)
    args = {"token": view["token"], "contacts": contacts, "retry": retry}
    first = client.dispatch("work", args)
    again = api.Api().dispatch("work", args)
    assert json.dumps(first) == json.dumps(again)
    live = client.simulation(first["token"])[1]
    assert state.fingerprint(state.replay(state.decode(first["token"]))) == state.fingerprint(live)


def test_leaving_out_a_safety_follow_up_is_reported_with_the_week():
    client, view = start("clinic", overrides={}, weeks=0)
    items = client.dispatch("worklist", {"token": view["token"]})["worklist"]["items"]
    safety = [i["id"] for i in items if i["group"] == "safety follow-up"]
    assert safety, "the clinic opens with a patient due a safety follow-up"
    others = [i["id"] for i in items if i["id"] not in safety]
    after = client.dispatch("work", {"token": view["token"], "contacts": others})
    deferred = {i["id"]: i["outcome"] for i in after["care_manager"]["week"]["items"]}
    assert all(deferred[pid] == caremanager.DEFERRED for pid in safety)
    missed = next(g for g in after["care_manager"]["consequences"]["groups"] if g["kind"] == "safety_missed")
    entry = next(e for e in missed["items"] if e["id"] == safety[0])
    assert entry["your_plan_left_out"] == [view["week"] + 1]
    assert f"week {view['week'] + 1}" in entry["text"] and entry["source"] == "simon-item9"


def test_the_worklist_says_why_each_patient_is_due_in_the_registry_order():
    client, view = start("clinic", overrides={}, weeks=0)
    answer = client.dispatch("worklist", {"token": view["token"]})
    worklist = answer["worklist"]
    groups = [caremanager.PRIORITY_WORDS.index(i["group"]) for i in worklist["items"]]
    assert groups == sorted(groups)
    assert all(i["reason"] and i["minutes"] in (rules.INTAKE_MINUTES, rules.FOLLOW_UP_MINUTES)
               for i in worklist["items"])
    assert {m["rule"] for m in worklist["minutes"]} == {"INTAKE_MINUTES", "FOLLOW_UP_MINUTES",
                                                        "FAILED_ATTEMPT_MINUTES"}
    assert worklist["hours"]["available_minutes"] == 36 * 60  # one FTE: 40 h at 90% direct care
    not_covered = [i for i in worklist["items"] if not i["fits"]]
    assert not_covered and "The hours run out before" in worklist["summary"]
    assert answer["last_week"]["week"] == view["week"]


def test_bad_choices_get_a_clear_message_and_change_nothing():
    client, view = start(weeks=1)
    token = view["token"]
    items = client.dispatch("worklist", {"token": token})["worklist"]["items"]
    for args, words in (({"contacts": ["S-0999"]}, "not on this week's worklist"),
                        ({"contacts": [items[0]["id"]], "retry": [items[-1]["id"]]}, "not on the list to call"),
                        ({"contacts": "S-0001"}, "must be a list")):
        if words == "not on the list to call" and len(items) < 2:
            continue
        answer = json.loads(client.call(json.dumps({"op": "work", "args": {"token": token, **args}})))
        assert answer["ok"] is False and words in answer["error"]
    usual = api.Api().dispatch("create", {"scenario": "impact-like", "overrides": {**SMALL, "arm": "usual-care"}})
    answer = json.loads(client.call(json.dumps({"op": "worklist", "args": {"token": usual["token"]}})))
    assert answer["ok"] is False and "no care manager" in answer["error"]
    assert client.dispatch("restore", {"token": token})["week"] == view["week"]


def test_undo_drops_the_plan_and_old_tokens_still_read():
    client, view = start(weeks=1)
    items = client.dispatch("worklist", {"token": view["token"]})["worklist"]["items"]
    worked = client.dispatch("work", {"token": view["token"], "contacts": [items[0]["id"]]})
    assert state.decode(worked["token"]).care
    undone = client.dispatch("undo", {"token": worked["token"]})
    assert undone["token"] == view["token"] and not state.decode(undone["token"]).care


def test_a_damaged_plan_in_a_link_gets_a_clear_message():
    client, view = start(weeks=1)
    items = client.dispatch("worklist", {"token": view["token"]})["worklist"]["items"]
    worked = client.dispatch("work", {"token": view["token"], "contacts": [items[0]["id"]]})
    good = state.decode(worked["token"])
    late = state.State(good.scenario, good.overrides, good.decisions, good.week, ((good.week, good.care[0][1]),))
    answer = json.loads(client.call(json.dumps({"op": "restore", "args": {"token": state.encode(late)}})))
    assert answer["ok"] is False and "care-manager plans are out of order or from the future" in answer["error"]
