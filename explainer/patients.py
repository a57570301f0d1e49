"""Synthetic patients: who they are, what they score, and a response profile the learner cannot see.

Everything is invented. Names carry a "(synthetic)" marker and IDs read "S-0042". A patient's
hidden profile says how much they would improve on their own, on medication and in brief
psychotherapy; the registry only ever sees their questionnaire scores.

Severity is kept as one latent number per patient, ``rel``: current severity as a share of the
patient's own baseline (1.0 at enrolment). Questionnaire totals are drawn around
``baseline * rel`` with measurement noise; item answers are spread over the items on demand
(``item_answers``) so a history can show them without slowing the weekly loop.
"""

from __future__ import annotations

import random

from explainer import measures, rules
from explainer.params import CONDITIONS, Panel, ParamError, check_number
from explainer.randomness import bell, clamp, derived_rng, hashed_uniform

ACTIVE, DISCHARGED, DROPPED_OUT = 0, 1, 2
STATUS_NAMES = ("active", "discharged", "dropped out")
"""Every enrolled patient is in exactly one of these states every week."""

NO_THERAPY, BEHAVIOURAL_ACTIVATION, PROBLEM_SOLVING = 0, 1, 2
NOT_SCREENED, SCREEN_NEGATIVE, SCREEN_POSITIVE, SCREEN_REVIEWED = 0, 1, 2, 3
"""States of the intake bipolar screen."""
THERAPY_NAMES = ("none", "behavioural activation", "problem-solving treatment")
CONDITION_NAMES = {"depression": "depression", "anxiety": "anxiety", "both": "depression and anxiety"}
"""Each condition (explainer.params.CONDITIONS) in the words a page shows: "both" is depression and anxiety."""

FEMALE_NAMES = (
    "Amara", "Beatriz", "Chen", "Dalia", "Esi", "Fatima", "Greta", "Hana", "Ines", "Jia", "Kalani", "Leilani",
    "Mariam", "Nadia", "Olga", "Priya", "Rosa", "Sunita", "Tamar", "Valentina", "Wanjiru", "Ximena", "Yuki",
    "Zainab", "Aroha", "Bich", "Carmen", "Dolores", "Eilidh", "Farah",
)
MALE_NAMES = (
    "Abebe", "Bao", "Carlos", "Dmitri", "Emeka", "Farid", "Gustavo", "Hiroshi", "Ibrahim", "Jamal", "Kofi",
    "Luis", "Mateo", "Nikolai", "Oluwaseun", "Pedro", "Quang", "Rashid", "Samir", "Tomasz", "Umar", "Vikram",
    "Wiremu", "Xavier", "Yusuf", "Zoltan", "Anil", "Bernard", "Cheng", "Diego",
)
SURNAME_INITIALS = "ABCDEFGHIJKLMNOPRSTUVWYZ"
CHRONIC_ILLNESSES = (
    "type 2 diabetes", "heart failure", "coronary heart disease", "COPD", "arthritis", "chronic pain",
    "hypertension", "asthma",
)
"""Chronic medical illnesses a synthetic patient may have alongside depression or anxiety."""
SEXES = ("female", "male")
PREFERENCES = ("medication", "psychotherapy", "both", "activation")
"""What a patient wants to start with. Generated patients draw one of the first three (PREFERENCE_SHARES;
IMPACT offered an antidepressant or problem-solving treatment: impact-abs); a hand-written patient may prefer
behavioural activation alone."""


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


FIXED_PATIENT_FIELDS = {
    "name": "text ending in '(synthetic)'",
    "age": "whole number 18-100",
    "sex": "'female' or 'male'",
    "condition": "'depression', 'anxiety' or 'both'",
    "chronic_illness": "text, or '' for none",
    "phq9": "latent PHQ-9 at enrolment, 0-27",
    "gad7": "latent GAD-7 at enrolment, 0-21",
    "engagement": "0-1",
    "adherence": "0-1",
    "natural": "0-1, fall in symptoms expected without treatment",
    "med_sensitivity": "0-4 (1 is average)",
    "therapy_sensitivity": "0-4 (1 is average)",
    "item9_prone": "0-2",
    "prefers": "'medication', 'psychotherapy', 'both' or 'activation' (behavioural activation alone to begin with)",
    "enrol_week": "whole number 0-260",
}
"""Fields a scenario may give for a hand-written synthetic patient (all required)."""


