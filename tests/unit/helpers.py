"""Small builders shared by the unit tests."""

from __future__ import annotations

from dataclasses import replace

from explainer import scenarios
from explainer.model import Simulation
from explainer.params import Cadence, Panel, Params, Staffing, arm_fidelity


def make_params(arm: str = "cocm", patients: int = 40, weeks: int = 20, seed: int = 1, fte: float = 0.4,
                consultant_hours: float = 1.2, enrolment_weeks: int = 4, **panel) -> Params:
    """A small, quick run: 40 patients, one 0.4-FTE care manager, 20 weeks."""
    return Params(
        scenario_id="test",
        arm=arm,
        fidelity=arm_fidelity(arm),
        staffing=Staffing(care_manager_fte=fte, consultant_hours_per_week=consultant_hours),
        cadence=Cadence(),
        panel=Panel(patients=patients, enrolment_weeks=enrolment_weeks, **panel),
        seed=seed,
        weeks=weeks,
    )


def run(params: Params, weeks: int | None = None) -> Simulation:
    """A simulation advanced ``weeks`` (default: the run's length)."""
    sim = Simulation(params)
    sim.run(params.weeks if weeks is None else weeks)
    return sim


def scenario_params(scenario_id: str, **changes) -> Params:
    """A stored scenario's parameters with dataclass fields replaced."""
    return replace(scenarios.load(scenario_id)["_params"], **changes)
