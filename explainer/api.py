"""The JSON API that the browser worker, the build hooks and the CLI all call.

A request is ``{"op": NAME, "args": {...}}``; a response is ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": "a sentence a user can act on"}``.

State lives in tokens, not in this module. Every stateful operation takes ``args.token`` (a share
token from ``explainer.state``) and returns a new one, so a page can keep going, go back, or put
the token in a link. Two ways to call:

* ``explainer.api.call(request_json)``: stateless; each call rebuilds the simulation from its token.
* ``explainer.api.Api().call(request_json)``: the same answers, but the instance keeps the last few
  simulations keyed by token, so stepping a week does not replay the run. The browser worker keeps
  one ``Api`` in a variable.

Operations (see ``OPERATIONS``): score, instruments, scenarios, scenario, arms, rules, calibration,
create, step, decide, registry, patient, outcomes, run, undo, reset, restore, state; and from
``explainer.api_learning``: worklist, work, debrief.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from explainer import calibration, describe, measures, outcomes, present, process, registry, rules, scenarios
from explainer.model import Simulation
from explainer.params import ARMS, check_bool, check_number
from explainer.patients import as_dict as patient_as_dict
from explainer.patients import hidden_profile, item_answers, parse_patient_code, patient_code
from explainer.review import ACTIONS, TIERS, Decision
from explainer.state import State, apply_decision, decode, encode, replay

INTERACTIVE_MAX_PATIENTS = 2000
"""Largest caseload for a step-by-step run (a registry of this size still renders quickly)."""
BULK_MAX_PATIENTS = 20000
"""Largest cohort for one bulk run ('run' and 'outcomes')."""
OUTCOMES_MAX_PATIENT_WEEKS = 2_000_000
"""Upper bound on arms x patients x weeks for one 'outcomes' request, to keep a page responsive."""


class ApiError(ValueError):
    """A request the API cannot carry out; its message is shown to the user as it is."""


def _check_args(args: dict, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
    """Refuse unknown or missing arguments with a message naming them."""
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) or "no arguments"
        raise ApiError(f"Unknown argument(s) {', '.join(unknown)}; this operation takes: {takes}.")
    missing = [name for name in required if name not in args]
    if missing:
        raise ApiError(f"Missing argument(s): {', '.join(missing)}.")


# --- stateless operations --------------------------------------------------------------------------


def op_score(api: Api, args: dict) -> dict:
    """Score a PHQ-9 or GAD-7: args ``instrument`` ("PHQ-9" or "GAD-7"), ``answers``, optional ``baseline``."""
    instruments = {"PHQ-9": measures.PHQ9, "GAD-7": measures.GAD7}
    name = args.get("instrument", "PHQ-9")
    if not isinstance(name, str) or name not in instruments:
        raise ApiError(f"Unknown questionnaire {name!r}; use one of: {', '.join(instruments)}.")
    result = measures.score(instruments[name], args.get("answers"), args.get("baseline"))
    return {**result, **present.score_notes(result)}


def op_instruments(api: Api, args: dict) -> dict:
    """Items, answer labels, bands and thresholds of both questionnaires, for forms and pages."""
    return {
        "answer_labels": list(measures.ANSWER_LABELS),
        "instruments": [
            {"name": i.name, "items": list(i.items), "bands": [list(b) for b in i.bands], "source": i.source}
            for i in (measures.PHQ9, measures.GAD7)
        ],
    }


def op_scenarios(api: Api, args: dict) -> dict:
    """Every scenario: id, title, plain description, arm, compared arms, size and length."""
    _check_args(args, ())
    return {"scenarios": scenarios.listing(), "overrides": dict(scenarios.OVERRIDES)}


def op_scenario(api: Api, args: dict) -> dict:
    """One scenario as its full JSON object (to show, export or edit): args ``id``."""
    _check_args(args, ("id",), ("id",))
    return {"scenario": scenarios.public(scenarios.load(args["id"])), "fields": dict(scenarios.SCENARIO_FIELDS)}


def op_arms(api: Api, args: dict) -> dict:
    """Every arm with its plain description and fidelity switches."""
    _check_args(args, ())
    return {"arms": [{"id": name, "label": arm.label, "description": arm.description,
                      "fidelity": arm.fidelity.as_dict()} for name, arm in ARMS.items()]}


def op_rules(api: Api, args: dict) -> dict:
    """Every rule constant (value, unit, explanation, source, basis), every flag and the review's options."""
    _check_args(args, ())
    return {
        "rules": [rule.as_dict() for rule in rules.RULES],
        "flags": [flag.as_dict() for flag in registry.FLAGS],
        "process_measures": [{"name": m.name, "label": m.label, "band": list(m.band) if m.band else None,
                              "source": m.source, "basis": m.basis} for m in process.MEASURES],
        "agenda_tiers": list(TIERS),
        "agenda_tier_labels": present.tier_descriptions(TIERS),
        "recommendations": dict(ACTIONS),
    }


