"""Who a synthetic patient can be: the pools their traits are drawn from (names, chronic illnesses, sex,
treatment preference) and the check on a patient written out by hand in a scenario.

Every name is invented and carries a "(synthetic)" marker; explainer.patients draws from these pools.
"""

from __future__ import annotations

from explainer import rules
from explainer.params import CONDITIONS, ParamError, check_number

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
