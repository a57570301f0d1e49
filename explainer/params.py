"""Parameters of one run: the arm and its fidelity switches, staffing, cadence and the synthetic panel.

Everything here is an immutable value checked on construction, so a model never starts from a
parameter it cannot use. ``check_*`` helpers raise ParamError with the field name and what is
wrong; scenario loading adds the file name in front.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple

from explainer import rules


class ParamError(ValueError):
    """A parameter is missing, of the wrong type or out of range; the message names the field."""


def check_number(name: str, value, low: float, high: float, *, whole: bool = False) -> float | int:
    """Return ``value`` if it is a number in [low, high] (a whole number when ``whole``), else raise."""
    kind = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(f"'{name}' must be {kind} from {low:g} to {high:g}; got {value!r}.")
    if value != value or not low <= value <= high:  # value != value catches NaN; the range catches infinity
        raise ParamError(f"'{name}' must be {kind} from {low:g} to {high:g}; got {value!r}.")
    if whole and value != int(value):
        raise ParamError(f"'{name}' must be {kind} from {low:g} to {high:g}; got {value!r}.")
    return int(value) if whole else float(value)


def _set(instance, name: str, value) -> None:
    """Store a checked (normalised) value on a frozen dataclass, e.g. 60.0 patients as 60."""
    object.__setattr__(instance, name, value)


def check_bool(name: str, value) -> bool:
    """Return ``value`` if it is true or false, else raise."""
    if not isinstance(value, bool):
        raise ParamError(f"'{name}' must be true or false; got {value!r}.")
    return value


def check_text(name: str, value, *, longest: int = 2000) -> str:
    """Return ``value`` if it is a non-empty string of at most ``longest`` characters, else raise."""
    if not isinstance(value, str) or not value.strip():
        raise ParamError(f"'{name}' must be a non-empty text; got {value!r}.")
    if len(value) > longest:
        raise ParamError(f"'{name}' must be at most {longest} characters long; it has {len(value)}.")
    return value


MAX_PATIENTS = 20000
"""Largest panel a run accepts (keeps a browser tab responsive and a CLI run bounded)."""
MAX_WEEKS = 260
"""Longest run a scenario or override may ask for: five years of weeks."""
MAX_SEED = 2**53
"""Seeds are whole numbers from 0 to this, so that JavaScript can carry them without loss."""
CARE_MANAGER_FTE_LIMITS = (0, 200)
"""Lowest and highest full-time-equivalent care managers a run accepts (0: an arm with none)."""
CONSULTANT_HOURS_LIMITS = (0, 1000)
"""Lowest and highest psychiatric consultant hours of caseload review a week a run accepts."""


@dataclass(frozen=True)
class Fidelity:
    """Which parts of Collaborative Care an arm has. Each element can be switched off on its own."""

    care_manager: bool = True
    """A behavioural health care manager follows patients up and delivers brief interventions."""
    registry: bool = True
    """The team keeps a registry and works from its flags (aims-registry)."""
    measurement: bool = True
    """PHQ-9 and GAD-7 at every contact, on schedule (measurement-based care: aims-principles)."""
    review: bool = True
    """A weekly systematic caseload review with the psychiatric consultant (ps-scr-best)."""
    step_up: bool = True
    """Treatment changes when a patient is not improving (aims-pc)."""
    colocated_therapist: bool = False
    """A therapist works in the clinic and sees referred patients (co-location, not collaboration)."""

    def __post_init__(self):
        for item in fields(self):
            check_bool(f"fidelity.{item.name}", getattr(self, item.name))
        if not self.care_manager:
            for element in ("registry", "measurement", "review", "step_up"):
                if getattr(self, element):
                    raise ParamError(
                        f"'fidelity.{element}' needs a care manager to carry it out; "
                        f"turn 'fidelity.care_manager' on or '{element}' off."
                    )

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


class Arm(NamedTuple):
    """A named arm: the human label pages show, a plain description and its fidelity switches."""

    label: str
    description: str
    fidelity: Fidelity


ARMS: dict[str, Arm] = {
    "usual-care": Arm(
        "Usual care",
        "Usual care: the primary care provider treats depression in ordinary visits, with no care manager, "
        "no registry and no scheduled scores.",
        Fidelity(care_manager=False, registry=False, measurement=False, review=False, step_up=False),
    ),
    "co-location": Arm(
        "Co-location",
        "Co-location: a therapist works in the clinic and sees the patients referred to them, but nobody keeps a "
        "registry, measures on schedule or reviews the caseload.",
        Fidelity(care_manager=False, registry=False, measurement=False, review=False, step_up=False,
                 colocated_therapist=True),
    ),
    "name-only": Arm(
        "Collaborative in name only",
        "Collaborative in name only: a care manager calls patients, but there is no registry, no scheduled "
        "measurement, no caseload review and no step-up.",
        Fidelity(registry=False, measurement=False, review=False, step_up=False),
    ),
    "cocm-no-registry": Arm(
        "Collaborative Care without a registry",
        "Collaborative Care without a registry: the care manager works from memory, so overdue and "
        "non-improving patients are easy to miss.",
        Fidelity(registry=False),
    ),
    "cocm-no-measurement": Arm(
        "Collaborative Care without scheduled measurement",
        "Collaborative Care without scheduled measurement: scores are taken at intake and rarely after, so "
        "nobody can tell who is not improving.",
        Fidelity(measurement=False),
    ),
    "cocm-no-review": Arm(
        "Collaborative Care without the caseload review",
        "Collaborative Care without the weekly caseload review: no consultant advice, so treatment changes "
        "rest on the primary care provider alone.",
        Fidelity(review=False),
    ),
    "cocm-no-step-up": Arm(
        "Collaborative Care without step-up",
        "Collaborative Care without step-up: patients are measured and reviewed, but a plan that is not "
        "working is left as it is.",
        Fidelity(step_up=False),
    ),
    "cocm": Arm(
        "Collaborative Care",
        "Collaborative Care at full fidelity: care manager, registry, measurement on schedule, weekly "
        "caseload review with the consultant, and step-up when a patient is not improving.",
        Fidelity(),
    ),
}
"""Every named arm, by id; the browser shows ``label``, never the id."""


def arm_fidelity(name: str) -> Fidelity:
    """The fidelity switches of a named arm, or ParamError naming the arms there are."""
    if not isinstance(name, str) or name not in ARMS:
        raise ParamError(f"Unknown arm {name!r}; choose one of: {', '.join(ARMS)}.")
    return ARMS[name].fidelity


@dataclass(frozen=True)
class Staffing:
    """Team time. Caseload per care-manager FTE follows from the panel size and ``care_manager_fte``."""

    care_manager_fte: float = 1.0
    """Full-time-equivalent care managers (0 when the arm has none)."""
    consultant_hours_per_week: float = rules.CONSULTANT_HOURS_PER_FTE
    """Psychiatric consultant hours of caseload review a week (aims-pc: 3 per full-time care manager)."""
    cases_per_consultant_hour: float = rules.CASES_PER_CONSULTANT_HOUR
    """Patients discussed per consultant hour (sdn-2015)."""

    def __post_init__(self):
        _set(self, "care_manager_fte", check_number("staffing.care_manager_fte", self.care_manager_fte,
                                                    *CARE_MANAGER_FTE_LIMITS))
        _set(self, "consultant_hours_per_week",
             check_number("staffing.consultant_hours_per_week", self.consultant_hours_per_week,
                          *CONSULTANT_HOURS_LIMITS))
        _set(self, "cases_per_consultant_hour",
             check_number("staffing.cases_per_consultant_hour", self.cases_per_consultant_hour, 1, 30))

    @property
    def review_slots(self) -> int:
        """Patients the consultant can discuss in one weekly review."""
        return int(self.consultant_hours_per_week * self.cases_per_consultant_hour + 1e-9)

    @property
    def contact_minutes_per_week(self) -> float:
        """Care-manager minutes available for patient contacts each week."""
        return self.care_manager_fte * rules.CARE_MANAGER_HOURS_PER_WEEK * 60 * rules.DIRECT_CARE_SHARE

    def scaled(self, factor: float) -> Staffing:
        """The same team per patient for a panel ``factor`` times as large."""
        return replace(
            self,
            care_manager_fte=round(self.care_manager_fte * factor, 6),
            consultant_hours_per_week=round(self.consultant_hours_per_week * factor, 6),
        )

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(frozen=True)
class Cadence:
    """How often the care manager aims to reach a patient, and when a plan should step up."""

    acute_every_weeks: int = rules.ACUTE_CONTACT_EVERY_WEEKS
    maintenance_every_weeks: int = rules.MAINTENANCE_CONTACT_EVERY_WEEKS
    not_improving_weeks: int = rules.NOT_IMPROVING_WEEKS

    def __post_init__(self):
        _set(self, "acute_every_weeks", check_number("cadence.acute_every_weeks", self.acute_every_weeks, 1, 8,
                                                     whole=True))
        _set(self, "maintenance_every_weeks", check_number("cadence.maintenance_every_weeks",
                                                           self.maintenance_every_weeks, 1, 13, whole=True))
        low, high = rules.NOT_IMPROVING_WEEKS_RANGE
        _set(self, "not_improving_weeks", check_number("cadence.not_improving_weeks", self.not_improving_weeks,
                                                       low, high, whole=True))

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


CONDITIONS = ("depression", "anxiety", "both")
"""Conditions a synthetic patient can be enrolled for."""


@dataclass(frozen=True)
class Panel:
    """The synthetic panel: how many patients and what they are like on average."""

    patients: int = 100
    age_min: int = 18
    age_max: int = 85
    female_share: float = 0.6
    condition_shares: tuple[tuple[str, float], ...] = (("depression", 0.6), ("anxiety", 0.15), ("both", 0.25))
    chronic_illness_share: float = 0.4
    """Share with a chronic medical illness (diabetes, heart or lung disease, arthritis...)."""
    chronic_course_share: float = 0.3
    """Share whose depression has a long, slow course (dysthymia-like), which improves less by itself."""
    phq9_mean: float = 15.0
    phq9_sd: float = 3.5
    gad7_mean: float = 12.0
    gad7_sd: float = 3.5
    engagement_mean: float = 0.8
    """Average engagement, 0-1: how readily a patient takes part and stays in care."""
    adherence_mean: float = 0.6
    """Average share of prescribed antidepressant doses taken without support."""
    enrolment_weeks: int = 1
    """Patients enrol evenly over this many weeks, starting at week 0."""

    def __post_init__(self):
        _set(self, "patients", check_number("panel.patients", self.patients, 1, MAX_PATIENTS, whole=True))
        _set(self, "age_min", check_number("panel.age_min", self.age_min, 18, 100, whole=True))
        _set(self, "age_max", check_number("panel.age_max", self.age_max, 18, 100, whole=True))
        if self.age_max < self.age_min:
            raise ParamError(f"'panel.age_max' ({self.age_max}) must not be below 'panel.age_min' ({self.age_min}).")
        for name in ("female_share", "chronic_illness_share", "chronic_course_share", "engagement_mean",
                     "adherence_mean"):
            _set(self, name, check_number(f"panel.{name}", getattr(self, name), 0, 1))
        _set(self, "phq9_mean", check_number("panel.phq9_mean", self.phq9_mean, 0, 27))
        _set(self, "gad7_mean", check_number("panel.gad7_mean", self.gad7_mean, 0, 21))
        _set(self, "phq9_sd", check_number("panel.phq9_sd", self.phq9_sd, 0, 10))
        _set(self, "gad7_sd", check_number("panel.gad7_sd", self.gad7_sd, 0, 10))
        _set(self, "enrolment_weeks", check_number("panel.enrolment_weeks", self.enrolment_weeks, 1, MAX_WEEKS,
                                                   whole=True))
        names = [name for name, _ in self.condition_shares]
        if sorted(names) != sorted(CONDITIONS):
            raise ParamError(f"'panel.condition_shares' must give a share for each of: {', '.join(CONDITIONS)}.")
        _set(self, "condition_shares", tuple((name, check_number(f"panel.condition_shares.{name}", share, 0, 1))
                                             for name, share in self.condition_shares))
        if abs(sum(share for _, share in self.condition_shares) - 1) > 0.001:
            raise ParamError("'panel.condition_shares' must add up to 1.")

    def as_dict(self) -> dict:
        """JSON-ready form."""
        result = {item.name: getattr(self, item.name) for item in fields(self)}
        result["condition_shares"] = dict(self.condition_shares)
        return result


@dataclass(frozen=True)
class Params:
    """Everything one run needs: built from a scenario plus validated overrides."""

    scenario_id: str
    arm: str
    fidelity: Fidelity
    staffing: Staffing
    cadence: Cadence
    panel: Panel
    seed: int
    weeks: int
    start_date: str = "2025-01-06"
    """ISO date of week 0, used only to print enrolment and contact dates."""
    fixed_patients: tuple = field(default=())
    """Hand-written synthetic patients (dicts) that replace the first generated ones."""
    opens_at_week: int = 0
    """The week the learner joins: the programme has already run this many weeks, so the registry opens with
    patients at every stage (0 for a cohort that starts together)."""

    def __post_init__(self):
        _set(self, "seed", check_number("seed", self.seed, 0, MAX_SEED, whole=True))
        _set(self, "weeks", check_number("weeks", self.weeks, 0, MAX_WEEKS, whole=True))
        _set(self, "opens_at_week", check_number("opens_at_week", self.opens_at_week, 0, self.weeks, whole=True))
        arm_fidelity(self.arm)

    @property
    def caseload_per_fte(self) -> float | None:
        """Patients per full-time care manager, or None when the arm has no care manager."""
        if not self.fidelity.care_manager or self.staffing.care_manager_fte <= 0:
            return None
        return self.panel.patients / self.staffing.care_manager_fte

    def summary(self) -> dict:
        """JSON-ready summary of the settings, for pages and exports."""
        per_fte = self.caseload_per_fte
        return {
            "scenario": self.scenario_id,
            "arm": self.arm,
            "fidelity": self.fidelity.as_dict(),
            "staffing": self.staffing.as_dict(),
            "caseload_per_fte": None if per_fte is None else round(per_fte, 1),
            "review_slots": self.staffing.review_slots if self.fidelity.review else 0,
            "cadence": self.cadence.as_dict(),
            "panel": self.panel.as_dict(),
            "seed": self.seed,
            "weeks": self.weeks,
            "start_date": self.start_date,
            "opens_at_week": self.opens_at_week,
        }
