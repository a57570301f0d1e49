"""Scenarios as data: JSON files checked field by field, and turned into run parameters.

Scenario files live in ``content/scenarios/*.json`` in the repository; the site's wheel carries
copies as ``explainer/scenarios/*.json``. The loader looks in the package first and falls back to
the repository, and only when asked (nothing is read at import). JSON, not YAML, so the standard
library can read it inside Pyodide.

A scenario file holds one object; see ``SCENARIO_FIELDS`` for every field. Errors name the file,
the field and what is wrong, e.g. ``understaffed.json: 'staffing.care_manager_fte' must be a number
from 0 to 200; got 'one'.``
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import fields, replace
from pathlib import Path

from explainer.params import (
    ARMS,
    MAX_PATIENTS,
    MAX_SEED,
    MAX_WEEKS,
    Cadence,
    Fidelity,
    Panel,
    ParamError,
    Params,
    Staffing,
    arm_fidelity,
    check_bool,
    check_number,
    check_text,
)
from explainer.patient_traits import check_fixed_patient
from explainer.patients import parse_patient_code


class ScenarioError(ValueError):
    """A scenario file or object that cannot be used; the message names the file and the field."""


SCENARIO_FIELDS = {
    "id": "short lowercase name (letters, digits, hyphens); the same as the file name",
    "title": "a short title",
    "description": "one or two plain-language sentences on what the scenario shows",
    "synthetic": "must be true: every patient in a scenario is invented",
    "seed": f"whole number 0-{MAX_SEED}: the same seed gives the same run",
    "weeks": f"whole number 0-{MAX_WEEKS}: how long the run lasts",
    "arm": f"one of: {', '.join(ARMS)}",
    "fidelity": "optional switches that change the arm: care_manager, registry, measurement, review, step_up, "
                "colocated_therapist",
    "compare_arms": "optional list of arms to compare over time (default: usual-care and the scenario's arm)",
    "staffing": "optional: care_manager_fte, consultant_hours_per_week, cases_per_consultant_hour",
    "cadence": "optional: acute_every_weeks, maintenance_every_weeks, not_improving_weeks",
    "panel": "the synthetic panel: patients (required), age_min, age_max, female_share, condition_shares, "
             "chronic_illness_share, chronic_course_share, phq9_mean, phq9_sd, gad7_mean, gad7_sd, "
             "engagement_mean, adherence_mean, enrolment_weeks",
    "patients": "optional hand-written synthetic patients, placed first in the panel",
    "start_date": "optional ISO date of week 0 (YYYY-MM-DD)",
    "order": "optional whole number: where the scenario appears in lists (lowest first)",
    "opens_at_week": "optional whole number: the week the learner joins a programme already running (default 0, "
                     "a cohort that starts together)",
    "script": "optional list of steps {week, patient, event, note} that the run must show, for walkthroughs",
}
"""Every field a scenario may have, with what it must hold."""
REQUIRED_FIELDS = ("id", "title", "description", "synthetic", "seed", "weeks", "arm", "panel")
SCRIPT_EVENTS = (
    "enrolled", "assessed", "session", "measured", "flag:safety", "flag:new", "flag:not_improving", "flag:overdue",
    "flag:response", "flag:remission", "flag:relapse_plan_due", "flag:ready_for_discharge", "reviewed", "medication",
    "psychotherapy", "relapse-plan", "discharged",
)
"""Events a walkthrough script can name (see explainer.describe.timeline for what each means)."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

OVERRIDES = {
    "patients": "caseload size (whole number)",
    "care_manager_fte": "full-time-equivalent care managers",
    "consultant_hours_per_week": "consultant hours of caseload review a week",
    "cases_per_consultant_hour": "patients discussed per consultant hour",
    "seed": "whole number",
    "weeks": "whole number",
    "arm": f"one of: {', '.join(ARMS)}",
    "fidelity": "switches: care_manager, registry, measurement, review, step_up, colocated_therapist",
    "acute_every_weeks": "contact interval in the acute phase",
    "maintenance_every_weeks": "contact interval in remission",
    "not_improving_weeks": "the step-up week (8-12)",
}
"""Settings a learner may change when creating a run, checked like scenario fields."""