def op_calibration(api: Api, args: dict) -> dict:
    """How the model was calibrated against IMPACT and what it does not reproduce."""
    _check_args(args, ())
    return calibration.CALIBRATION


def op_run(api: Api, args: dict) -> dict:
    """One arm in bulk: args ``scenario`` (id), optional ``arm``, ``seed``, ``patients``, ``weeks``.

    Staffing grows with ``patients`` so the caseload per care manager stays as the scenario set it.
    """
    _check_args(args, ("scenario", "arm", "seed", "patients", "weeks"), ("scenario",))
    params = _scenario_params(args["scenario"], None)
    arm = args.get("arm", params.arm)
    seed = args.get("seed")
    patients = args.get("patients")
    weeks = args.get("weeks")
    if seed is not None:
        check_number("seed", seed, 0, 2**53, whole=True)
    if patients is not None:
        check_number("patients", patients, 1, BULK_MAX_PATIENTS, whole=True)
    if weeks is not None:
        check_number("weeks", weeks, 0, 260, whole=True)
    return outcomes.run_arm(params, arm, seed=seed, patients=patients, weeks=weeks)


def op_outcomes(api: Api, args: dict) -> dict:
    """Outcomes over time for several arms on the same synthetic panel.

    args: either ``token`` or ``scenario`` (+ optional ``overrides``); optional ``arms`` (default: the
    scenario's compare_arms), ``every`` (weeks between points, default 4), ``patients`` (cohort size;
    staffing scales with it). With a ``token`` the answer also holds ``your_run``: the learner's own
    run with their review decisions, up to the week they reached; the reference arms stay as they are.
    """
    _check_args(args, ("token", "scenario", "overrides", "arms", "every", "patients"))
    state = None
    if "token" in args:
        if "scenario" in args or "overrides" in args:
            raise ApiError("Give either 'token' or 'scenario' (with 'overrides'), not both.")
        state = decode(args["token"])
        scenario, params = state.scenario_data(), state.params()
    elif "scenario" in args:
        scenario = _scenario_data(args["scenario"])
        params = scenarios.params_for(scenario, args.get("overrides"))
    else:
        raise ApiError("Give a 'token' or a 'scenario'.")
    arms = args.get("arms", scenario["compare_arms"])
    every = check_number("every", args.get("every", 4), 1, 52, whole=True)
    patients = args.get("patients")
    if patients is not None:
        check_number("patients", patients, 1, BULK_MAX_PATIENTS, whole=True)
    size = patients or params.panel.patients
    if isinstance(arms, list) and len(arms) * size * max(params.weeks, 1) > OUTCOMES_MAX_PATIENT_WEEKS:
        raise ApiError(f"That comparison is too large for one request ({len(arms)} arms x {size} patients x "
                       f"{params.weeks} weeks); use fewer arms, patients or weeks.")
    result = outcomes.compare_arms(params, arms, every=every, patients=patients)
    result["denominators_text"] = present.denominators_text(result["arms"][0]["final"].get("denominators") or {})
    if state is not None:
        result["your_run"] = outcomes.your_run(state, every)
    return result


# --- stateful operations ---------------------------------------------------------------------------


def op_create(api: Api, args: dict) -> dict:
    """Start a run: args ``scenario`` (an id, or a whole scenario object) and optional ``overrides``."""
    _check_args(args, ("scenario", "overrides"), ("scenario",))
    scenario = args["scenario"]
    data = _scenario_data(scenario)
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
    _check_args(args, ("token", "weeks"), ("token",))
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
    _check_args(args, ("token", "discuss", "recommend"), ("token",))
    state, sim = api.simulation(args["token"])
    if sim.week >= sim.params.weeks:
        raise ApiError(f"The run has reached its last week ({sim.params.weeks}); undo or reset to decide again.")
    if not sim.params.fidelity.review:
        raise ApiError("This arm holds no caseload review; switch the review on to make review decisions.")
    advice = args.get("recommend") or {}
    if not isinstance(advice, dict):
        raise ApiError("'recommend' must map patient IDs to recommendations, e.g. {\"S-0004\": \"adjust-medication\"}.")
    wanted = Decision(tuple(_ids(args.get("discuss"))),
                      tuple(sorted((parse_patient_code(code), action) for code, action in advice.items())))
    decision = apply_decision(sim, wanted)  # checks everything before the run changes
    api.forget(args["token"])
    sim.step()
    return api.view(state.with_decision(decision), sim, narrate=[sim.week])


