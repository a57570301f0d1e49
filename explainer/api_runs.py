"""The API's operations on a run, each from a share token (explainer.state) to a new one: create, step,
decide, registry, patient, undo, reset, restore, state. The cached simulations live in explainer.api.Api,
passed in as ``api``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer import api_views, registry, scenarios
from explainer.api_args import INTERACTIVE_MAX_PATIENTS, ApiError, check_args, patient_ids, scenario_data
from explainer.model import Simulation
from explainer.params import check_bool, check_number
from explainer.patients import parse_patient_code, patient_code
from explainer.review import Decision
from explainer.state import State, apply_decision, decode

if TYPE_CHECKING:
    from explainer.api import Api


def op_create(api: Api, args: dict) -> dict:
    """Start a run: args ``scenario`` (an id, or a whole scenario object) and optional ``overrides``."""
    check_args(args, ("scenario", "overrides"), ("scenario",))
    scenario = args["scenario"]
    data = scenario_data(scenario)
    overrides = args.get("overrides") or {}
    params = scenarios.params_for(data, overrides)
    if params.panel.patients > INTERACTIVE_MAX_PATIENTS:
        raise ApiError(f"A step-by-step run can hold at most {INTERACTIVE_MAX_PATIENTS} patients; "
                       f"use 'run' or 'outcomes' for larger cohorts.")
    sim = Simulation(params)
    state = State(scenario if isinstance(scenario, str) else scenarios.public(data), overrides, (), sim.week)
    return api.view(state, sim, narrate=[sim.week])


def op_step(api: Api, args: dict) -> dict:
    """Advance a run: args ``token`` and optional ``weeks`` (default 1)."""
    check_args(args, ("token", "weeks"), ("token",))
    weeks = check_number("weeks", args.get("weeks", 1), 1, 260, whole=True)
    state, sim = api.simulation(args["token"])
    if sim.week >= sim.params.weeks:
        raise ApiError(f"The run has reached its last week ({sim.params.weeks}); undo, reset or create a longer run.")
    api.forget(args["token"])
    stepped = []
    for _ in range(min(weeks, sim.params.weeks - sim.week)):
        sim.step()
        stepped.append(sim.week)
    return api.view(state.with_week(sim.week), sim, narrate=stepped)


def op_decide(api: Api, args: dict) -> dict:
    """Hold the next caseload review with the learner's choices, then run that week.

    args: ``token``; ``discuss`` (patient IDs; safety-flagged patients are added first); ``recommend``
    (ID -> one of the recommendations listed by 'rules'; others get the consultant's own advice).
    """
    check_args(args, ("token", "discuss", "recommend"), ("token",))
    state, sim = api.simulation(args["token"])
    if sim.week >= sim.params.weeks:
        raise ApiError(f"The run has reached its last week ({sim.params.weeks}); undo or reset to decide again.")
    if not sim.params.fidelity.review:
        raise ApiError("This arm holds no caseload review; switch the review on to make review decisions.")
    advice = args.get("recommend") or {}
    if not isinstance(advice, dict):
        raise ApiError("'recommend' must map patient IDs to recommendations, e.g. {\"S-0004\": \"adjust-medication\"}.")
    wanted = Decision(tuple(patient_ids(args.get("discuss"))),
                      tuple(sorted((parse_patient_code(code), action) for code, action in advice.items())))
    decision = apply_decision(sim, wanted)  # checks everything before the run changes
    api.forget(args["token"])
    sim.step()
    return api.view(state.with_decision(decision), sim, narrate=[sim.week])


def op_registry(api: Api, args: dict) -> dict:
    """The registry at the token's week: args ``token``, optional ``format`` ("json" or "csv")."""
    check_args(args, ("token", "format"), ("token",))
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise ApiError("'format' must be 'json' or 'csv'.")
    state, sim = api.simulation(args["token"])
    view = api.view(state, sim)
    if fmt == "csv":
        return {"csv": registry.registry_csv(view["registry"]["rows"], sim.week, sim.params.scenario_id),
                "synthetic": True}
    return view


def op_patient(api: Api, args: dict) -> dict:
    """One patient's history: args ``token``, ``id`` ("S-0007"), optional ``reveal`` (show the hidden profile)."""
    check_args(args, ("token", "id", "reveal"), ("token", "id"))
    state, sim = api.simulation(args["token"])
    pid = parse_patient_code(args["id"])
    patient = sim.patient(pid)
    if patient is None or patient.enrol_week > sim.week:
        raise ApiError(f"{patient_code(pid)} is not on this caseload at week {sim.week}.")
    return api_views.patient_view(state, sim, patient, check_bool("reveal", args.get("reveal", False)))


def op_undo(api: Api, args: dict) -> dict:
    """Go back one week (the decision made for that week's review is dropped): args ``token``."""
    check_args(args, ("token",), ("token",))
    state = decode(args["token"])
    opens = state.params().opens_at_week
    if state.week <= opens:
        raise ApiError(f"This run is already at week {opens}, where it opens; there is nothing to undo.")
    earlier = state.with_week(state.week - 1)
    return api.view(earlier, api.rebuild(earlier))


def op_reset(api: Api, args: dict) -> dict:
    """Back to week 0 of the same scenario and settings, with no decisions: args ``token``."""
    check_args(args, ("token",), ("token",))
    state = decode(args["token"])
    opens = state.params().opens_at_week
    start = State(state.scenario, state.overrides, (), opens)
    return api.view(start, api.rebuild(start), narrate=[opens])


def op_restore(api: Api, args: dict) -> dict:
    """Rebuild the exact state in a share token (checking it): args ``token``."""
    check_args(args, ("token",), ("token",))
    state, sim = api.simulation(args["token"])
    return api.view(state, sim)


def op_state(api: Api, args: dict) -> dict:
    """What a token holds, readable: scenario, overrides, decisions and week (no replay)."""
    check_args(args, ("token",), ("token",))
    state = decode(args["token"])
    return {
        "scenario": state.scenario,
        "overrides": state.overrides,
        "decisions": [
            {"week": week, "discuss": [patient_code(pid) for pid in d.discuss],
             "recommend": {patient_code(pid): action for pid, action in d.recommend}}
            for week, d in state.decisions
        ],
        "week": state.week,
    }


OPERATIONS = {
    "create": op_create,
    "step": op_step,
    "decide": op_decide,
    "registry": op_registry,
    "patient": op_patient,
    "undo": op_undo,
    "reset": op_reset,
    "restore": op_restore,
    "state": op_state,
}
"""The operations on a run, by name."""