PACKAGE_DIR = Path(__file__).resolve().parent
"""The explainer package's folder (read with pathlib, not importlib.resources, which adds about 25 ms
to every boot in Pyodide)."""


def scenario_directory():
    """Where scenario files are: the package's copy if present, else the repository's content folder."""
    packaged = PACKAGE_DIR / "scenarios"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "content" / "scenarios"


def _scenario_files() -> list:
    """Scenario files, sorted by name; ScenarioError if the folder is missing."""
    folder = scenario_directory()
    if not folder.is_dir():
        raise ScenarioError(f"No scenario folder found (looked for {folder}).")
    return sorted((item for item in folder.iterdir() if item.name.endswith(".json")), key=lambda item: item.name)


def _read(item) -> dict:
    """Parse one scenario file; ScenarioError naming the file and the line on bad JSON."""
    try:
        data = json.loads(item.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ScenarioError(
            f"{item.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    expected = item.name[: -len(".json")]
    checked = check_scenario(data, item.name)
    if checked["id"] != expected:
        raise ScenarioError(f"{item.name}: 'id' is {checked['id']!r} but must match the file name ({expected!r}).")
    return checked


def load_all() -> list[dict]:
    """Every scenario, checked, in display order (``order``, then id)."""
    scenarios = [_read(item) for item in _scenario_files()]
    return sorted(scenarios, key=lambda s: (s.get("order", 100), s["id"]))


def load(scenario_id: str) -> dict:
    """One scenario by id; ScenarioError listing the ids there are if it is unknown."""
    if not isinstance(scenario_id, str) or not _ID.match(scenario_id):
        raise ScenarioError(f"{scenario_id!r} is not a scenario id (lowercase letters, digits and hyphens).")
    for item in _scenario_files():
        if item.name == f"{scenario_id}.json":
            return _read(item)
    known = ", ".join(item.name[:-5] for item in _scenario_files())
    raise ScenarioError(f"Unknown scenario {scenario_id!r}; choose one of: {known}.")


def _check_section(data: dict, key: str, cls, extra: dict | None = None):
    """Build a parameter dataclass from an optional object field, naming unknown keys."""
    section = data.get(key, {})
    if not isinstance(section, dict):
        raise ParamError(f"'{key}' must be an object.")
    allowed = {item.name for item in fields(cls)}
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise ParamError(f"'{key}' has unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}.")
    values = dict(section)
    values.update(extra or {})
    try:
        return cls(**values)
    except TypeError as error:
        raise ParamError(f"'{key}' is not valid: {error}.") from error


def _panel(section) -> Panel:
    """The panel object, with condition shares given as {"depression": 0.6, ...}."""
    if not isinstance(section, dict):
        raise ParamError("'panel' must be an object.")
    if "patients" not in section:
        raise ParamError("'panel.patients' is required: how many synthetic patients to create.")
    shares = section.get("condition_shares")
    extra = {}
    if shares is not None:
        if not isinstance(shares, dict):
            raise ParamError("'panel.condition_shares' must be an object such as {\"depression\": 0.7, ...}.")
        extra["condition_shares"] = tuple(sorted(shares.items()))
    return _check_section({"panel": section}, "panel", Panel, extra)


def _fidelity(arm: str, switches) -> Fidelity:
    """The arm's switches with any given changes applied."""
    base = arm_fidelity(arm)
    if switches is None:
        return base
    if not isinstance(switches, dict):
        raise ParamError("'fidelity' must be an object of true/false switches.")
    allowed = {item.name for item in fields(Fidelity)}
    unknown = sorted(set(switches) - allowed)
    if unknown:
        raise ParamError(
            f"'fidelity' has unknown switch(es) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}."
        )
    for name, value in switches.items():
        check_bool(f"fidelity.{name}", value)
    return replace(base, **switches)


def _check_script(script, patients: int) -> list:
    """A walkthrough script: steps with a week, a patient, an event and a note."""
    if not isinstance(script, list) or not script:
        raise ParamError("'script' must be a non-empty list of steps.")
    for number, step in enumerate(script):
        where = f"script[{number}]"
        if not isinstance(step, dict) or set(step) != {"week", "patient", "event", "note"}:
            raise ParamError(f"'{where}' must have exactly the fields week, patient, event and note.")
        check_number(f"{where}.week", step["week"], 0, MAX_WEEKS, whole=True)
        pid = parse_patient_code(step["patient"])
        if pid > patients:
            raise ParamError(f"'{where}.patient' {step['patient']} is not in a panel of {patients}.")
        if step["event"] not in SCRIPT_EVENTS:
            raise ParamError(f"'{where}.event' must be one of: {', '.join(SCRIPT_EVENTS)}; got {step['event']!r}.")
        check_text(f"{where}.note", step["note"])
    return script


def check_scenario(data, where: str = "scenario") -> dict:
    """Check a scenario object completely; return it with its parameters attached under ``"_params"``.

    Raises ScenarioError whose message starts with ``where`` (a file name, or "imported scenario").
    """
    try:
        if not isinstance(data, dict):
            raise ParamError("a scenario must be a JSON object.")
        unknown = sorted(set(data) - set(SCENARIO_FIELDS))
        if unknown:
            raise ParamError(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(SCENARIO_FIELDS)}.")
        missing = [name for name in REQUIRED_FIELDS if name not in data]
        if missing:
            raise ParamError(f"missing required field(s): {', '.join(missing)}.")
        if not isinstance(data["id"], str) or not _ID.match(data["id"]):
            raise ParamError(f"'id' must be lowercase letters, digits and hyphens; got {data['id']!r}.")
        check_text("title", data["title"], longest=120)
        check_text("description", data["description"])
        if data["synthetic"] is not True:
            raise ParamError("'synthetic' must be true: scenarios hold invented patients only.")
        if "order" in data:
            check_number("order", data["order"], 0, 1000, whole=True)
        if "start_date" in data:
            try:
                datetime.date.fromisoformat(data["start_date"])
            except (TypeError, ValueError):
                raise ParamError(f"'start_date' must be a date like 2025-01-06; got {data['start_date']!r}.") from None
        if not isinstance(data["arm"], str):
            raise ParamError(f"'arm' must be one of: {', '.join(ARMS)}.")
        arms = data.get("compare_arms", ["usual-care", data["arm"]])
        if not isinstance(arms, list) or not arms or len(arms) > len(ARMS):
            raise ParamError("'compare_arms' must be a non-empty list of arm names.")
        for arm in arms:
            arm_fidelity(arm)
        fixed = data.get("patients", [])
        if not isinstance(fixed, list):
            raise ParamError("'patients' must be a list of hand-written synthetic patients.")
        fixed = tuple(check_fixed_patient(spec, f"patients[{i}]") for i, spec in enumerate(fixed))
        params = Params(
            scenario_id=data["id"],
            arm=data["arm"],
            fidelity=_fidelity(data["arm"], data.get("fidelity")),
            staffing=_check_section(data, "staffing", Staffing),
            cadence=_check_section(data, "cadence", Cadence),
            panel=_panel(data["panel"]),
            seed=data["seed"],
            weeks=data["weeks"],
            start_date=data.get("start_date", "2025-01-06"),
            fixed_patients=fixed,
            opens_at_week=data.get("opens_at_week", 0),
        )
        if len(fixed) > params.panel.patients:
            raise ParamError(f"'patients' lists {len(fixed)} but 'panel.patients' is {params.panel.patients}.")
        if "script" in data:
            _check_script(data["script"], params.panel.patients)
    except ParamError as error:
        raise ScenarioError(f"{where}: {error}") from None
    checked = dict(data)
    checked["compare_arms"] = list(arms)
    checked["_params"] = params
    return checked


def public(scenario: dict) -> dict:
    """The scenario as JSON, without the parameters attached by check_scenario."""
    return {key: value for key, value in scenario.items() if not key.startswith("_")}


def apply_overrides(params: Params, overrides) -> Params:
    """Parameters with a learner's validated changes; ParamError naming the setting that is wrong."""
    if overrides is None:
        return params
    if not isinstance(overrides, dict):
        raise ParamError("'overrides' must be an object of settings.")
    unknown = sorted(set(overrides) - set(OVERRIDES))
    if unknown:
        raise ParamError(f"Unknown setting(s) {', '.join(unknown)}; you can change: {', '.join(OVERRIDES)}.")
    staffing = params.staffing
    cadence = params.cadence
    panel = params.panel
    changes: dict = {}
    if "patients" in overrides:
        count = check_number("patients", overrides["patients"], max(1, len(params.fixed_patients)), MAX_PATIENTS,
                             whole=True)
        panel = replace(panel, patients=count)
    staffing_keys = ("care_manager_fte", "consultant_hours_per_week", "cases_per_consultant_hour")
    staffing_changes = {key: overrides[key] for key in staffing_keys if key in overrides}
    if staffing_changes:
        staffing = _rebuild(Staffing, staffing, staffing_changes, "staffing.")
    cadence_keys = ("acute_every_weeks", "maintenance_every_weeks", "not_improving_weeks")
    cadence_changes = {key: overrides[key] for key in cadence_keys if key in overrides}
    if cadence_changes:
        cadence = _rebuild(Cadence, cadence, cadence_changes, "cadence.")
    arm = overrides.get("arm", params.arm)
    if not isinstance(arm, str):
        raise ParamError(f"'arm' must be one of: {', '.join(ARMS)}.")
    fidelity = params.fidelity if arm == params.arm else arm_fidelity(arm)
    if "fidelity" in overrides:
        switches = overrides["fidelity"]
        if not isinstance(switches, dict):
            raise ParamError("'fidelity' must be an object of true/false switches.")
        fidelity = _fidelity(arm, {**{f.name: getattr(fidelity, f.name) for f in fields(Fidelity)}, **switches})
    for key in ("seed", "weeks"):
        if key in overrides:
            changes[key] = overrides[key]
    return replace(params, arm=arm, fidelity=fidelity, staffing=staffing, cadence=cadence, panel=panel, **changes)


def _rebuild(cls, current, changes: dict, prefix: str):
    """A dataclass rebuilt with changes, with error messages naming the override (without prefix)."""
    try:
        return replace(current, **changes)
    except ParamError as error:
        raise ParamError(str(error).replace(f"'{prefix}", "'")) from None


def params_for(scenario: dict, overrides=None) -> Params:
    """Run parameters for a checked scenario plus overrides."""
    return apply_overrides(scenario["_params"], overrides)


KIND_COHORT = "cohort: every patient starts together, as in a trial"
KIND_IN_PROGRESS = "caseload in progress: new referrals every week and patients at every stage"
"""How the scenario list says which scenarios are cohorts."""


def listing() -> list[dict]:
    """Id, title, description, arm and size of every scenario, for menus."""
    return [
        {
            "id": s["id"],
            "title": s["title"],
            "description": s["description"],
            "arm": s["arm"],
            "compare_arms": s["compare_arms"],
            "patients": s["_params"].panel.patients,
            "weeks": s["weeks"],
            "opens_at_week": s["_params"].opens_at_week,
            "kind": KIND_IN_PROGRESS if s["_params"].opens_at_week else KIND_COHORT,
            "synthetic": True,
        }
        for s in load_all()
    ]
