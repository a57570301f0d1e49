"""Synthetic patients: who they are, what they score, and a response profile the learner cannot see.

Everything is invented. Names carry a "(synthetic)" marker and IDs read "S-0042". A patient's
hidden profile says how much they would improve on their own, on medication and in brief
psychotherapy; the registry only ever sees their questionnaire scores.

Severity is kept as one latent number per patient, ``rel``: current severity as a share of the
patient's own baseline (1.0 at enrolment). Questionnaire totals are drawn around ``baseline * rel``
with measurement noise (explainer.questionnaires); the pools traits are drawn from, and the check on a
hand-written patient, are in explainer.patient_traits.
"""

from __future__ import annotations

import random

from explainer import measures, rules
from explainer.params import Panel, ParamError
from explainer.patient_traits import CHRONIC_ILLNESSES, FEMALE_NAMES, MALE_NAMES, SURNAME_INITIALS
from explainer.questionnaires import measure as measure  # the weekly loop (explainer.model) imports it from here
from explainer.randomness import bell, clamp

ACTIVE, DISCHARGED, DROPPED_OUT = 0, 1, 2
STATUS_NAMES = ("active", "discharged", "dropped out")
"""Every enrolled patient is in exactly one of these states every week."""

NO_THERAPY, BEHAVIOURAL_ACTIVATION, PROBLEM_SOLVING = 0, 1, 2
NOT_SCREENED, SCREEN_NEGATIVE, SCREEN_POSITIVE, SCREEN_REVIEWED = 0, 1, 2, 3
"""States of the intake bipolar screen."""
THERAPY_NAMES = ("none", "behavioural activation", "problem-solving treatment")
CONDITION_NAMES = {"depression": "depression", "anxiety": "anxiety", "both": "depression and anxiety"}
"""Each condition (explainer.params.CONDITIONS) in the words a page shows: "both" is depression and anxiety."""

class Patient:
    """One synthetic patient: fixed traits, a hidden response profile and the state of their care."""

    __slots__ = (
        # who they are
        "pid", "name", "age", "sex", "condition", "chronic_illness", "enrol_week",
        "phq_base", "gad_base", "engagement", "adherence",
        # hidden response profile
        "natural", "med_sensitivity", "therapy_sensitivity", "item9_prone", "prefers", "relapse_proneness",
        "drop_out_hazard", "jitter", "reach",
        # latent state
        "rel", "setback",
        # care
        "status", "status_week", "status_reason", "intake_week", "next_due", "last_contact", "contacts",
        "first_follow_up_week", "last_review", "reviews", "plan_start", "step", "med", "med_benefit",
        "med_changes", "therapy", "therapy_benefit", "sessions", "specialty_benefit", "supported_until",
        "rpp_week", "remission_since", "phq_first", "gad_first", "phq_last", "gad_last", "item9_last",
        "measured_week", "safety_since", "measurements", "events", "pending", "last_pcp_visit", "flags",
        "referred_week", "psychotherapy_week", "intensified", "bipolar_screen", "evaluated", "declined",
    )

    def __init__(self, pid: int, name: str, age: int, sex: str, condition: str, chronic_illness: str,
                 enrol_week: int, phq_base: float, gad_base: float, engagement: float, adherence: float):
        self.pid = pid
        self.name = name
        self.age = age
        self.sex = sex
        self.condition = condition
        self.chronic_illness = chronic_illness
        self.enrol_week = enrol_week
        self.phq_base = phq_base
        """Latent PHQ-9 severity at enrolment, in points (0-27)."""
        self.gad_base = gad_base
        """Latent GAD-7 severity at enrolment, in points (0-21)."""
        self.engagement = engagement
        self.adherence = adherence
        self.natural = 0.0
        self.med_sensitivity = 1.0
        self.therapy_sensitivity = 1.0
        self.item9_prone = 0.0
        self.prefers = "medication"
        self.relapse_proneness = 1.0
        self.drop_out_hazard = rules.WEEKLY_DROP_OUT
        self.jitter = rules.WEEKLY_SYMPTOM_JITTER / max(phq_base, 5.0)
        self.reach = rules.REACH_BASE + (1.0 - rules.REACH_BASE) * engagement
        """Chance that a call reaches the patient or a session is attended (REACH_BASE)."""
        self.rel = 1.0
        self.setback = 0.0
        self.status = ACTIVE
        self.status_week = -1
        self.status_reason = ""
        self.intake_week = -1
        self.next_due = enrol_week
        self.last_contact = -1
        self.contacts = 0
        self.first_follow_up_week = -1
        self.last_review = -1
        self.reviews = 0
        self.plan_start = -1
        self.step = 0
        self.med = False
        self.med_benefit = 0.0
        self.med_changes = 0
        self.therapy = NO_THERAPY
        self.therapy_benefit = 0.0
        self.sessions = 0
        self.specialty_benefit = 0.0
        self.supported_until = -1
        self.rpp_week = -1
        self.remission_since = -1
        self.phq_first = -1
        self.gad_first = -1
        self.phq_last = -1
        self.gad_last = -1
        self.item9_last = 0
        self.measured_week = -1
        self.safety_since = -1
        self.measurements: list[tuple[int, int, int, int, str]] = []
        """(week, PHQ-9 total, GAD-7 total, item-9 answer, who measured) for every questionnaire taken."""
        self.events: list[tuple[int, str, str]] = []
        """(week, kind, detail) for every step of this patient's care, oldest first."""
        self.pending: list[tuple[int, str]] = []
        """Consultant advice waiting for the primary care provider: (week advised, action)."""
        self.last_pcp_visit = enrol_week
        self.flags = 0
        """Registry flags at the last registry scan (bits from explainer.registry)."""
        self.referred_week = -1
        """Week a referral to specialty mental health care was made, or -1."""
        self.psychotherapy_week = -1
        """Week problem-solving treatment (or the clinic therapist) first started, or -1."""
        self.intensified = False
        """Whether the current psychotherapy has already been intensified once."""
        self.declined = False
        """Whether the patient has declined a step into the kind of treatment they did not prefer."""
        self.evaluated = False
        """Whether the consultant or provider has seen the patient in person for a direct evaluation."""
        self.bipolar_screen = NOT_SCREENED
        """Intake bipolar screen: NOT_SCREENED, SCREEN_NEGATIVE, SCREEN_POSITIVE (waiting for the consultant)
        or SCREEN_REVIEWED."""

    @property
    def code(self) -> str:
        """The patient's synthetic ID, e.g. S-0042."""
        return patient_code(self.pid)

    @property
    def primary_instrument(self):
        """PHQ-9 for depression (alone or with anxiety); GAD-7 for anxiety alone."""
        return measures.GAD7 if self.condition == "anxiety" else measures.PHQ9

    def latent_phq(self) -> float:
        """Current latent PHQ-9 severity, in points."""
        return self.phq_base * self.rel

    def log(self, week: int, kind: str, detail: str = "") -> None:
        """Add one event to this patient's history."""
        self.events.append((week, kind, detail))


