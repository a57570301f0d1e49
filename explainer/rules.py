"""Every rule, threshold and model parameter of the simulator, each in one place with its source.

Each constant is declared once with ``_rule``: its value, unit, source key, basis, group and one
description, which the pages show as they are. A constant is read by the registry that raises a flag,
by the page that explains it (through the ``rules`` API operation) and by the test that checks it.
Source keys are the reference keys of ``content/sources`` (lowercase). Measurement thresholds
(response, remission, item 9) live in ``explainer.measures`` and are listed here by reference.

``basis`` says how far to trust a number:

* ``sourced``: stated by the source;
* ``derived``: arithmetic on sourced numbers, or a sourced range turned into one default;
* ``assumed``: a plain modelling assumption, named so that a reader can question it;
* ``calibrated``: tuned so that the IMPACT-like scenario lands near IMPACT's 12-month response
  rates (see ``explainer.calibration``); not a measured quantity.

Time in the model moves in whole weeks; a rule stated in days is converted with DAYS_PER_WEEK.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer import measures

DAYS_PER_WEEK = 7
"""Days in one simulated week; one model step is one week."""


@dataclass(frozen=True)
class Rule:
    """One named constant, as pages and the ``rules`` API operation show it."""

    name: str
    value: float | int | tuple
    unit: str
    explanation: str
    source: str
    basis: str
    group: str

    def as_dict(self) -> dict:
        """JSON-ready form."""
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "name": self.name,
            "value": value,
            "unit": self.unit,
            "explanation": self.explanation,
            "source": self.source,
            "basis": self.basis,
            "group": self.group,
        }


def _measure(name: str, unit: str, explanation: str, source: str) -> Rule:
    """A rule whose value lives in explainer.measures."""
    return Rule(name, getattr(measures, name), unit, explanation, source, "sourced", "measurement")


_DECLARED: list[Rule] = []
"""Every rule declared below with ``_rule``, in the order of this file."""


def _rule(name: str, value, unit: str, source: str, basis: str, group: str, explanation: str):
    """Declare a rule once (value, unit, source, basis, group and its one description); return the value."""
    _DECLARED.append(Rule(name, value, unit, explanation, source, basis, group))
    return value


# --- Flags ---------------------------------------------------------------------------------------

EARLY_NON_RESPONSE_WEEKS = _rule(
    "EARLY_NON_RESPONSE_WEEKS", 6, "weeks", "icsi", "derived", "flag",
    "After this many weeks on an antidepressant, a patient less than 25% better is due a dose review (optimise or "
    "continue), never a new treatment.")
EARLY_NON_RESPONSE_DROP = _rule(
    "EARLY_NON_RESPONSE_DROP", measures.PARTIAL_RESPONSE_DROP, "fraction of baseline", "icsi", "sourced", "flag",
    "The fall expected on an antidepressant by the early dose check.")
NOT_IMPROVING_WEEKS = _rule(
    "NOT_IMPROVING_WEEKS", 10, "weeks", "aims-pc", "sourced", "flag",
    "After this many weeks on a plan, a patient less than 50% better is flagged and the plan should step up.")
NOT_IMPROVING_WEEKS_RANGE = _rule(
    "NOT_IMPROVING_WEEKS_RANGE", (8, 12), "weeks", "bao-2016", "sourced", "flag",
    "The step-up week a scenario may choose.")
PSYCHOTHERAPY_MIN_WEEKS = _rule(
    "PSYCHOTHERAPY_MIN_WEEKS", 8, "weeks", "icsi", "sourced", "flag",
    "A plan without an antidepressant is never judged, or stepped up, before this many weeks.")
OVERDUE_ACUTE_DAYS = _rule(
    "OVERDUE_ACUTE_DAYS", 14, "days", "tamu-ebc", "derived", "flag",
    "A patient in active treatment with no contact for longer than this is overdue.")
OVERDUE_MAINTENANCE_DAYS = _rule(
    "OVERDUE_MAINTENANCE_DAYS", 30, "days", "compass-rpp", "derived", "flag",
    "A patient in remission with no contact for longer than this is overdue.")
FIRST_FOLLOW_UP_DAYS = _rule(
    "FIRST_FOLLOW_UP_DAYS", 28, "days", "bao-2016", "sourced", "flag",
    "A first follow-up within this time of the initial assessment predicts improvement.")
SUSTAINED_REMISSION_WEEKS = _rule(
    "SUSTAINED_REMISSION_WEEKS", 8, "weeks", "icsi", "derived", "flag",
    "Remission held this long, with a relapse-prevention plan on file, makes a patient ready for discharge.")

PROGRAMME_WEEKS = _rule(
    "PROGRAMME_WEEKS", 52, "weeks", "impact-abs", "sourced", "flag",
    "Longest episode of care; then the patient goes back to the primary care provider with a plan.")
ELIGIBLE_FROM = _rule(
    "ELIGIBLE_FROM", 10, "points", "kroenke-2001", "sourced", "flag",
    "Lowest first score (PHQ-9, or GAD-7 for anxiety alone) for a patient to enrol.")
CONTACT_PERIOD_WEEKS = _rule(
    "CONTACT_PERIOD_WEEKS", 4, "weeks", "aims-registry", "derived", "flag",
    "The period over which caseload statistics count a patient as contacted.")

ROUTINE_REVIEW_EVERY_WEEKS = _rule(
    "ROUTINE_REVIEW_EVERY_WEEKS", 4, "weeks", "ps-scr-best", "assumed", "flag",
    "A patient without an urgent flag comes back to the review at most this often.")

# --- Contact cadence and staffing ----------------------------------------------------------------

ACUTE_CONTACT_EVERY_WEEKS = _rule(
    "ACUTE_CONTACT_EVERY_WEEKS", 2, "weeks", "tamu-ebc", "sourced", "cadence",
    "The care manager aims to reach a patient in active treatment this often.")
MAINTENANCE_CONTACT_EVERY_WEEKS = _rule(
    "MAINTENANCE_CONTACT_EVERY_WEEKS", 4, "weeks", "germanimpact", "sourced", "cadence",
    "Once in remission, contacts space out to about monthly.")
SAFETY_CONTACT_EVERY_WEEKS = _rule(
    "SAFETY_CONTACT_EVERY_WEEKS", 1, "weeks", "simon-item9", "assumed", "cadence",
    "While item 9 stays positive the care manager checks in this often.")
CASELOAD_PER_FTE = _rule(
    "CASELOAD_PER_FTE", 100, "patients per full-time care manager", "aims-caseload", "derived", "staffing",
    "A typical full caseload (AIMS gives 50 to 120 by population); lower for complex or under-served "
    "populations.")
CONSULTANT_HOURS_PER_FTE = _rule(
    "CONSULTANT_HOURS_PER_FTE", 3.0, "hours a week per full-time care manager", "aims-pc", "sourced", "staffing",
    "Psychiatric consultant time for caseload review.")
CASES_PER_CONSULTANT_HOUR = _rule(
    "CASES_PER_CONSULTANT_HOUR", 7, "cases per hour", "sdn-2015", "assumed", "staffing",
    "How many patients fit into an hour of systematic caseload review (a forum post quotes 6 to 8; no "
    "primary source).")
CARE_MANAGER_HOURS_PER_WEEK = _rule(
    "CARE_MANAGER_HOURS_PER_WEEK", 40, "hours a week", "aims-caseload", "assumed", "staffing",
    "A full-time care manager's working week.")
DIRECT_CARE_SHARE = _rule(
    "DIRECT_CARE_SHARE", 0.9, "fraction of working time", "aims-caseload", "assumed", "staffing",
    "Time left for contacts after registry upkeep and review preparation.")
INTAKE_MINUTES = _rule(
    "INTAKE_MINUTES", 85, "minutes", "liu-2007", "derived", "staffing",
    "An initial assessment with its notes (75 to 95 minutes in a VA time study).")
FOLLOW_UP_MINUTES = _rule(
    "FOLLOW_UP_MINUTES", 55, "minutes", "liu-2007", "derived", "staffing",
    "A follow-up contact with its notes (51 to 60 minutes in the same study).")
FAILED_ATTEMPT_MINUTES = _rule(
    "FAILED_ATTEMPT_MINUTES", 10, "minutes", "liu-2007", "derived", "staffing",
    "A call that does not reach the patient (9 to 11 minutes in the same study).")
UNTRACKED_FOLLOW_UP_CHANCE = _rule(
    "UNTRACKED_FOLLOW_UP_CHANCE", 0.55, "probability per week", "aims-principles", "assumed", "staffing",
    "Without a registry, a patient due for follow-up is remembered and called.")
UNSCHEDULED_MEASUREMENT_CHANCE = _rule(
    "UNSCHEDULED_MEASUREMENT_CHANCE", 0.15, "probability", "aims-principles", "assumed", "measurement",
    "Without measurement on schedule, a contact or visit includes a questionnaire.")
PCP_VISIT_EVERY_WEEKS = _rule(
    "PCP_VISIT_EVERY_WEEKS", 8, "weeks", "impact-uw-about", "assumed", "staffing",
    "In usual care, mood comes up at a primary-care visit about this often.")

# --- Treatment and the primary care provider -----------------------------------------------------

THERAPY_FULL_SESSIONS = _rule(
    "THERAPY_FULL_SESSIONS", 6, "sessions", "impact-abs", "sourced", "treatment",
    "Brief psychotherapy reaches its full effect after this many sessions.")
REFER_AFTER_STEPS = _rule(
    "REFER_AFTER_STEPS", 5, "treatment steps", "aims-pc", "assumed", "treatment",
    "From this step, a patient still not improving and less than 25% better is referred to specialty care.")
DIRECT_EVALUATION_ITEM9 = _rule(
    "DIRECT_EVALUATION_ITEM9", 2, "item points", "simon-item9", "assumed", "treatment",
    "An item-9 answer this high brings a direct evaluation at the review.")
BIPOLAR_SCREEN_POSITIVE = _rule(
    "BIPOLAR_SCREEN_POSITIVE", 0.089, "fraction of patients", "sasdelli-2013", "sourced", "panel",
    "Patients whose intake bipolar screen is positive (8.9% on the MDQ in one primary-care study); the "
    "consultant sees them before any antidepressant.")
BIPOLAR_CONFIRMED_SHARE = _rule(
    "BIPOLAR_CONFIRMED_SHARE", 0.3, "fraction of positive screens", "cerimele-2013", "derived", "treatment",
    "Positive screens that the consultant's evaluation confirms; those patients go to specialty care "
    "(interviews find 3-9% where screeners find 21-31%, about a third).")
PREFERENCE_SHARES = _rule(
    "PREFERENCE_SHARES", (("medication", 0.63), ("psychotherapy", 0.27), ("both", 0.1)), "fraction of patients",
    "arean-2005", "calibrated", "panel",
    "What patients want to start with: an antidepressant, psychotherapy, or both. Tuned so that treatment use "
    "lands near IMPACT's at twelve months; a primary-care survey found more patients preferring counselling.")
OTHER_TREATMENT_ACCEPTED = _rule(
    "OTHER_TREATMENT_ACCEPTED", 0.3, "probability", "dwight-johnson-2000", "assumed", "treatment",
    "A patient accepts a step-up into the kind of treatment they did not prefer.")
MAX_TREATMENT_BENEFIT = _rule(
    "MAX_TREATMENT_BENEFIT", 0.9, "fraction of baseline", "impact-abs", "assumed", "response",
    "The largest fall in symptoms one treatment can bring.")
LATENT_SEVERITY_MAX = _rule(
    "LATENT_SEVERITY_MAX", 1.6, "multiple of baseline", "impact-abs", "assumed", "response",
    "The highest latent severity.")
SETBACK_GONE_BELOW = _rule(
    "SETBACK_GONE_BELOW", 0.02, "fraction of baseline", "compass-rpp", "assumed", "engagement",
    "A relapse setback this small has faded away.")
INTENSIFY_SHARE = _rule(
    "INTENSIFY_SHARE", 0.5, "fraction", "impact-abs", "assumed", "treatment",
    "What intensified psychotherapy adds.")
COLOCATED_EXTRA_SESSIONS = _rule(
    "COLOCATED_EXTRA_SESSIONS", 2, "sessions", "impact-team", "assumed", "treatment",
    "Sessions the clinic therapist offers beyond a brief course.")
MEDICATION_RELAPSE_PROTECTION = _rule(
    "MEDICATION_RELAPSE_PROTECTION", 0.5, "fraction of risk", "hunkeler-2006", "assumed", "engagement",
    "How much an antidepressant taken in full lowers relapse risk.")
RELAPSE_FADE = _rule(
    "RELAPSE_FADE", 0.97, "share per week", "compass-rpp", "assumed", "engagement",
    "How much of a relapse setback remains a week later.")
PCP_ADOPTS_CONSULTANT_ADVICE = _rule(
    "PCP_ADOPTS_CONSULTANT_ADVICE", 0.75, "probability", "mccist-team", "assumed", "treatment",
    "How often the primary care provider acts on a consultant's medication advice.")
PCP_ACTS_WITHOUT_CONSULTANT = _rule(
    "PCP_ACTS_WITHOUT_CONSULTANT", 0.35, "probability", "mccist-team", "assumed", "treatment",
    "How often the provider starts or changes medication on the care manager's word alone.")
USUAL_CARE_FIRST_VISIT_MEDICATION = _rule(
    "USUAL_CARE_FIRST_VISIT_MEDICATION", 0.45, "probability", "impact-uw-about", "calibrated", "treatment",
    "Usual care: medication starts at the visit that found the depression.")
USUAL_CARE_LATER_VISIT_MEDICATION = _rule(
    "USUAL_CARE_LATER_VISIT_MEDICATION", 0.1, "probability", "impact-uw-about", "calibrated", "treatment",
    "Usual care: medication starts at a later visit.")
USUAL_CARE_ADJUSTS_IF_UNWELL = _rule(
    "USUAL_CARE_ADJUSTS_IF_UNWELL", 0.15, "probability", "impact-abs", "assumed", "treatment",
    "Usual care: a provider without scores adjusts medication for a patient still unwell.")
USUAL_CARE_REFERRAL = _rule(
    "USUAL_CARE_REFERRAL", 0.12, "probability", "impact-uw-about", "assumed", "treatment",
    "Usual care: a visit ends in a referral to specialty mental health.")
COLOCATED_REFERRAL = _rule(
    "COLOCATED_REFERRAL", 0.35, "probability", "impact-team", "calibrated", "treatment",
    "Co-location: the provider refers a newly found patient to the in-house therapist.")
COLOCATED_ATTENDED = _rule(
    "COLOCATED_ATTENDED", 0.75, "probability", "impact-team", "assumed", "treatment",
    "Co-location: a referred patient starts seeing the in-house therapist.")
REFERRAL_ATTENDED = _rule(
    "REFERRAL_ATTENDED", 0.5, "probability", "sunderji-2019", "assumed", "treatment",
    "A referred patient attends specialty care.")
SPECIALTY_CARE_BENEFIT = _rule(
    "SPECIALTY_CARE_BENEFIT", 0.3, "fraction of baseline", "impact-abs", "calibrated", "treatment",
    "Average fall in symptoms that attended specialty care adds.")

# --- Calibrated patient response (see explainer.calibration) -------------------------------------

NATURAL_IMPROVEMENT_MEAN = _rule(
    "NATURAL_IMPROVEMENT_MEAN", 0.15, "fraction of baseline", "impact-abs", "calibrated", "response",
    "Average fall in symptoms over a year without treatment.")
MEDICATION_BENEFIT_MEAN = _rule(
    "MEDICATION_BENEFIT_MEAN", 0.42, "fraction of baseline", "impact-abs", "calibrated", "response",
    "Average fall in symptoms from an antidepressant trial taken as prescribed.")
BEHAVIOURAL_ACTIVATION_BENEFIT = _rule(
    "BEHAVIOURAL_ACTIVATION_BENEFIT", 0.1, "fraction of baseline", "impact-abs", "calibrated", "response",
    "Average fall in symptoms from a full course of behavioural activation.")
PROBLEM_SOLVING_BENEFIT = _rule(
    "PROBLEM_SOLVING_BENEFIT", 0.4, "fraction of baseline", "impact-abs", "calibrated", "response",
    "Average fall in symptoms from a full course of problem-solving treatment.")
SENSITIVITY_SKEW = _rule(
    "SENSITIVITY_SKEW", 3, "exponent", "impact-abs", "calibrated", "response",
    "How unevenly treatment sensitivity is spread: a few patients respond a lot, most less.")
TRIAL_VARIATION = _rule(
    "TRIAL_VARIATION", 0.5, "fraction", "impact-abs", "calibrated", "response",
    "How much one treatment trial's benefit varies around the patient's sensitivity.")
SUPPORTED_ADHERENCE_GAIN = _rule(
    "SUPPORTED_ADHERENCE_GAIN", 0.25, "share of doses", "impact-abs", "calibrated", "response",
    "How much a care manager's support raises medication adherence.")
SUPPORT_LASTS_WEEKS = _rule(
    "SUPPORT_LASTS_WEEKS", 5, "weeks", "mccist-team", "assumed", "response",
    "How long one contact keeps supporting adherence.")
SYMPTOM_CHANGE_RATE = _rule(
    "SYMPTOM_CHANGE_RATE", 0.14, "share of the gap per week", "aims-pc", "derived", "response",
    "How fast latent severity moves toward the level the current plan can reach.")
WEEKLY_SYMPTOM_JITTER = _rule(
    "WEEKLY_SYMPTOM_JITTER", 1.2, "PHQ-9 points", "lowe-2004", "assumed", "response",
    "Week-to-week wobble of latent severity.")
MEASUREMENT_NOISE = _rule(
    "MEASUREMENT_NOISE", 3.0, "points", "lowe-2004", "assumed", "measurement",
    "Half-width of the triangular noise of a questionnaire total around the latent severity: about 1.2 "
    "points standard deviation, about half the error a 5-point minimal important change implies.")

REACH_BASE = _rule(
    "REACH_BASE", 0.5, "probability", "liu-2007", "assumed", "engagement",
    "Chance of reaching the least engaged patient; the most engaged are always reached.")
AUGMENT_SHARE = _rule(
    "AUGMENT_SHARE", 0.6, "fraction", "aims-pc", "assumed", "treatment",
    "What an added second medicine brings on top of the first.")
BOTH_TREATMENTS_FROM = _rule(
    "BOTH_TREATMENTS_FROM", 20, "PHQ-9 points", "macarthur-phq9", "derived", "treatment",
    "From this score the first plan includes an antidepressant beside the psychological treatment.")
CHRONIC_COURSE_NATURAL_FACTOR = _rule(
    "CHRONIC_COURSE_NATURAL_FACTOR", 0.5, "multiplier", "impact-abs", "calibrated", "response",
    "Natural improvement for a long, slow course.")
EPISODIC_COURSE_NATURAL_FACTOR = _rule(
    "EPISODIC_COURSE_NATURAL_FACTOR", 1.2, "multiplier", "impact-abs", "calibrated", "response",
    "Natural improvement for an episodic course.")
DROPPED_OUT_STOPS_MEDICATION = _rule(
    "DROPPED_OUT_STOPS_MEDICATION", 0.5, "probability", "impact-abs", "assumed", "engagement",
    "A patient who drops out also stops their antidepressant.")
DROPPED_OUT_ADHERENCE_FACTOR = _rule(
    "DROPPED_OUT_ADHERENCE_FACTOR", 0.5, "multiplier", "impact-abs", "assumed", "engagement",
    "Medication adherence after dropping out.")

# --- Synthetic panel shape -----------------------------------------------------------------------

ITEM9_ANSWER_CUTS = _rule(
    "ITEM9_ANSWER_CUTS", (0.7, 0.92), "cumulative probability", "simon-item9", "assumed", "panel",
    "How a positive item-9 answer splits between 1, 2 and 3.")
ANXIETY_ONLY_PHQ9_SHARE = _rule(
    "ANXIETY_ONLY_PHQ9_SHARE", 0.55, "fraction", "spitzer-2006", "assumed", "panel",
    "Mean PHQ-9 of anxiety-only patients relative to the panel's mean.")
DEPRESSION_ONLY_GAD7_SHARE = _rule(
    "DEPRESSION_ONLY_GAD7_SHARE", 0.6, "fraction", "kroenke-2001", "assumed", "panel",
    "Mean GAD-7 of depression-only patients relative to the panel's mean.")
ENGAGEMENT_SPREAD = _rule(
    "ENGAGEMENT_SPREAD", 0.4, "width", "impact-abs", "assumed", "panel",
    "How widely engagement varies between patients.")
ADHERENCE_SPREAD = _rule(
    "ADHERENCE_SPREAD", 0.5, "width", "impact-abs", "assumed", "panel",
    "How widely medication adherence varies between patients.")

# --- Engagement, drop-out and relapse ------------------------------------------------------------

WEEKLY_DROP_OUT = _rule(
    "WEEKLY_DROP_OUT", 0.004, "probability per week", "impact-abs", "calibrated", "engagement",
    "Chance that an engaged patient stops taking part.")
OUT_OF_TOUCH_DROP_OUT_FACTOR = _rule(
    "OUT_OF_TOUCH_DROP_OUT_FACTOR", 2.5, "multiplier", "bao-2016", "assumed", "engagement",
    "How much more likely drop-out is while a patient is overdue.")
WEEKLY_RELAPSE = _rule(
    "WEEKLY_RELAPSE", 0.012, "probability per week", "germanimpact", "calibrated", "engagement",
    "Chance of relapse for a patient in remission, no plan and no medication.")
RELAPSE_PLAN_FACTOR = _rule(
    "RELAPSE_PLAN_FACTOR", 0.5, "multiplier", "aims-clinical", "assumed", "engagement",
    "How much a relapse-prevention plan lowers the relapse chance.")
RELAPSE_SETBACK = _rule(
    "RELAPSE_SETBACK", 0.6, "fraction of baseline", "compass-rpp", "assumed", "engagement",
    "How far symptoms climb back after a relapse.")
ITEM9_POSITIVE_CHANCE = _rule(
    "ITEM9_POSITIVE_CHANCE", 0.12, "probability", "simon-item9", "assumed", "measurement",
    "Chance, at each PHQ-9, of a positive item 9 for a prone patient with severe symptoms.")
ITEM9_PRONE_SHARE = _rule(
    "ITEM9_PRONE_SHARE", 0.3, "fraction of patients", "louzon-2016", "assumed", "measurement",
    "Share of synthetic patients who ever tend to answer item 9 above zero.")


RULES: tuple[Rule, ...] = (
    _measure("RESPONSE_DROP", "fraction of baseline", "A fall of at least this share of the first score is a response.",
             "icsi"),
    _measure("PARTIAL_RESPONSE_DROP", "fraction of baseline",
             "A fall of at least this share, but short of a response, is a partial response.", "icsi"),
    _measure("REMISSION_BELOW", "PHQ-9 points", "A PHQ-9 below this total is remission; GAD-7 borrows the cut-off.",
             "icsi"),
    _measure("MEANINGFUL_CHANGE_POINTS", "PHQ-9 points",
             "The smallest fall in one person's PHQ-9 that matters clinically.", "lowe-2004"),
    _measure("SAFETY_ITEM_MIN", "item points",
             "An item-9 answer of at least this many points raises the safety flag and calls for a structured risk "
             "assessment, not an automatic crisis referral.", "simon-item9"),
    *_DECLARED,
)
"""Every rule, in the order pages show them."""


def rules_by_name() -> dict[str, Rule]:
    """The rules keyed by constant name."""
    return {rule.name: rule for rule in RULES}
