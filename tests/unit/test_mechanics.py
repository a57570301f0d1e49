"""The mechanics the pages teach: sourced step-up, treatment mix and referral in their bands, a clinic in progress."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explainer import outcomes, process, rules, scenarios
from explainer.model import Simulation
from explainer.patients import ACTIVE

SEEDS = (11, 22, 33)


def _finished(scenario_id: str, seed: int, patients: int | None = None) -> Simulation:
    params = replace(outcomes.arm_params(scenarios.load(scenario_id)["_params"], "cocm", patients), seed=seed)
    sim = Simulation(params)
    sim.run(params.weeks - sim.week)
    return sim


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("scenario_id", "patients"), [("impact-like", 1500), ("clinic", None)])
def test_every_process_measure_sits_inside_its_band(scenario_id, patients, seed):
    measured = process.measures(_finished(scenario_id, seed, patients))
    assert set(measured) == {m.name for m in process.MEASURES}
    for name, item in measured.items():
        if item["band"] is not None:
            low, high = item["band"]
            assert low <= item["value"] <= high, f"{name} = {item['value']} outside {item['band']} ({item['source']})"
    assert measured["early_step_ups_without_medication"]["value"] == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_no_step_up_before_week_8_of_a_plan_without_an_antidepressant(seed):
    sim = _finished("impact-like", seed, 600)
    for patient in sim.patients:
        plan_start, on_medicine = None, False
        for week, kind, detail in patient.events:
            if kind == "assessed":
                plan_start = week
            elif kind in ("medication", "psychotherapy") and plan_start is not None:
                changed_by_a_step = "started by" in detail or "added" in detail or "intensified" in detail
                if changed_by_a_step and not on_medicine and week > patient.intake_week + 1:
                    assert week - plan_start >= rules.PSYCHOTHERAPY_MIN_WEEKS, (patient.code, patient.events)
                if "started by" in detail:
                    on_medicine = True
                plan_start = week


def test_the_clinic_opens_mid_programme_with_patients_at_every_stage():
    params = scenarios.load("clinic")["_params"]
    sim = Simulation(params)
    assert sim.week == params.opens_at_week > 0
    active = [p for p in sim.enrolled if p.status == ACTIVE]
    weeks_in = {sim.week - p.enrol_week for p in active}
    assert len(weeks_in) >= 20, "patients at many different weeks in treatment"
    assert any(p.intake_week < 0 or sim.week - p.intake_week < 4 for p in active), "someone new"
    assert any(p.remission_since >= 0 for p in active) and any(p.rpp_week >= 0 for p in active)
    assert any(sim.week - p.plan_start >= params.cadence.not_improving_weeks for p in active)
    target = rules.CASELOAD_PER_FTE * params.staffing.care_manager_fte
    arrivals = []
    while sim.week < params.weeks:
        before = len(sim.enrolled)
        sim.step()
        arrivals.append(len(sim.enrolled) - before)
        size = sum(1 for p in sim.enrolled if p.status == ACTIVE)
        assert 0.8 * target <= size <= 1.2 * target, f"week {sim.week}: {size} active"
    assert all(sum(arrivals[i:i + 3]) > 0 for i in range(len(arrivals) - 2)), "new patients every few weeks"


def test_the_scenario_list_says_which_are_cohorts():
    kinds = {item["id"]: item["kind"] for item in scenarios.listing()}
    assert kinds["impact-like"] == scenarios.KIND_COHORT
    assert kinds["clinic"] == scenarios.KIND_IN_PROGRESS
