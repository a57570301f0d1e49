"""What every API operation shares: the error a user sees, the check of a request's arguments, the limits
on a run's size, and reading a scenario or patient IDs from a request (explainer.api's operations)."""

from __future__ import annotations

from explainer import scenarios
from explainer.patients import parse_patient_code

INTERACTIVE_MAX_PATIENTS = 2000
"""Largest caseload for a step-by-step run (a registry of this size still renders quickly)."""
BULK_MAX_PATIENTS = 20000
"""Largest cohort for one bulk run ('run' and 'outcomes')."""
OUTCOMES_MAX_PATIENT_WEEKS = 2_000_000
"""Upper bound on arms x patients x weeks for one 'outcomes' request, to keep a page responsive."""


class ApiError(ValueError):
    """A request the API cannot carry out; its message is shown to the user as it is."""


def check_args(args: dict, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
    """Refuse unknown or missing arguments with a message naming them."""
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) or "no arguments"
        raise ApiError(f"Unknown argument(s) {', '.join(unknown)}; this operation takes: {takes}.")
    missing = [name for name in required if name not in args]
    if missing:
        raise ApiError(f"Missing argument(s): {', '.join(missing)}.")


def patient_ids(value) -> list[int]:
    """Patient numbers from a list of IDs."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError("'discuss' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    return [parse_patient_code(code) for code in value]


def scenario_data(scenario) -> dict:
    """A checked scenario from an id or a whole object."""
    if isinstance(scenario, str):
        return scenarios.load(scenario)
    if isinstance(scenario, dict):
        return scenarios.check_scenario(scenario, "imported scenario")
    raise ApiError("'scenario' must be a scenario id or a scenario object.")


def scenario_params(scenario, overrides):
    """The checked parameters of a scenario (an id or a whole object) with its overrides."""
    return scenarios.params_for(scenario_data(scenario), overrides)