def op_registry(api: Api, args: dict) -> dict:
    """The registry at the token's week: args ``token``, optional ``format`` ("json" or "csv")."""
    _check_args(args, ("token", "format"), ("token",))
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
    _check_args(args, ("token", "id", "reveal"), ("token", "id"))
    state, sim = api.simulation(args["token"])
    pid = parse_patient_code(args["id"])
    patient = sim.patient(pid)
    if patient is None or patient.enrol_week > sim.week:
        raise ApiError(f"{patient_code(pid)} is not on this caseload at week {sim.week}.")
    seed = sim.params.seed
    history = []
    for week, phq, gad, item9, by in patient.measurements:
        phq_items, gad_items = item_answers(seed, patient, week, phq, gad, item9)
        history.append(present.measurement_text({
            "week": week, "by": by,
            "phq9": phq, "phq9_band": measures.severity_band(measures.PHQ9, phq), "phq9_items": phq_items,
            "gad7": gad, "gad7_band": measures.severity_band(measures.GAD7, gad), "gad7_items": gad_items,
            "item9": item9,
        }))
    result = {
        "token": encode(state),
        "week": sim.week,
        "patient": patient_as_dict(patient),
        "summary": describe.patient_summary(sim, patient),
        "registry_row": registry.registry_row(patient, sim.week, sim.params.cadence.not_improving_weeks,
                                              sim.params.start_date, sim.params.fidelity.review),
        "measurements": history,
        "chart_lines": present.chart_lines(history[0]["phq9"] if history else None),
        "chart_max": measures.PHQ9.max_total,
        "timeline": describe.timeline(patient),
        "synthetic": True,
    }
    if check_bool("reveal", args.get("reveal", False)):
        result["hidden_profile"] = hidden_profile(patient)
    return result


def op_undo(api: Api, args: dict) -> dict:
    """Go back one week (the decision made for that week's review is dropped): args ``token``."""
    _check_args(args, ("token",), ("token",))
    state = decode(args["token"])
    opens = state.params().opens_at_week
    if state.week <= opens:
        raise ApiError(f"This run is already at week {opens}, where it opens; there is nothing to undo.")
    earlier = state.with_week(state.week - 1)
    return api.view(earlier, api.rebuild(earlier))


def op_reset(api: Api, args: dict) -> dict:
    """Back to week 0 of the same scenario and settings, with no decisions: args ``token``."""
    _check_args(args, ("token",), ("token",))
    state = decode(args["token"])
    opens = state.params().opens_at_week
    start = State(state.scenario, state.overrides, (), opens)
    return api.view(start, api.rebuild(start), narrate=[opens])


def op_restore(api: Api, args: dict) -> dict:
    """Rebuild the exact state in a share token (checking it): args ``token``."""
    _check_args(args, ("token",), ("token",))
    state, sim = api.simulation(args["token"])
    return api.view(state, sim)


def op_state(api: Api, args: dict) -> dict:
    """What a token holds, readable: scenario, overrides, decisions and week (no replay)."""
    _check_args(args, ("token",), ("token",))
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
    "score": op_score,
    "instruments": op_instruments,
    "scenarios": op_scenarios,
    "scenario": op_scenario,
    "arms": op_arms,
    "rules": op_rules,
    "calibration": op_calibration,
    "run": op_run,
    "outcomes": op_outcomes,
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
"""Every operation the API offers, by name."""


