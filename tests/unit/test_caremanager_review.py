"""Whom the care manager brings to the review, with the calls, through explainer.api: places, consequences, links."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import api, caremanager, state
from explainer.patients import ACTIVE
from explainer.review import TIERS, candidates

QUICK = settings(max_examples=15, deadline=None)


def clinic(weeks: int = 0) -> tuple[api.Api, dict]:
    client = api.Api()
    view = client.dispatch("create", {"scenario": "clinic"})
    if weeks:
        view = client.dispatch("step", {"token": view["token"], "weeks": weeks})
    return client, view


def group(result: dict, kind: str) -> dict:
    found = next(g for g in result["consequences"]["groups"] if g["kind"] == kind)
    return {item["id"]: item for item in found["items"]}


def due_at_start(client: api.Api, token: str) -> set[str]:
    """Everyone a care manager owes a call in the coming week: due active patients and the week's new ones."""
    now = client.simulation(token)[1]
    week = now.week + 1
    return ({p.code for p in now.enrolled if p.status == ACTIVE and (p.intake_week < 0 or p.next_due <= week)}
            | {p.code for p in now.patients if p.enrol_week == week})


def pick(data, answer: dict) -> dict:
    """Random learner choices for one week: a review list within the places, calls in any order, retries."""
    review = answer["review"]
    locked = [row["id"] for row in review["rows"] if row["locked"]]
    free = [row["id"] for row in review["rows"] if not row["locked"]]
    room = max(0, review["slots"] - len(locked))
    brought = locked + (data.draw(st.lists(st.sampled_from(free), unique=True, max_size=room)) if free and room else [])
    calls = [item["id"] for item in answer["worklist"]["items"] if not item["left"]]
    contacts = data.draw(st.permutations(calls)) if calls else []
    contacts = contacts[:data.draw(st.integers(0, len(contacts)))]
    retry = data.draw(st.lists(st.sampled_from(contacts), unique=True, max_size=4)) if contacts else []
    return {"review": brought, "contacts": contacts, "retry": retry}


@QUICK
@given(st.data(), st.integers(0, 2**20), st.sampled_from([0.3, 1.0]), st.sampled_from([1.0, 3.0]))
def test_places_and_hours_hold_and_every_patient_is_accounted_for(data, seed, fte, hours):
    client = api.Api()
    view = client.dispatch("create", {"scenario": "impact-like", "overrides": {
        "patients": 60, "seed": seed, "care_manager_fte": fte, "consultant_hours_per_week": hours}})
    view = client.dispatch("step", {"token": view["token"], "weeks": 8})
    for _ in range(3):
        token = view["token"]
        args = pick(data, client.dispatch("worklist", {"token": token}))
        shown = client.dispatch("worklist", {"token": token, **args})
        review = shown["review"]
        assert review["time"]["places_used"] == len(review["chosen"]) <= review["slots"]
        assert 0 <= shown["worklist"]["hours"]["left_minutes"] <= shown["worklist"]["hours"]["available_minutes"]
        owed = due_at_start(client, token)
        view = client.dispatch("work", {"token": token, **args})
        live = client.simulation(view["token"])[1]
        agenda, record = live.reviews[live.week]
        assert len(agenda.items) == len(record) <= agenda.slots == review["slots"]
        assert sorted(pid for pid, *_ in record) == sorted(int(code[2:]) for code in review["chosen"])
        report = view["care_manager"]["week"]
        ids = [item["id"] for item in report["items"]]
        assert len(ids) == len(set(ids)) and owed <= set(ids)
        for extra in set(ids) - owed:  # only a patient back after a relapse this week joins the list
            assert live.patients[int(extra[2:]) - 1].status_reason == "returned after relapse"
        assert report["minutes_used"] <= live.contact_minutes
        for item in report["items"]:
            if item["outcome"] == caremanager.LEFT_CARE:
                assert live.patients[int(item["id"][2:]) - 1].status != ACTIVE and "left care" in item["text"]


