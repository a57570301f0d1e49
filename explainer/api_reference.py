"""The API's operations that need no run: the questionnaires and their scoring, scenarios, arms, rules,
calibration, the simulator page's fixed words, and bulk runs of arms ('run', and 'outcomes', which may
also take a run's token).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer import calibration, measures, outcomes, present, present_outcomes, process, registry, rules, scenarios
from explainer.api_args import (
    BULK_MAX_PATIENTS,
    OUTCOMES_MAX_PATIENT_WEEKS,
    ApiError,
    check_args,
    scenario_data,
    scenario_params,
)
from explainer.page_words import PAGE_WORDS
from explainer.params import ARMS, check_number
from explainer.review import ACTIONS, TIERS
from explainer.state import decode

if TYPE_CHECKING:
    from explainer.api import Api


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
    check_args(args, ())
    return {"scenarios": scenarios.listing(), "overrides": dict(scenarios.OVERRIDES)}


def op_scenario(api: Api, args: dict) -> dict:
    """One scenario as its full JSON object (to show, export or edit): args ``id``."""
    check_args(args, ("id",), ("id",))
    return {"scenario": scenarios.public(scenarios.load(args["id"])), "fields": dict(scenarios.SCENARIO_FIELDS)}


def op_arms(api: Api, args: dict) -> dict:
    """Every arm with its plain description and fidelity switches."""
    check_args(args, ())
    return {"arms": [{"id": name, "label": arm.label, "description": arm.description,
                      "fidelity": arm.fidelity.as_dict()} for name, arm in ARMS.items()]}


def op_rules(api: Api, args: dict) -> dict:
    """Every rule constant (value, unit, explanation, source, basis), every flag and the review's options."""
    check_args(args, ())
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
    check_args(args, ())
    return calibration.CALIBRATION


def op_run(api: Api, args: dict) -> dict:
    """One arm in bulk: args ``scenario`` (id), optional ``arm``, ``seed``, ``patients``, ``weeks``.

    Staffing grows with ``patients`` so the caseload per care manager stays as the scenario set it.
    """
    check_args(args, ("scenario", "arm", "seed", "patients", "weeks"), ("scenario",))
    params = scenario_params(args["scenario"], None)
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
    check_args(args, ("token", "scenario", "overrides", "arms", "every", "patients"))
    state = None
    if "token" in args:
        if "scenario" in args or "overrides" in args:
            raise ApiError("Give either 'token' or 'scenario' (with 'overrides'), not both.")
        state = decode(args["token"])
        scenario, params = state.scenario_data(), state.params()
    elif "scenario" in args:
        scenario = scenario_data(args["scenario"])
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
    result["denominators_text"] = present_outcomes.denominators_text(result["arms"][0]["final"].get("denominators")
                                                                     or {})
    if state is not None:
        result["your_run"] = outcomes.your_run(state, every)
    result["words"] = present_outcomes.outcomes_text(result, size, params.staffing.consultant_hours_per_week)
    return result


def op_page_words(api: Api, args: dict) -> dict:
    """The simulator page's fixed words and sentence templates by name (explainer.page_words)."""
    check_args(args, ())
    return dict(PAGE_WORDS)


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
    "page_words": op_page_words,
}
"""The operations that need no run, by name."""
