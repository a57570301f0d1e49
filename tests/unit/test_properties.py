"""Property-based tests: invariants that must hold for any seed, size, staffing and arm."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import measures, registry, rules, scenarios, state
from explainer.model import Simulation
from explainer.params import ARMS, Cadence, Panel, Params, Staffing, arm_fidelity
from explainer.patients import ACTIVE, DISCHARGED, DROPPED_OUT, SCREEN_POSITIVE
from explainer.questionnaires import item_answers
from explainer.review import build_agenda

QUICK = settings(max_examples=25, deadline=None)


@st.composite
def params(draw) -> Params:
    arm = draw(st.sampled_from(sorted(ARMS)))
    return Params(
        scenario_id="property",
        arm=arm,
        fidelity=arm_fidelity(arm),
        staffing=Staffing(care_manager_fte=draw(st.sampled_from([0.1, 0.3, 0.5, 1.0])),
                          consultant_hours_per_week=draw(st.sampled_from([0, 0.3, 1, 3]))),
        cadence=Cadence(not_improving_weeks=draw(st.integers(8, 12))),
        panel=Panel(patients=draw(st.integers(1, 45)), enrolment_weeks=draw(st.integers(1, 10)),
                    phq9_mean=draw(st.sampled_from([11.0, 15.0, 20.0]))),
        seed=draw(st.integers(0, 2**32)),
        weeks=draw(st.integers(0, 26)),
    )


def expected_flags(p, week: int, weeks: int, reviews: bool) -> set[str]:
    """The flag rules written out again, plainly, straight from the constants."""
    if p.status != ACTIVE:
        return set()
    fired = set()
    first, latest = (p.gad_first, p.gad_last) if p.condition == "anxiety" else (p.phq_first, p.phq_last)
    followed = p.measured_week > p.enrol_week
    change = (first - latest) / first if first > 0 else 0.0
    if p.item9_last >= measures.SAFETY_ITEM_MIN:
        fired.add("safety")
    if p.intake_week >= 0 and p.last_review < 0 and reviews:
        fired.add("new")
    if p.bipolar_screen == SCREEN_POSITIVE:
        fired.add("bipolar_screen")
    if p.intake_week >= 0 and followed and first > 0:
        on_plan = p.measured_week - p.plan_start
        judged_at = weeks if p.med else max(weeks, rules.PSYCHOTHERAPY_MIN_WEEKS)
        if on_plan >= judged_at and change < measures.RESPONSE_DROP:
            fired.add("not_improving")
        elif (p.med and p.med_changes == 0 and on_plan >= rules.EARLY_NON_RESPONSE_WEEKS
              and change < rules.EARLY_NON_RESPONSE_DROP
              and p.last_review <= p.plan_start + rules.EARLY_NON_RESPONSE_WEEKS):
            fired.add("dose_review")
    if p.intake_week < 0:
        if (week - p.enrol_week) * 7 > rules.OVERDUE_ACUTE_DAYS:
            fired.add("overdue")
    else:
        limit = rules.OVERDUE_MAINTENANCE_DAYS if p.remission_since >= 0 else rules.OVERDUE_ACUTE_DAYS
        if (week - p.last_contact) * 7 > limit:
            fired.add("overdue")
    if followed and first > 0 and change >= measures.RESPONSE_DROP:
        fired.add("response")
    if followed and 0 <= latest < measures.REMISSION_BELOW:
        fired.add("remission")
        if p.rpp_week < 0:
            fired.add("relapse_plan_due")
        elif p.remission_since >= 0 and week - p.remission_since >= rules.SUSTAINED_REMISSION_WEEKS:
            fired.add("ready_for_discharge")
    return fired


@QUICK
@given(params())
def test_invariants_every_week(p):
    sim = Simulation(p)
    weeks = p.cadence.not_improving_weeks
    slots = p.staffing.review_slots
    for _ in range(p.weeks + 1):
        enrolled = [x for x in sim.patients if x.enrol_week <= sim.week]
        # every enrolled patient accounted for: active, discharged or dropped out, none lost
        assert sorted(x.pid for x in enrolled) == sorted(x.pid for x in sim.enrolled)
        assert all(x.status in (ACTIVE, DISCHARGED, DROPPED_OUT) for x in enrolled)
        for x in enrolled:
            # scores in range
            for _, phq, gad, item9, _ in x.measurements:
                assert 0 <= phq <= 27 and 0 <= gad <= 21 and 0 <= item9 <= 3 and item9 <= phq
            # flags match their rules
            reviews = p.fidelity.review
            actual = set(registry.flag_names(registry.flag_bits(x, sim.week, weeks, reviews)))
            assert actual == expected_flags(x, sim.week, weeks, reviews)
        # the agenda never exceeds consultant time and always holds (or escalates) every safety-flagged patient
        agenda = build_agenda(sim.enrolled, sim.week, slots, weeks, p.fidelity.registry)
        assert len(agenda.items) <= slots
        safety = {x.pid for x in sim.enrolled
                  if x.intake_week >= 0 and registry.flag_bits(x, sim.week, weeks) & registry.SAFETY}
        held = {pid for pid, tier in agenda.items if tier == "safety"}
        assert held | set(agenda.escalated) == safety
        assert len(held) == min(len(safety), slots)
        if sim.week < p.weeks:
            sim.step()


@QUICK
@given(params())
def test_items_are_consistent_with_totals(p):
    sim = Simulation(p)
    sim.run(min(p.weeks, 8))
    for x in sim.enrolled:
        for week, phq, gad, item9, _ in x.measurements:
            phq_items, gad_items = item_answers(p.seed, x, week, phq, gad, item9)
            assert sum(phq_items) == phq and sum(gad_items) == gad and phq_items[8] == item9
            assert all(0 <= a <= 3 for a in phq_items + gad_items)


@QUICK
@given(params())
def test_same_seed_gives_the_same_state(p):
    first, second = Simulation(p), Simulation(p)
    first.run(p.weeks)
    second.run(p.weeks)
    assert state.fingerprint(first) == state.fingerprint(second)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["impact-like", "understaffed", "co-location", "comorbid", "name-only", "walkthrough"]),
       st.integers(0, 2**31), st.integers(0, 14), st.data())
def test_restore_of_serialise_is_the_same_state(scenario_id, seed, week, data):
    params = scenarios.load(scenario_id)["_params"]
    week = min(week, params.weeks)
    overrides = {"seed": seed, "patients": min(params.panel.patients, 40)}
    current = state.State(scenario_id, overrides, (), 0)
    sim = state.replay(current)
    while sim.week < week:
        if sim.params.fidelity.review and data.draw(st.booleans()):
            candidates = sim.agenda().patient_ids()
            decision = state.apply_decision(sim, state.Decision(tuple(candidates[:2]), ()))
            current = current.with_decision(decision)
        else:
            current = current.with_week(sim.week + 1)
        sim.step()
    token = state.encode(current)
    assert state.decode(token) == current
    assert state.fingerprint(state.replay(state.decode(token))) == state.fingerprint(sim)