def _ids(value) -> list[int]:
    """Patient numbers from a list of IDs."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError("'discuss' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    return [parse_patient_code(code) for code in value]


def _scenario_data(scenario) -> dict:
    """A checked scenario from an id or a whole object."""
    if isinstance(scenario, str):
        return scenarios.load(scenario)
    if isinstance(scenario, dict):
        return scenarios.check_scenario(scenario, "imported scenario")
    raise ApiError("'scenario' must be a scenario id or a scenario object.")


def _scenario_params(scenario, overrides):
    return scenarios.params_for(_scenario_data(scenario), overrides)


class Api:
    """The API with a small cache of simulations keyed by token; ``call`` answers one JSON request."""

    def __init__(self, cache_size: int = 4):
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Simulation] = OrderedDict()
        self.begun: dict[tuple, Simulation] = {}
        """Simulations whose next week is begun up to the care manager's calls, by (token, review list)."""

    # --- simulations by token ---

    def keep(self, token: str, sim: Simulation) -> None:
        """Remember a simulation under its token (dropping the oldest beyond cache_size)."""
        if self.cache_size <= 0:
            return
        self._cache[token] = sim
        self._cache.move_to_end(token)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def rebuild(self, state: State) -> Simulation:
        """Replay a state from week 0."""
        return replay(state)

    def forget(self, token: str) -> None:
        """Drop a token's simulation from the cache, before that simulation is changed in place."""
        self._cache.pop(token, None)

    def simulation(self, token) -> tuple[State, Simulation]:
        """The state and simulation for a token, from the cache or by replaying it."""
        state = decode(token)
        sim = self._cache.get(token)
        if sim is None:
            sim = replay(state)
            self.keep(token, sim)
        return state, sim

    def view(self, state: State, sim: Simulation, narrate: list[int] | None = None) -> dict:
        """The page's picture of a run: token, registry with flags, statistics, next agenda, narration."""
        token = encode(state)
        self.keep(token, sim)
        params = sim.params
        weeks = params.cadence.not_improving_weeks
        reviews = params.fidelity.review
        rows = [present.with_text(registry.registry_row(p, sim.week, weeks, params.start_date, reviews))
                for p in sim.enrolled]
        stats = registry.caseload_statistics(sim.patients, sim.week, weeks, reviews)
        scenario = state.scenario_data()
        last_review = describe.review_summary(sim, sim.week) if sim.week in sim.reviews else None
        return {
            "token": token,
            "week": sim.week,
            "weeks": params.weeks,
            "done": sim.week >= params.weeks,
            "scenario": {"id": scenario["id"], "title": scenario["title"], "description": scenario["description"]},
            "settings": params.summary(),
            "registry": {"in_use": params.fidelity.registry, "rows": rows, "statistics": stats,
                         "statistics_text": present.statistics_text(stats)},
            "agenda": present.agenda_text(sim.agenda().as_dict()) if params.fidelity.review and sim.week < params.weeks
            else None,
            "summary": describe.registry_summary(sim, stats),
            "review": last_review,
            "narration": [describe.week_summary(sim, week) for week in (narrate or [])],
            "decisions": len(state.decisions),
            "care_plans": len(state.care),
            "synthetic": True,
        }

    # --- requests ---

    def dispatch(self, op, args: dict | None = None):
        """Run one operation on Python values; raise a ValueError subclass on bad input."""
        if not isinstance(op, str) or op not in OPERATIONS:
            raise ApiError(f"Unknown operation {op!r}; known operations: {', '.join(OPERATIONS)}.")
        if args is None:
            args = {}
        if not isinstance(args, dict):
            raise ApiError("The arguments of a request must be a JSON object.")
        return OPERATIONS[op](self, args)

    def call(self, request_json: str) -> str:
        """Answer one JSON request with one JSON response; never raises for bad input."""
        try:
            if not isinstance(request_json, (str, bytes)):
                raise ApiError("A request must be a JSON text.")
            request = json.loads(request_json)
            if not isinstance(request, dict):
                raise ApiError("A request must be a JSON object with an 'op'.")
            result = self.dispatch(request.get("op"), request.get("args"))
        except json.JSONDecodeError as error:
            return json.dumps({"ok": False, "error": f"The request is not valid JSON: {error.msg}."})
        except ValueError as error:
            return json.dumps({"ok": False, "error": str(error)})
        return json.dumps({"ok": True, "result": result}, separators=(",", ":"))


def dispatch(op: str, args: dict | None = None):
    """Run one operation without a cache (stateless convenience)."""
    return Api(cache_size=0).dispatch(op, args)


def call(request_json: str) -> str:
    """Answer one JSON request, stateless: stateful operations rebuild their run from the token."""
    return Api(cache_size=0).call(request_json)


from explainer import api_learning  # noqa: E402  (its operations use ApiError and _check_args above)

OPERATIONS.update(api_learning.OPERATIONS)