def check_fixed_patient(spec, where: str) -> dict:
    """Validate a hand-written patient from a scenario; ParamError names the field that is wrong."""
    if not isinstance(spec, dict):
        raise ParamError(f"'{where}' must be an object with the fields: {', '.join(FIXED_PATIENT_FIELDS)}.")
    unknown = sorted(set(spec) - set(FIXED_PATIENT_FIELDS))
    if unknown:
        raise ParamError(f"'{where}' has unknown field(s) {', '.join(unknown)}; allowed: "
                         f"{', '.join(FIXED_PATIENT_FIELDS)}.")
    missing = [name for name in FIXED_PATIENT_FIELDS if name not in spec]
    if missing:
        raise ParamError(f"'{where}' is missing {', '.join(missing)}.")
    name = spec["name"]
    if not isinstance(name, str) or not name.endswith("(synthetic)"):
        raise ParamError(f"'{where}.name' must end with '(synthetic)' so nobody mistakes it for a real person.")
    spec = dict(spec, age=check_number(f"{where}.age", spec["age"], 18, 100, whole=True))
    if spec["sex"] not in SEXES:
        raise ParamError(f"'{where}.sex' must be one of {', '.join(SEXES)}; got {spec['sex']!r}.")
    if spec["condition"] not in CONDITIONS:
        raise ParamError(f"'{where}.condition' must be one of {', '.join(CONDITIONS)}; got {spec['condition']!r}.")
    if not isinstance(spec["chronic_illness"], str):
        raise ParamError(f"'{where}.chronic_illness' must be a text ('' for none).")
    check_number(f"{where}.phq9", spec["phq9"], 0, 27)
    check_number(f"{where}.gad7", spec["gad7"], 0, 21)
    for key in ("engagement", "adherence", "natural"):
        check_number(f"{where}.{key}", spec[key], 0, 1)
    for key in ("med_sensitivity", "therapy_sensitivity"):
        check_number(f"{where}.{key}", spec[key], 0, rules.SENSITIVITY_SKEW + 1)
    check_number(f"{where}.item9_prone", spec["item9_prone"], 0, 2)
    if spec["prefers"] not in PREFERENCES:
        raise ParamError(f"'{where}.prefers' must be one of {', '.join(PREFERENCES)}; got {spec['prefers']!r}.")
    spec["enrol_week"] = check_number(f"{where}.enrol_week", spec["enrol_week"], 0, 260, whole=True)
    return spec


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


# --- Questionnaires --------------------------------------------------------------------------------


def measure(patient: Patient, rng: random.Random) -> tuple[int, int, int]:
    """Draw PHQ-9 total, GAD-7 total and item-9 answer around the patient's latent severity.

    Totals are latent severity plus triangular noise (MEASUREMENT_NOISE), rounded and held in range.
    Item 9 is drawn on its own: only patients prone to it can answer above zero, more often the more
    severe they are (ITEM9_POSITIVE_CHANCE), and a positive answer is mostly 1 (simon-item9).
    """
    rel = patient.rel
    noise = rules.MEASUREMENT_NOISE
    phq = int(patient.phq_base * rel + (rng.random() + rng.random() - 1.0) * noise + 0.5)
    gad = int(patient.gad_base * rel + (rng.random() + rng.random() - 1.0) * noise + 0.5)
    phq = 0 if phq < 0 else 27 if phq > 27 else phq
    gad = 0 if gad < 0 else 21 if gad > 21 else gad
    item9 = 0
    if patient.item9_prone:
        severity = patient.phq_base * rel / 20.0
        if rng.random() < rules.ITEM9_POSITIVE_CHANCE * patient.item9_prone * severity * severity:
            draw = rng.random()
            first_cut, second_cut = rules.ITEM9_ANSWER_CUTS
            item9 = 1 if draw < first_cut else 2 if draw < second_cut else 3
            if phq < item9:
                phq = item9
    if phq - item9 > 24:  # the other eight items can add up to 24 at most
        phq = 24 + item9
    return phq, gad, item9


def research_phq(patient: Patient, seed: int, week: int) -> int:
    """A PHQ-9 total taken for outcome reporting, with noise that uses no simulation draws.

    Outcome series can therefore be recorded or skipped without changing the simulation itself.
    """
    noise = (hashed_uniform(seed, patient.pid, week, 1) + hashed_uniform(seed, patient.pid, week, 2) - 1.0)
    value = int(patient.phq_base * patient.rel + noise * rules.MEASUREMENT_NOISE + 0.5)
    return 0 if value < 0 else 27 if value > 27 else value


def research_gad(patient: Patient, seed: int, week: int) -> int:
    """A GAD-7 total for outcome reporting; see research_phq."""
    noise = (hashed_uniform(seed, patient.pid, week, 3) + hashed_uniform(seed, patient.pid, week, 4) - 1.0)
    value = int(patient.gad_base * patient.rel + noise * rules.MEASUREMENT_NOISE + 0.5)
    return 0 if value < 0 else 21 if value > 21 else value


def item_answers(seed: int, patient: Patient, week: int, phq_total: int, gad_total: int,
                 item9: int) -> tuple[list[int], list[int]]:
    """Item-level PHQ-9 and GAD-7 answers that add up to the given totals.

    Answers follow the patient's own symptom pattern (some items weigh more for some people) and are
    the same every time they are asked for. PHQ-9 item 9 is the answer drawn in ``measure``.
    """
    pattern = derived_rng(seed, patient.pid, 7919)
    phq_weights = [0.4 + pattern.random() for _ in range(8)]
    gad_weights = [0.4 + pattern.random() for _ in range(7)]
    draws = derived_rng(seed, patient.pid, week, phq_total, gad_total)
    phq = _spread(draws, phq_total - item9, phq_weights)
    phq.append(item9)
    return phq, _spread(draws, gad_total, gad_weights)


def _spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """``total`` points spread one at a time over items (each 0-3), in proportion to ``weights``."""
    answers = [0] * len(weights)
    total = min(total, measures.ITEM_MAX * len(weights))
    for _ in range(total):
        open_items = [i for i, answer in enumerate(answers) if answer < measures.ITEM_MAX]
        weight_sum = sum(weights[i] for i in open_items)
        draw = rng.random() * weight_sum
        chosen = open_items[-1]
        for i in open_items:
            draw -= weights[i]
            if draw < 0:
                chosen = i
                break
        answers[chosen] += 1
    return answers


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