@QUICK
@given(st.data(), st.integers(0, 2**20))
def test_the_same_choices_give_the_same_run_and_the_link_replays_it(data, seed):
    client = api.Api()
    view = client.dispatch("create", {"scenario": "impact-like", "overrides": {"patients": 50, "seed": seed}})
    view = client.dispatch("step", {"token": view["token"], "weeks": 9})
    args = {"token": view["token"], **pick(data, client.dispatch("worklist", {"token": view["token"]}))}
    first = client.dispatch("work", args)
    assert json.dumps(first) == json.dumps(api.Api().dispatch("work", args))
    live = client.simulation(first["token"])[1]
    assert state.fingerprint(state.replay(state.decode(first["token"]))) == state.fingerprint(live)


def test_a_not_improving_patient_left_off_the_review_gets_a_late_step_up_tied_to_that_week():
    client, view = clinic()
    answer = client.dispatch("worklist", {"token": view["token"]})
    review = answer["review"]
    assert review["chosen"] == [item["id"] for item in view["agenda"]["items"]]  # the default is the registry's
    waiting = [row["id"] for row in review["rows"] if row["tier"] == "not_improving" and row["chosen"]]
    assert waiting, "the clinic opens with patients not improving on the agenda"
    plain = client.dispatch("work", {"token": view["token"]})
    assert not set(waiting) & set(group(plain["care_manager"], "step_up_late"))
    kept = [pid for pid in review["chosen"] if pid not in waiting]
    left_off = client.dispatch("work", {"token": view["token"], "review": kept})
    late = group(left_off["care_manager"], "step_up_late")
    fired = [late[pid] for pid in waiting if pid in late]
    assert fired, "leaving the not-improving patients off the review should delay a step-up"
    for entry in fired:
        assert entry["your_review_left_off"] == [view["week"] + 1]
        assert "left them off the review on week" in entry["text"] and entry["source"] == "aims-pc"
    said = left_off["care_manager"]["week"]["review"]
    assert "your list" in said and all(pid in said for pid in waiting)


def test_a_patient_brought_instead_of_another_is_reviewed_and_the_other_is_not():
    client = api.Api()
    view = client.dispatch("step", {"token": client.dispatch("create", {"scenario": "understaffed"})["token"],
                                    "weeks": 12})
    review = client.dispatch("worklist", {"token": view["token"]})["review"]
    waiting = next(row["id"] for row in review["rows"] if not row["chosen"])
    dropped = review["chosen"][-1]
    brought = [pid for pid in review["chosen"] if pid != dropped] + [waiting]
    shown = client.dispatch("worklist", {"token": view["token"], "review": brought})["review"]
    assert shown["chosen_by"] == "learner" and f"Left off: {dropped}" in shown["summary"]
    assert shown["time"]["places_used"] == review["time"]["places_used"]
    worked = client.dispatch("work", {"token": view["token"], "review": brought})
    live = client.simulation(worked["token"])[1]
    assert live.patients[int(waiting[2:]) - 1].last_review == worked["week"]
    assert live.patients[int(dropped[2:]) - 1].last_review < worked["week"]
    assert state.decode(worked["token"]).care[0][1].review is not None


def test_review_and_calls_combine_in_one_week_and_undo_drops_both():
    client, view = clinic()
    answer = client.dispatch("worklist", {"token": view["token"]})
    brought = answer["review"]["chosen"][:-2]
    calls = [item["id"] for item in answer["worklist"]["items"] if not item["left"]][::-1][:20]
    worked = client.dispatch("work", {"token": view["token"], "review": brought, "contacts": calls})
    assert worked["care_plans"] == 1  # the page puts the token in the link when a week ran on a plan
    live = client.simulation(worked["token"])[1]
    assert live.reviews[live.week][0].chosen_by == "care manager" and live.week in live.care_history
    called = [item["id"] for item in worked["care_manager"]["week"]["items"]
              if item["outcome"] not in (caremanager.DEFERRED, caremanager.LEFT_CARE)]
    assert called[:3] == [pid for pid in calls if pid in called][:3]  # in the learner's order
    undone = client.dispatch("undo", {"token": worked["token"]})
    assert undone["token"] == view["token"]


