"""The weekly review: priority order, consultant time, safety never dropped, learner decisions checked."""

from __future__ import annotations

import pytest

from explainer import review
from explainer.params import ParamError
from explainer.patients import ACTIVE, PROBLEM_SOLVING, SCREEN_POSITIVE, Patient, patient_code
from explainer.registry import flag_bits

from .helpers import make_params, run


def assessed(pid: int, **state) -> Patient:
    p = Patient(pid, f"P{pid} (synthetic)", 50, "male", "depression", "", 0, 16.0, 8.0, 0.8, 0.6)
    p.intake_week = p.plan_start = p.last_contact = 0
    p.phq_first = p.phq_last = 16
    p.measured_week = 0
    p.last_review = 0
    for name, value in state.items():
        setattr(p, name, value)
    return p


def test_agenda_order_is_safety_then_new_then_not_improving_then_rest():
    patients = [
        assessed(1),                                            # routine
        assessed(2, last_review=-1),                            # new
        assessed(3, phq_last=15, measured_week=10, last_contact=10),  # not improving at the step-up week
        assessed(4, item9_last=1, last_contact=10),             # safety
    ]
    patients[0].last_contact = patients[1].last_contact = 10
    agenda = review.build_agenda(patients, 10, 10, 10)
    assert agenda.items == [(4, "safety"), (2, "new"), (3, "not_improving"), (1, "other")]


def test_agenda_respects_consultant_time_and_escalates_extra_safety():
    patients = [assessed(i, item9_last=1) for i in range(1, 6)] + [assessed(6, last_review=-1)]
    agenda = review.build_agenda(patients, 3, 3, 10)
    assert len(agenda.items) == 3
    assert {pid for pid, _ in agenda.items} | set(agenda.escalated) == {1, 2, 3, 4, 5}
    assert 6 not in agenda.patient_ids()


def test_without_a_registry_the_agenda_comes_from_memory_but_keeps_safety():
    patients = [assessed(1, last_contact=5), assessed(2, last_contact=1, item9_last=2), assessed(3, last_contact=3)]
    agenda = review.build_agenda(patients, 5, 2, 10, use_registry=False)
    assert agenda.items == [(2, "safety"), (1, "from memory")]


def test_consultant_follows_the_treatment_ladder_and_the_patients_preference():
    p = assessed(1, prefers="medication")
    assert review.next_step(p) == "start-medication"
    p.med = True
    assert review.next_step(p) == "adjust-medication"
    p.med_changes = 1
    assert review.next_step(p) == "switch-medication"
    p.med_changes = 3
    assert review.next_step(p) == "add-psychotherapy"
    p.therapy = PROBLEM_SOLVING
    assert review.next_step(p) == "direct-evaluation"  # barely better at the end of the ladder: seen first
    p.evaluated = True
    assert review.next_step(p) == "specialty-referral"
    p.phq_last = 10  # 38% better: the plan continues in primary care
    assert review.next_step(p) == "continue"
    talker = assessed(5, prefers="psychotherapy")
    assert review.next_step(talker) == "add-psychotherapy"
    talker.therapy = PROBLEM_SOLVING
    assert review.next_step(talker) == "intensify-psychotherapy"
    talker.intensified = True
    assert review.next_step(talker) == "start-medication"
    talker.declined = True
    assert review.next_step(talker) == "continue"
    screened = assessed(6, bipolar_screen=SCREEN_POSITIVE)
    assert review.next_step(screened) == "direct-evaluation"
    assert review.action_problem(screened, "start-medication")
    bits = flag_bits(assessed(2, phq_last=15, measured_week=10), 10, 10)
    assert review.consultant_advice(assessed(2), "not_improving", bits, step_up=True) == "start-medication"
    assert review.consultant_advice(assessed(2), "not_improving", bits, step_up=False) == "continue"
    assert review.consultant_advice(assessed(3, item9_last=2), "safety", 0, step_up=True) == "direct-evaluation"
    # Item 9 at 1: the plan continues, and the rule that says why is the safety check-in, not a routine review.
    assert review.advice_and_rule(assessed(3, item9_last=1), "safety", 0, step_up=True) == (
        "continue", "SAFETY_CONTACT_EVERY_WEEKS")
    assert review.advice_and_rule(assessed(3), "routine", 0, step_up=True) == ("continue", "ROUTINE_REVIEW_EVERY_WEEKS")


def test_learner_decision_is_checked_and_safety_is_added():
    sim = run(make_params(patients=40, weeks=8))
    slots = sim.params.staffing.review_slots
    reviewable = [p for p in sim.enrolled if p.status == ACTIVE and p.intake_week >= 0]
    safety = [p.pid for p in reviewable if p.item9_last >= 1]
    others = [p for p in reviewable if p.pid not in safety]
    choice = [patient_code(p.pid) for p in others[:2]]
    decision = review.check_decision(choice, {choice[0]: "continue"}, sim.enrolled, sim.week, slots, 10)
    assert set(safety[:slots]) <= set(decision.discuss)
    assert decision.recommend == ((others[0].pid, "continue"),)
    with pytest.raises(ParamError, match="time for"):
        review.check_decision([patient_code(p.pid) for p in others], {}, sim.enrolled, sim.week, slots, 10)
    with pytest.raises(ParamError, match="not on the caseload"):
        review.check_decision(["S-9999"], {}, sim.enrolled, sim.week, slots, 10)
    with pytest.raises(ParamError, match="not on the list"):
        review.check_decision([], {choice[0]: "continue"}, sim.enrolled, sim.week, slots, 10)
    with pytest.raises(ParamError, match="not a recommendation"):
        review.check_decision(choice, {choice[0]: "hope"}, sim.enrolled, sim.week, slots, 10)
    with pytest.raises(ParamError, match="synthetic patient ID"):
        review.check_decision(["Jane"], {}, sim.enrolled, sim.week, slots, 10)


def test_impossible_recommendations_are_refused_with_the_alternative():
    p = assessed(1)
    assert "start-medication" in review.action_problem(p, "adjust-medication")
    p.med = True
    assert "already takes" in review.action_problem(p, "start-medication")
    assert review.action_problem(p, "switch-medication") is None
    assert "add-psychotherapy" in review.action_problem(p, "intensify-psychotherapy")