def patient_code(pid: int) -> str:
    """Synthetic ID for a patient number: 42 -> 'S-0042'."""
    return f"S-{pid:04d}"


def parse_patient_code(code) -> int:
    """Patient number from 'S-0042' or 42; ParamError if it is neither."""
    if isinstance(code, int) and not isinstance(code, bool) and code > 0:
        return code
    if isinstance(code, str) and code.startswith("S-") and code[2:].isdigit():
        return int(code[2:])
    raise ParamError(f"{code!r} is not a synthetic patient ID such as 'S-0042'.")


def _pick(rng: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    """One name from (name, share) pairs; shares add up to 1."""
    draw = rng.random()
    for name, share in shares:
        draw -= share
        if draw < 0:
            return name
    return shares[-1][0]


def _draw_baseline(rng: random.Random, mean: float, sd: float, top: int, eligible: bool) -> float:
    """Latent baseline severity in points; when ``eligible`` it is redrawn until at least ELIGIBLE_FROM."""
    for _ in range(50):
        value = clamp(mean + sd * bell(rng), 1.0, top - 0.5)
        if not eligible or value >= rules.ELIGIBLE_FROM:
            return value
    return float(rules.ELIGIBLE_FROM)


def skewed_sensitivity(uniform: float) -> float:
    """Treatment sensitivity from a uniform draw: mean 1, most patients below it (SENSITIVITY_SKEW)."""
    value = 1.0
    for _ in range(rules.SENSITIVITY_SKEW):
        value *= uniform  # repeated products, not ** : the same bits on every platform
    return (rules.SENSITIVITY_SKEW + 1) * value


def _give_profile(patient: Patient, rng: random.Random, chronic_course: bool) -> None:
    """Draw the hidden response profile (what the learner never sees directly)."""
    course = rules.CHRONIC_COURSE_NATURAL_FACTOR if chronic_course else rules.EPISODIC_COURSE_NATURAL_FACTOR
    patient.natural = rules.NATURAL_IMPROVEMENT_MEAN * 2 * rng.random() * course
    patient.med_sensitivity = skewed_sensitivity(rng.random())
    patient.therapy_sensitivity = skewed_sensitivity(rng.random())
    patient.item9_prone = 0.5 + rng.random() if rng.random() < rules.ITEM9_PRONE_SHARE else 0.0
    patient.prefers = _pick(rng, rules.PREFERENCE_SHARES)
    patient.relapse_proneness = 0.5 + rng.random()
    patient.drop_out_hazard = rules.WEEKLY_DROP_OUT * (1.2 - patient.engagement) / 0.4


def generate_patient(rng: random.Random, pid: int, panel: Panel, enrol_week: int) -> Patient:
    """One synthetic patient drawn from the panel's averages."""
    sex = "female" if rng.random() < panel.female_share else "male"
    first = rng.choice(FEMALE_NAMES if sex == "female" else MALE_NAMES)
    name = f"{first} {rng.choice(SURNAME_INITIALS)}. (synthetic)"
    age = panel.age_min + rng.randrange(panel.age_max - panel.age_min + 1)
    condition = _pick(rng, panel.condition_shares)
    chronic_illness = rng.choice(CHRONIC_ILLNESSES) if rng.random() < panel.chronic_illness_share else ""
    depressed = condition != "anxiety"
    anxious = condition != "depression"
    phq_mean = panel.phq9_mean if depressed else panel.phq9_mean * rules.ANXIETY_ONLY_PHQ9_SHARE
    gad_mean = panel.gad7_mean if anxious else panel.gad7_mean * rules.DEPRESSION_ONLY_GAD7_SHARE
    phq_base = _draw_baseline(rng, phq_mean, panel.phq9_sd, 27, depressed)
    gad_base = _draw_baseline(rng, gad_mean, panel.gad7_sd, 21, anxious)
    engagement = clamp(panel.engagement_mean + (rng.random() - 0.5) * rules.ENGAGEMENT_SPREAD, 0.05, 1.0)
    adherence = clamp(panel.adherence_mean + (rng.random() - 0.5) * rules.ADHERENCE_SPREAD, 0.05, 1.0)
    patient = Patient(pid, name, age, sex, condition, chronic_illness, enrol_week, phq_base, gad_base,
                      engagement, adherence)
    _give_profile(patient, rng, rng.random() < panel.chronic_course_share)
    return patient


def fixed_patient(pid: int, spec: dict) -> Patient:
    """A patient written out by hand in a scenario (already checked by check_fixed_patient)."""
    patient = Patient(pid, spec["name"], spec["age"], spec["sex"], spec["condition"], spec["chronic_illness"],
                      spec["enrol_week"], float(spec["phq9"]), float(spec["gad7"]), float(spec["engagement"]),
                      float(spec["adherence"]))
    patient.natural = float(spec["natural"])
    patient.med_sensitivity = float(spec["med_sensitivity"])
    patient.therapy_sensitivity = float(spec["therapy_sensitivity"])
    patient.item9_prone = float(spec["item9_prone"])
    patient.prefers = spec["prefers"]
    patient.drop_out_hazard = rules.WEEKLY_DROP_OUT * (1.2 - patient.engagement) / 0.4
    return patient


def generate_panel(rng: random.Random, panel: Panel, fixed: tuple = ()) -> list[Patient]:
    """The whole synthetic panel, in ID order; hand-written patients come first."""
    patients = [fixed_patient(number, spec) for number, spec in enumerate(fixed, 1)]
    for number in range(len(patients) + 1, panel.patients + 1):
        enrol_week = (number - 1) * panel.enrolment_weeks // panel.patients
        patients.append(generate_patient(rng, number, panel, enrol_week))
    return patients


def as_dict(patient: Patient) -> dict:
    """The patient's visible traits, JSON-ready (never the hidden profile)."""
    return {
        "id": patient.code,
        "name": patient.name,
        "age": patient.age,
        "sex": patient.sex,
        "condition": patient.condition,
        "chronic_illness": patient.chronic_illness or None,
        "synthetic": True,
    }


def hidden_profile(patient: Patient) -> dict:
    """The response profile the registry cannot see, for a teacher's "reveal" view."""
    return {
        "natural_improvement": round(patient.natural, 3),
        "medication_sensitivity": round(patient.med_sensitivity, 3),
        "therapy_sensitivity": round(patient.therapy_sensitivity, 3),
        "item9_prone": round(patient.item9_prone, 3),
        "prefers": patient.prefers,
        "engagement": round(patient.engagement, 3),
        "adherence": round(patient.adherence, 3),
    }