def test_bad_review_lists_get_a_clear_message_and_change_nothing():
    client, view = clinic()
    review = client.dispatch("worklist", {"token": view["token"]})["review"]
    spare = [row["id"] for row in review["rows"] if not row["chosen"]]
    too_many = review["chosen"] + spare[:1]
    cases = [("S-0004", "'review' must be a list"), (["S-9999"], "not on the caseload"),
             (too_many, f"The consultant has time for {review['slots']}")]
    for value, words in cases:
        if value is too_many and not spare:
            continue
        answer = json.loads(client.call(json.dumps({"op": "work", "args": {"token": view["token"], "review": value}})))
        assert answer["ok"] is False and words in answer["error"], answer
    assert client.dispatch("restore", {"token": view["token"]})["week"] == view["week"]
    no_review = api.Api().dispatch("create", {"scenario": "clinic", "overrides": {"arm": "cocm-no-review"}})
    answer = json.loads(client.call(json.dumps({"op": "worklist", "args": {"token": no_review["token"],
                                                                           "review": []}})))
    assert answer["ok"] is False and "holds no caseload review" in answer["error"]


def test_a_tampered_review_list_in_a_link_is_refused_in_words():
    client, view = clinic()
    review = client.dispatch("worklist", {"token": view["token"]})["review"]
    worked = client.dispatch("work", {"token": view["token"], "review": review["chosen"][:-1]})
    good = state.decode(worked["token"])
    week, plan = good.care[0]
    crowded = caremanager.CarePlan(plan.contacts, plan.retry, tuple(range(1, review["slots"] + 5)))
    bad = state.State(good.scenario, good.overrides, good.decisions, good.week, ((week, crowded),))
    answer = json.loads(client.call(json.dumps({"op": "restore", "args": {"token": state.encode(bad)}})))
    assert answer["ok"] is False and "review list for week" in answer["error"]
    broken = json.loads(client.call(json.dumps({"op": "restore", "args": {"token": worked["token"][:-3] + "abc"}})))
    assert broken["ok"] is False and "checksum" in broken["error"]


def test_patients_who_left_care_before_the_calls_are_on_the_worklist_with_the_reason():
    client, view = clinic()
    for _ in range(12):
        answer = client.dispatch("worklist", {"token": view["token"]})
        gone = [item for item in answer["worklist"]["items"] if item["left"]]
        if gone:
            break
        view = client.dispatch("step", {"token": view["token"]})
    assert gone, "a clinic of 200 should see someone due leave care within twelve weeks"
    item = gone[0]
    assert item["status"] == "left care" and not item["chosen"] and not item["fits"]
    assert f"left care on week {answer['worklist']['week']}" in item["reason"]
    assert "left care this week before the calls" in answer["worklist"]["summary"]
    worked = client.dispatch("work", {"token": view["token"], "contacts": [item["id"]]})
    outcome = {i["id"]: i for i in worked["care_manager"]["week"]["items"]}[item["id"]]
    assert outcome["outcome"] == caremanager.LEFT_CARE and item["id"] in outcome["text"]


def test_every_patient_waiting_for_review_is_offered_in_the_running_order_with_a_reason():
    client, view = clinic()
    review = client.dispatch("worklist", {"token": view["token"]})["review"]
    now = client.simulation(view["token"])[1]
    tiers = candidates(now.enrolled, now.week, now.params.cadence.not_improving_weeks)
    assert [row["id"] for row in review["rows"]] == [p.code for tier in TIERS for p in tiers[tier]]
    assert all(row["reason"].endswith(".") for row in review["rows"])
    assert [row["id"] for row in review["rows"] if row["chosen"]] == review["chosen"]
    assert {row["tier"] for row in review["rows"] if row["locked"]} <= {"safety"}
    routine = next(row for row in review["rows"] if row["tier"] == "other")
    assert "ROUTINE_REVIEW_EVERY_WEEKS" in routine["reason"]
