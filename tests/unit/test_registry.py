"""Registry flags fire exactly on their rules, carry a reason and a source, and export as synthetic CSV."""

from __future__ import annotations

import pytest

from explainer import measures, registry, rules
from explainer.patients import ACTIVE, DISCHARGED, Patient

from .helpers import make_params, run

NOT_IMPROVING_WEEKS = rules.NOT_IMPROVING_WEEKS


def patient(**state) -> Patient:
    """An assessed, active depression patient enrolled at week 0 with PHQ-9 16, changed by ``state``."""
    p = Patient(1, "Test P. (synthetic)", 70, "female", "depression", "", 0, 16.0, 8.0, 0.8, 0.6)
    p.intake_week = 0
    p.plan_start = 0
    p.last_contact = 0
    p.phq_first = p.phq_last = 16
    p.gad_first = p.gad_last = 8
    p.measured_week = 0
    p.last_review = 1
    for name, value in state.items():
        setattr(p, name, value)
    return p


def names(p: Patient, week: int) -> list[str]:
    return registry.flag_names(registry.flag_bits(p, week, NOT_IMPROVING_WEEKS))


def test_safety_fires_on_item9_threshold():
    assert "safety" not in names(patient(item9_last=measures.SAFETY_ITEM_MIN - 1), 1)
    assert "safety" in names(patient(item9_last=measures.SAFETY_ITEM_MIN), 1)


def test_new_until_first_review():
    assert "new" in names(patient(last_review=-1), 1)
    assert "new" not in names(patient(last_review=1), 1)
    assert "new" not in names(patient(last_review=-1, intake_week=-1), 1), "not new before assessment"


@pytest.mark.parametrize(("measured_week", "latest", "expected"), [
    (rules.EARLY_NON_RESPONSE_WEEKS, 13, False),        # 19% better at week 6: never a step-up this early
    (NOT_IMPROVING_WEEKS - 1, 9, False),                # 44% but before the step-up week
    (NOT_IMPROVING_WEEKS, 9, True),                     # 44% at the step-up week
    (NOT_IMPROVING_WEEKS, 8, False),                    # 50%: a response
])
def test_not_improving_fires_at_the_step_up_week_only(measured_week, latest, expected):
    for on_medicine in (False, True):
        p = patient(phq_last=latest, measured_week=measured_week, last_contact=measured_week, med=on_medicine)
        assert ("not_improving" in names(p, measured_week)) is expected


def test_a_plan_without_medicine_is_never_judged_before_the_psychotherapy_minimum():
    early = rules.NOT_IMPROVING_WEEKS_RANGE[0]
    p = patient(phq_last=15, measured_week=early, last_contact=early)
    assert early >= rules.PSYCHOTHERAPY_MIN_WEEKS
    assert "not_improving" in registry.flag_names(registry.flag_bits(p, early, early))
    p.measured_week = rules.PSYCHOTHERAPY_MIN_WEEKS - 1
    assert "not_improving" not in registry.flag_names(registry.flag_bits(p, early, early))


@pytest.mark.parametrize(("on_medicine", "latest", "expected"), [
    (True, 13, True),     # 19% better after 6 weeks on an antidepressant: a dose review
    (True, 12, False),    # exactly 25% better
    (False, 13, False),   # psychotherapy alone: no early check at all
])
def test_the_six_week_check_is_a_dose_review_for_an_antidepressant_only(on_medicine, latest, expected):
    week = rules.EARLY_NON_RESPONSE_WEEKS
    p = patient(phq_last=latest, measured_week=week, last_contact=week, med=on_medicine)
    flags = names(p, week)
    assert ("dose_review" in flags) is expected
    assert "not_improving" not in flags


def test_not_improving_needs_a_score_taken_on_the_current_plan():
    p = patient(phq_last=15, measured_week=4, plan_start=0, last_contact=12)
    assert "not_improving" not in names(p, 12)


def test_overdue_uses_the_phase_interval():
    acute_limit = rules.OVERDUE_ACUTE_DAYS // rules.DAYS_PER_WEEK
    assert "overdue" not in names(patient(last_contact=0), acute_limit)
    assert "overdue" in names(patient(last_contact=0), acute_limit + 1)
    remitted = dict(phq_last=3, measured_week=4, remission_since=4, last_contact=4, rpp_week=4)
    assert "overdue" not in names(patient(**remitted), 4 + rules.OVERDUE_MAINTENANCE_DAYS // 7)
    assert "overdue" in names(patient(**remitted), 4 + rules.OVERDUE_MAINTENANCE_DAYS // 7 + 1)
    assert "overdue" in names(patient(intake_week=-1, last_contact=-1), acute_limit + 1), "waiting for intake"


def test_response_remission_plan_and_discharge():
    flags = names(patient(phq_last=8, measured_week=8, last_contact=8), 8)
    assert "response" in flags and "remission" not in flags
    flags = names(patient(phq_last=4, measured_week=8, remission_since=8, last_contact=8), 8)
    assert {"response", "remission", "relapse_plan_due"} <= set(flags)
    ready = patient(phq_last=3, measured_week=16, remission_since=8, rpp_week=12, last_contact=16)
    assert "ready_for_discharge" in names(ready, 8 + rules.SUSTAINED_REMISSION_WEEKS)
    assert "ready_for_discharge" not in names(ready, 8 + rules.SUSTAINED_REMISSION_WEEKS - 1)
    assert "relapse_plan_due" not in names(ready, 16)


def test_left_patients_carry_no_flags():
    assert names(patient(status=DISCHARGED, item9_last=2), 3) == []


def test_rows_explain_every_flag_with_its_source():
    p = patient(phq_last=13, measured_week=10, last_contact=10, item9_last=1, last_review=-1)
    row = registry.registry_row(p, 10, NOT_IMPROVING_WEEKS, "2025-01-06")
    fired = {flag["flag"]: flag for flag in row["flags"]}
    assert set(fired) == {"safety", "new", "not_improving"}
    assert fired["not_improving"]["source"] == "aims-pc"
    assert "13" in fired["not_improving"]["reason"] and "10 weeks" in fired["not_improving"]["reason"]
    assert fired["safety"]["source"] == "simon-item9"
    assert row["phq9_change_pct"] == round((16 - 13) / 16 * 100)
    assert row["enrolled_on"] == "2025-01-06"


def test_statistics_and_csv_are_marked_synthetic():
    sim = run(make_params(patients=60, weeks=16))
    rows = [registry.registry_row(p, sim.week, NOT_IMPROVING_WEEKS, "2025-01-06") for p in sim.enrolled]
    text = registry.registry_csv(rows, sim.week, "test")
    lines = text.splitlines()
    assert lines[0].startswith("# SYNTHETIC DATA")
    assert lines[1].split(",")[0] == "id" and len(lines) == 2 + len(rows)
    stats = registry.caseload_statistics(sim.patients, sim.week, NOT_IMPROVING_WEEKS)
    assert stats["enrolled"] == stats["active"] + stats["discharged"] + stats["dropped_out"]
    for key in ("contacted_share", "reviewed_share", "response_share", "remission_share"):
        assert stats[key] is None or 0 <= stats[key] <= 1
    assert stats["median_weeks_in_treatment"] is not None
    active = [p for p in sim.patients if p.status == ACTIVE]
    assert sum(stats["flag_counts"].values()) >= stats["flag_counts"]["new"]
    assert stats["active"] == len(active)
