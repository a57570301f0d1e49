"""Every rule, threshold and model parameter of the simulator, each in one place with its source.

A constant is read by the registry that raises a flag, by the page that explains it (through the
``rules`` API operation) and by the test that checks it. Source keys are the reference keys of
``content/sources`` (lowercase). Measurement thresholds (response, remission, item 9) live in
``explainer.measures`` and are listed here by reference, not copied.

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

# --- Flags ---------------------------------------------------------------------------------------

EARLY_NON_RESPONSE_WEEKS = 6
"""Weeks on a plan with an antidepressant after which a fall below EARLY_NON_RESPONSE_DROP asks for a dose
review (optimise or continue), never a new treatment (icsi: 6 weeks at a therapeutic dose)."""
EARLY_NON_RESPONSE_DROP = measures.PARTIAL_RESPONSE_DROP
"""Fall in PHQ-9 (fraction of baseline) expected by EARLY_NON_RESPONSE_WEEKS on an antidepressant (icsi)."""
NOT_IMPROVING_WEEKS = 10
"""Weeks on a plan after which less than a 50% fall means the plan should change (aims-pc, bao-2016).
Scenarios may set 8 to 12 (NOT_IMPROVING_WEEKS_RANGE)."""
NOT_IMPROVING_WEEKS_RANGE = (8, 12)
"""Allowed range for the step-up week, in weeks (aims-pc: 10-12; bao-2016: from week 8)."""
PSYCHOTHERAPY_MIN_WEEKS = 8
"""A plan without an antidepressant is judged no earlier than this many weeks: psychotherapy may need
8-10 weeks before deciding (icsi)."""
OVERDUE_ACUTE_DAYS = 14
"""A patient in the acute phase is overdue after this many days without a contact (tamu-ebc)."""
OVERDUE_MAINTENANCE_DAYS = 30
"""A patient in the maintenance phase is overdue after this many days without a contact (tamu-ebc,
compass-rpp)."""
FIRST_FOLLOW_UP_DAYS = 28
"""Quality marker: a first follow-up within this many days of the initial assessment (bao-2016)."""
SUSTAINED_REMISSION_WEEKS = 8
"""Weeks of remission before a patient is ready for discharge: two months without significant
symptoms (icsi)."""

PROGRAMME_WEEKS = 52
"""Longest episode of care: a patient still in the programme this many weeks after the initial assessment
goes back to the primary care provider with a plan (impact-abs: the intervention lasted up to 12 months)."""
ELIGIBLE_FROM = 10
"""Lowest baseline PHQ-9 (or GAD-7 for anxiety alone) at enrolment: the moderate band, where a score
of 10 or more finds most cases (kroenke-2001, spitzer-2006)."""
CONTACT_PERIOD_WEEKS = 4
"""Caseload statistics count a patient as contacted if reached within this many weeks, about a month
(aims-registry lists the share contacted in a period as a process measure)."""

ROUTINE_REVIEW_EVERY_WEEKS = 4
"""A patient with no safety, new or not-improving flag joins the review agenda, time permitting, only
if not discussed for at least this many weeks (assumed; the review is for the patients who need a
change: aims-pc, ps-scr-best)."""

# --- Contact cadence and staffing ----------------------------------------------------------------

ACUTE_CONTACT_EVERY_WEEKS = 2
"""Care-manager contact interval in the acute phase, in weeks (tamu-ebc, germanimpact)."""
MAINTENANCE_CONTACT_EVERY_WEEKS = 4
"""Care-manager contact interval once a patient is in remission, in weeks (tamu-ebc, germanimpact)."""
SAFETY_CONTACT_EVERY_WEEKS = 1
"""Contact interval while PHQ-9 item 9 is positive, in weeks (assumed: closer follow-up after a
structured risk assessment; simon-item9 gives the risk, not the interval)."""
CASELOAD_PER_FTE = 100
"""Default patients per full-time care manager (aims-caseload: 50-120 by population; impact-team:
100-150 at legacy IMPACT sites)."""
CONSULTANT_HOURS_PER_FTE = 3.0
"""Psychiatric consultant hours a week for each full-time care manager (aims-pc: about 0.075 FTE)."""
CASES_PER_CONSULTANT_HOUR = 7
"""Cases a consultant can discuss in an hour of caseload review (assumed; sdn-2015, a forum post, says 6-8)."""
CARE_MANAGER_HOURS_PER_WEEK = 40
"""Working hours of one full-time care manager a week (assumed full-time week)."""
DIRECT_CARE_SHARE = 0.9
"""Share of care-manager hours left for patient contacts after registry upkeep and review
preparation (assumed)."""
INTAKE_MINUTES = 85
"""Care-manager minutes for an initial assessment, documentation included (liu-2007: 75-95)."""
FOLLOW_UP_MINUTES = 55
"""Care-manager minutes for a follow-up contact, documentation included (liu-2007: 51-60)."""
FAILED_ATTEMPT_MINUTES = 10
"""Care-manager minutes lost to a call that does not reach the patient (liu-2007: 9-11)."""
UNTRACKED_FOLLOW_UP_CHANCE = 0.55
"""Without a registry, chance that a patient due for follow-up comes to the care manager's mind in a
given week (assumed; the registry exists so that nobody falls through the cracks: aims-principles)."""
UNSCHEDULED_MEASUREMENT_CHANCE = 0.15
"""Without measurement on schedule, chance that a contact or visit includes a questionnaire (assumed)."""
PCP_VISIT_EVERY_WEEKS = 8
"""Usual-care interval between primary-care visits that touch on mood, in weeks (assumed)."""

# --- Treatment and the primary care provider -----------------------------------------------------

THERAPY_FULL_SESSIONS = 6
"""Brief psychotherapy sessions after which its full effect is reached (impact-abs: 6-8 sessions of
problem-solving treatment)."""
REFER_AFTER_STEPS = 5
"""From this treatment step, a patient still not improving is referred to specialty care only if less than
PARTIAL_RESPONSE_DROP better; otherwise the plan continues (assumed; the consultant refers the few who need
specialty care: aims-pc)."""
DIRECT_EVALUATION_ITEM9 = 2
"""An item-9 answer at or above this ("more than half the days") brings a direct evaluation at the review
(assumed; simon-item9 gives the rising risk)."""
BIPOLAR_SCREEN_POSITIVE = 0.089
"""Share of depressed primary-care patients who screen positive on the Mood Disorder Questionnaire at intake
(sasdelli-2013: 8.9%)."""
BIPOLAR_CONFIRMED_SHARE = 0.3
"""Share of positive bipolar screens that the consultant's evaluation confirms, leading to specialty care
(derived from cerimele-2013: 3-9% by interview against 21-31% by screener)."""
PREFERENCE_SHARES = (("medication", 0.63), ("psychotherapy", 0.27), ("both", 0.1))
"""What generated patients want to start with (calibrated so that antidepressant and psychotherapy use land
near IMPACT's, arean-2005; dwight-johnson-2000 found more primary-care patients preferring counselling)."""
OTHER_TREATMENT_ACCEPTED = 0.3
"""Chance that a patient accepts a step-up into the kind of treatment they did not prefer (an antidepressant
for someone who wanted psychotherapy, or the reverse) when it is offered (assumed: a shared decision)."""
MAX_TREATMENT_BENEFIT = 0.9
"""Largest fall in symptoms (fraction of baseline) one treatment can bring (assumed)."""
LATENT_SEVERITY_MAX = 1.6
"""Highest latent severity, as a multiple of the patient's baseline (assumed)."""
SETBACK_GONE_BELOW = 0.02
"""A relapse setback smaller than this (fraction of baseline) has faded away (assumed)."""
INTENSIFY_SHARE = 0.5
"""Intensified psychotherapy adds this share of a new course's benefit (assumed)."""
COLOCATED_EXTRA_SESSIONS = 2
"""The clinic therapist offers this many sessions beyond a brief course (assumed)."""
MEDICATION_RELAPSE_PROTECTION = 0.5
"""Share of relapse risk removed by an antidepressant taken in full (assumed)."""
RELAPSE_FADE = 0.97
"""Share of a relapse setback still present a week later (assumed: a relapse eases over months)."""
PCP_ADOPTS_CONSULTANT_ADVICE = 0.75
"""Chance that the primary care provider acts on a consultant's medication advice within the week
(assumed; the provider decides whether to adopt it: mccist-team)."""
PCP_ACTS_WITHOUT_CONSULTANT = 0.35
"""Chance that the provider starts or changes medication on the care manager's word alone, with no
consultant reviewing the caseload: the intake plan or a report of non-response (assumed)."""
USUAL_CARE_FIRST_VISIT_MEDICATION = 0.45
"""Usual care: chance that medication starts at the visit that found the depression (calibrated so
that about 70% receive medication within a year: impact-uw-about)."""
USUAL_CARE_LATER_VISIT_MEDICATION = 0.1
"""Usual care: chance of starting medication at each later visit (calibrated as above)."""
USUAL_CARE_ADJUSTS_IF_UNWELL = 0.15
"""Usual care: chance that a provider, without scores, adjusts medication for a patient who is
still unwell at a visit (assumed)."""
USUAL_CARE_REFERRAL = 0.12
"""Usual care: chance that a visit ends in a referral to specialty mental health (assumed)."""
COLOCATED_REFERRAL = 0.35
"""Co-location: chance that the provider refers a newly found patient to the therapist down the hall
(calibrated: lowered when the problem-solving benefit was re-tuned, so co-location stays nearer usual care
than Collaborative Care, as impact-team describes)."""
COLOCATED_ATTENDED = 0.75
"""Co-location: chance that a referred patient starts seeing the in-house therapist (assumed)."""
REFERRAL_ATTENDED = 0.5
"""Chance that a referred patient attends specialty care (assumed)."""
SPECIALTY_CARE_BENEFIT = 0.3
"""Fall in symptoms (fraction of baseline) that attended specialty care adds for an average patient
(calibrated)."""

# --- Calibrated patient response (see explainer.calibration) -------------------------------------

NATURAL_IMPROVEMENT_MEAN = 0.15
"""Mean fall in symptoms (fraction of baseline) over a year with no treatment (calibrated)."""
MEDICATION_BENEFIT_MEAN = 0.42
"""Mean fall in symptoms (fraction of baseline) that a fully taken antidepressant trial brings
(calibrated)."""
BEHAVIOURAL_ACTIVATION_BENEFIT = 0.1
"""Mean fall in symptoms that a full course of behavioural activation brings (calibrated)."""
PROBLEM_SOLVING_BENEFIT = 0.4
"""Mean fall in symptoms that a full course of problem-solving treatment brings (calibrated)."""
SENSITIVITY_SKEW = 3
"""Shape of how strongly patients respond to a treatment: sensitivity is (SKEW + 1) * u**SKEW for a
uniform u, so the mean is 1 but most patients respond less and a few respond a lot (calibrated)."""
TRIAL_VARIATION = 0.5
"""Spread of one treatment trial's benefit around the patient's sensitivity: the benefit is multiplied
by a uniform factor from 1 - TRIAL_VARIATION/2 to 1 + TRIAL_VARIATION/2 (calibrated)."""
SUPPORTED_ADHERENCE_GAIN = 0.25
"""Rise in medication adherence (share of doses taken) while a care manager is in touch
(calibrated; care managers support medication management: mccist-team)."""
SUPPORT_LASTS_WEEKS = 5
"""Weeks that a care-manager contact keeps supporting adherence (assumed)."""
SYMPTOM_CHANGE_RATE = 0.14
"""Share of the gap to the expected level that latent severity closes each week, so that most of a
plan's effect shows within 10-12 weeks (derived from aims-pc)."""
WEEKLY_SYMPTOM_JITTER = 1.2
"""Width of the uniform week-to-week wobble of latent severity, in PHQ-9 points (assumed)."""
MEASUREMENT_NOISE = 3.0
"""Half-width of the triangular noise of a questionnaire total around latent severity, in points
(assumed; about 1.2 points standard deviation)."""

REACH_BASE = 0.5
"""Chance of reaching a patient (a call answered, a session attended) is REACH_BASE plus the rest
times the patient's engagement: 0.5 for the least engaged, 1.0 for the most (assumed)."""
AUGMENT_SHARE = 0.6
"""An added second medicine brings this share of a new trial's benefit on top of the first
(assumed)."""
BOTH_TREATMENTS_FROM = 20
"""From this PHQ-9 (severe band) the first plan includes an antidepressant beside the psychological treatment
(problem-solving treatment or behavioural activation), unless the patient wants behavioural activation alone
(macarthur-phq9: antidepressant and psychotherapy)."""
CHRONIC_COURSE_NATURAL_FACTOR = 0.5
"""Natural improvement is multiplied by this for a long, slow (dysthymia-like) course (calibrated)."""
EPISODIC_COURSE_NATURAL_FACTOR = 1.2
"""Natural improvement is multiplied by this for an episodic course (calibrated)."""
DROPPED_OUT_STOPS_MEDICATION = 0.5
"""Chance that a patient who drops out also stops their antidepressant (assumed)."""
DROPPED_OUT_ADHERENCE_FACTOR = 0.5
"""After dropping out, medication adherence is multiplied by this (assumed: some keep taking it)."""

# --- Synthetic panel shape -----------------------------------------------------------------------

ITEM9_ANSWER_CUTS = (0.7, 0.92)
"""A positive item-9 answer is 1 for a uniform draw below the first cut, 2 below the second, else 3:
most positive answers are "several days" (assumed; simon-item9)."""
ANXIETY_ONLY_PHQ9_SHARE = 0.55
"""A patient enrolled for anxiety alone has a mean PHQ-9 this share of the panel's mean (assumed)."""
DEPRESSION_ONLY_GAD7_SHARE = 0.6
"""A patient enrolled for depression alone has a mean GAD-7 this share of the panel's mean (assumed)."""
ENGAGEMENT_SPREAD = 0.4
"""Engagement is spread evenly over this width around the panel's mean (assumed)."""
ADHERENCE_SPREAD = 0.5
"""Adherence is spread evenly over this width around the panel's mean (assumed)."""

# --- Engagement, drop-out and relapse ------------------------------------------------------------

WEEKLY_DROP_OUT = 0.004
"""Weekly chance that an engaged patient in a care-manager programme stops taking part
(calibrated; about 15-20% over a year)."""
OUT_OF_TOUCH_DROP_OUT_FACTOR = 2.5
"""Drop-out chance is multiplied by this while a patient is overdue for follow-up (assumed)."""
WEEKLY_RELAPSE = 0.012
"""Weekly chance of relapse for a patient in remission with no plan and no medication (calibrated)."""
RELAPSE_PLAN_FACTOR = 0.5
"""Relapse chance is multiplied by this once a relapse-prevention plan is on file (assumed;
aims-clinical, compass-rpp describe the plan, not its effect size)."""
RELAPSE_SETBACK = 0.6
"""Rise in expected severity after a relapse, as a fraction of baseline (assumed)."""
ITEM9_POSITIVE_CHANCE = 0.12
"""Chance, at each PHQ-9, that a patient prone to thoughts of death answers item 9 above zero when
severely depressed, scaled down as severity falls (assumed; simon-item9: up to 10% of outpatients
score 2-3)."""
ITEM9_PRONE_SHARE = 0.3
"""Share of synthetic patients with any tendency to positive item-9 answers (assumed)."""


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
    Rule("EARLY_NON_RESPONSE_WEEKS", EARLY_NON_RESPONSE_WEEKS, "weeks",
         "After this many weeks on an antidepressant, a patient less than 25% better is due a dose review "
         "(optimise or continue), never a new treatment.", "icsi", "derived", "flag"),
    Rule("EARLY_NON_RESPONSE_DROP", EARLY_NON_RESPONSE_DROP, "fraction of baseline",
         "The fall expected on an antidepressant by the early dose check.", "icsi", "sourced", "flag"),
    Rule("NOT_IMPROVING_WEEKS", NOT_IMPROVING_WEEKS, "weeks",
         "After this many weeks on a plan, a patient less than 50% better is flagged and the plan should step up.",
         "aims-pc", "sourced", "flag"),
    Rule("NOT_IMPROVING_WEEKS_RANGE", NOT_IMPROVING_WEEKS_RANGE, "weeks",
         "The step-up week a scenario may choose.", "bao-2016", "sourced", "flag"),
    Rule("PSYCHOTHERAPY_MIN_WEEKS", PSYCHOTHERAPY_MIN_WEEKS, "weeks",
         "A plan without an antidepressant is never judged, or stepped up, before this many weeks.", "icsi",
         "sourced", "flag"),
    Rule("OVERDUE_ACUTE_DAYS", OVERDUE_ACUTE_DAYS, "days",
         "A patient in active treatment with no contact for longer than this is overdue.", "tamu-ebc", "derived",
         "flag"),
    Rule("OVERDUE_MAINTENANCE_DAYS", OVERDUE_MAINTENANCE_DAYS, "days",
         "A patient in remission with no contact for longer than this is overdue.", "compass-rpp", "derived", "flag"),
    Rule("FIRST_FOLLOW_UP_DAYS", FIRST_FOLLOW_UP_DAYS, "days",
         "A first follow-up within this time of the initial assessment predicts improvement.", "bao-2016", "sourced",
         "flag"),
    Rule("SUSTAINED_REMISSION_WEEKS", SUSTAINED_REMISSION_WEEKS, "weeks",
         "Remission held this long, with a relapse-prevention plan on file, makes a patient ready for discharge.",
         "icsi", "derived", "flag"),
    Rule("PROGRAMME_WEEKS", PROGRAMME_WEEKS, "weeks",
         "Longest episode of care; then the patient goes back to the primary care provider with a plan.",
         "impact-abs", "sourced", "flag"),
    Rule("ELIGIBLE_FROM", ELIGIBLE_FROM, "points",
         "Lowest first score (PHQ-9, or GAD-7 for anxiety alone) for a patient to enrol.", "kroenke-2001", "sourced",
         "flag"),
    Rule("CONTACT_PERIOD_WEEKS", CONTACT_PERIOD_WEEKS, "weeks",
         "The period over which caseload statistics count a patient as contacted.", "aims-registry", "derived",
         "flag"),
    Rule("ROUTINE_REVIEW_EVERY_WEEKS", ROUTINE_REVIEW_EVERY_WEEKS, "weeks",
         "A patient without an urgent flag comes back to the review at most this often.", "ps-scr-best", "assumed",
         "flag"),
    Rule("ACUTE_CONTACT_EVERY_WEEKS", ACUTE_CONTACT_EVERY_WEEKS, "weeks",
         "The care manager aims to reach a patient in active treatment this often.", "tamu-ebc", "sourced", "cadence"),
    Rule("MAINTENANCE_CONTACT_EVERY_WEEKS", MAINTENANCE_CONTACT_EVERY_WEEKS, "weeks",
         "Once in remission, contacts space out to about monthly.", "germanimpact", "sourced", "cadence"),
    Rule("SAFETY_CONTACT_EVERY_WEEKS", SAFETY_CONTACT_EVERY_WEEKS, "weeks",
         "While item 9 stays positive the care manager checks in this often.", "simon-item9", "assumed", "cadence"),
    Rule("CASELOAD_PER_FTE", CASELOAD_PER_FTE, "patients per full-time care manager",
         "A typical full caseload; lower for complex or under-served populations.", "aims-caseload", "derived",
         "staffing"),
    Rule("CONSULTANT_HOURS_PER_FTE", CONSULTANT_HOURS_PER_FTE, "hours a week per full-time care manager",
         "Psychiatric consultant time for caseload review.", "aims-pc", "sourced", "staffing"),
    Rule("CASES_PER_CONSULTANT_HOUR", CASES_PER_CONSULTANT_HOUR, "cases per hour",
         "How many patients fit into an hour of systematic caseload review.", "sdn-2015", "assumed", "staffing"),
    Rule("CARE_MANAGER_HOURS_PER_WEEK", CARE_MANAGER_HOURS_PER_WEEK, "hours a week",
         "A full-time care manager's working week.", "aims-caseload", "assumed", "staffing"),
    Rule("DIRECT_CARE_SHARE", DIRECT_CARE_SHARE, "fraction of working time",
         "Time left for contacts after registry upkeep and review preparation.", "aims-caseload", "assumed",
         "staffing"),
    Rule("INTAKE_MINUTES", INTAKE_MINUTES, "minutes", "An initial assessment with its notes.", "liu-2007", "derived",
         "staffing"),
    Rule("FOLLOW_UP_MINUTES", FOLLOW_UP_MINUTES, "minutes", "A follow-up contact with its notes.", "liu-2007",
         "derived", "staffing"),
    Rule("FAILED_ATTEMPT_MINUTES", FAILED_ATTEMPT_MINUTES, "minutes", "A call that does not reach the patient.",
         "liu-2007", "derived", "staffing"),
    Rule("UNTRACKED_FOLLOW_UP_CHANCE", UNTRACKED_FOLLOW_UP_CHANCE, "probability per week",
         "Without a registry, a patient due for follow-up is remembered and called.", "aims-principles", "assumed",
         "staffing"),
    Rule("UNSCHEDULED_MEASUREMENT_CHANCE", UNSCHEDULED_MEASUREMENT_CHANCE, "probability",
         "Without measurement on schedule, a contact or visit includes a questionnaire.", "aims-principles",
         "assumed", "measurement"),
    Rule("PCP_VISIT_EVERY_WEEKS", PCP_VISIT_EVERY_WEEKS, "weeks",
         "In usual care, mood comes up at a primary-care visit about this often.", "impact-uw-about", "assumed",
         "staffing"),
    Rule("THERAPY_FULL_SESSIONS", THERAPY_FULL_SESSIONS, "sessions",
         "Brief psychotherapy reaches its full effect after this many sessions.", "impact-abs", "sourced",
         "treatment"),
    Rule("REFER_AFTER_STEPS", REFER_AFTER_STEPS, "treatment steps",
         "From this step, a patient still not improving and less than 25% better is referred to specialty care.",
         "aims-pc", "assumed", "treatment"),
    Rule("DIRECT_EVALUATION_ITEM9", DIRECT_EVALUATION_ITEM9, "item points",
         "An item-9 answer this high brings a direct evaluation at the review.", "simon-item9", "assumed",
         "treatment"),
    Rule("BIPOLAR_SCREEN_POSITIVE", BIPOLAR_SCREEN_POSITIVE, "fraction of patients",
         "Patients whose intake bipolar screen is positive; the consultant sees them before any antidepressant.",
         "sasdelli-2013", "sourced", "panel"),
    Rule("BIPOLAR_CONFIRMED_SHARE", BIPOLAR_CONFIRMED_SHARE, "fraction of positive screens",
         "Positive screens that the consultant's evaluation confirms; those patients go to specialty care.",
         "cerimele-2013", "derived", "treatment"),
    Rule("PREFERENCE_SHARES", PREFERENCE_SHARES, "fraction of patients",
         "What patients want to start with: an antidepressant, psychotherapy, or both.", "arean-2005",
         "calibrated", "panel"),
    Rule("OTHER_TREATMENT_ACCEPTED", OTHER_TREATMENT_ACCEPTED, "probability",
         "A patient accepts a step-up into the kind of treatment they did not prefer.", "dwight-johnson-2000",
         "assumed", "treatment"),
    Rule("MAX_TREATMENT_BENEFIT", MAX_TREATMENT_BENEFIT, "fraction of baseline",
         "The largest fall in symptoms one treatment can bring.", "impact-abs", "assumed", "response"),
    Rule("LATENT_SEVERITY_MAX", LATENT_SEVERITY_MAX, "multiple of baseline", "The highest latent severity.",
         "impact-abs", "assumed", "response"),
    Rule("SETBACK_GONE_BELOW", SETBACK_GONE_BELOW, "fraction of baseline",
         "A relapse setback this small has faded away.", "compass-rpp", "assumed", "engagement"),
    Rule("INTENSIFY_SHARE", INTENSIFY_SHARE, "fraction", "What intensified psychotherapy adds.", "impact-abs",
         "assumed", "treatment"),
    Rule("COLOCATED_EXTRA_SESSIONS", COLOCATED_EXTRA_SESSIONS, "sessions",
         "Sessions the clinic therapist offers beyond a brief course.", "impact-team", "assumed", "treatment"),
    Rule("MEDICATION_RELAPSE_PROTECTION", MEDICATION_RELAPSE_PROTECTION, "fraction of risk",
         "How much an antidepressant taken in full lowers relapse risk.", "hunkeler-2006", "assumed", "engagement"),
    Rule("RELAPSE_FADE", RELAPSE_FADE, "share per week", "How much of a relapse setback remains a week later.",
         "compass-rpp", "assumed", "engagement"),
    Rule("PCP_ADOPTS_CONSULTANT_ADVICE", PCP_ADOPTS_CONSULTANT_ADVICE, "probability",
         "How often the primary care provider acts on a consultant's medication advice.", "mccist-team", "assumed",
         "treatment"),
    Rule("PCP_ACTS_WITHOUT_CONSULTANT", PCP_ACTS_WITHOUT_CONSULTANT, "probability",
         "How often the provider starts or changes medication on the care manager's word alone.", "mccist-team",
         "assumed",
         "treatment"),
    Rule("USUAL_CARE_FIRST_VISIT_MEDICATION", USUAL_CARE_FIRST_VISIT_MEDICATION, "probability",
         "Usual care: medication starts at the visit that found the depression.", "impact-uw-about", "calibrated",
         "treatment"),
    Rule("USUAL_CARE_LATER_VISIT_MEDICATION", USUAL_CARE_LATER_VISIT_MEDICATION, "probability",
         "Usual care: medication starts at a later visit.", "impact-uw-about", "calibrated", "treatment"),
    Rule("USUAL_CARE_ADJUSTS_IF_UNWELL", USUAL_CARE_ADJUSTS_IF_UNWELL, "probability",
         "Usual care: a provider without scores adjusts medication for a patient still unwell.", "impact-abs",
         "assumed", "treatment"),
    Rule("USUAL_CARE_REFERRAL", USUAL_CARE_REFERRAL, "probability",
         "Usual care: a visit ends in a referral to specialty mental health.", "impact-uw-about", "assumed",
         "treatment"),
    Rule("COLOCATED_REFERRAL", COLOCATED_REFERRAL, "probability",
         "Co-location: the provider refers a newly found patient to the in-house therapist.", "impact-team",
         "calibrated", "treatment"),
    Rule("COLOCATED_ATTENDED", COLOCATED_ATTENDED, "probability",
         "Co-location: a referred patient starts seeing the in-house therapist.", "impact-team", "assumed",
         "treatment"),
    Rule("REFERRAL_ATTENDED", REFERRAL_ATTENDED, "probability", "A referred patient attends specialty care.",
         "sunderji-2019", "assumed", "treatment"),
    Rule("SPECIALTY_CARE_BENEFIT", SPECIALTY_CARE_BENEFIT, "fraction of baseline",
         "Average fall in symptoms that attended specialty care adds.", "impact-abs", "calibrated", "treatment"),
    Rule("NATURAL_IMPROVEMENT_MEAN", NATURAL_IMPROVEMENT_MEAN, "fraction of baseline",
         "Average fall in symptoms over a year without treatment.", "impact-abs", "calibrated", "response"),
    Rule("MEDICATION_BENEFIT_MEAN", MEDICATION_BENEFIT_MEAN, "fraction of baseline",
         "Average fall in symptoms from an antidepressant trial taken as prescribed.", "impact-abs", "calibrated",
         "response"),
    Rule("BEHAVIOURAL_ACTIVATION_BENEFIT", BEHAVIOURAL_ACTIVATION_BENEFIT, "fraction of baseline",
         "Average fall in symptoms from a full course of behavioural activation.", "impact-abs", "calibrated",
         "response"),
    Rule("PROBLEM_SOLVING_BENEFIT", PROBLEM_SOLVING_BENEFIT, "fraction of baseline",
         "Average fall in symptoms from a full course of problem-solving treatment.", "impact-abs", "calibrated",
         "response"),
    Rule("SENSITIVITY_SKEW", SENSITIVITY_SKEW, "exponent",
         "How unevenly treatment sensitivity is spread: a few patients respond a lot, most less.", "impact-abs",
         "calibrated", "response"),
    Rule("TRIAL_VARIATION", TRIAL_VARIATION, "fraction",
         "How much one treatment trial's benefit varies around the patient's sensitivity.", "impact-abs",
         "calibrated", "response"),
    Rule("SUPPORTED_ADHERENCE_GAIN", SUPPORTED_ADHERENCE_GAIN, "share of doses",
         "How much a care manager's support raises medication adherence.", "impact-abs", "calibrated", "response"),
    Rule("SUPPORT_LASTS_WEEKS", SUPPORT_LASTS_WEEKS, "weeks", "How long one contact keeps supporting adherence.",
         "mccist-team", "assumed", "response"),
    Rule("SYMPTOM_CHANGE_RATE", SYMPTOM_CHANGE_RATE, "share of the gap per week",
         "How fast latent severity moves toward the level the current plan can reach.", "aims-pc", "derived",
         "response"),
    Rule("WEEKLY_SYMPTOM_JITTER", WEEKLY_SYMPTOM_JITTER, "PHQ-9 points", "Week-to-week wobble of latent severity.",
         "lowe-2004", "assumed", "response"),
    Rule("MEASUREMENT_NOISE", MEASUREMENT_NOISE, "points",
         "Half-width of the noise of a questionnaire total around the latent severity.", "lowe-2004", "assumed",
         "measurement"),
    Rule("REACH_BASE", REACH_BASE, "probability",
         "Chance of reaching the least engaged patient; the most engaged are always reached.", "liu-2007",
         "assumed", "engagement"),
    Rule("AUGMENT_SHARE", AUGMENT_SHARE, "fraction", "What an added second medicine brings on top of the first.",
         "aims-pc", "assumed", "treatment"),
    Rule("BOTH_TREATMENTS_FROM", BOTH_TREATMENTS_FROM, "PHQ-9 points",
         "From this score the first plan includes an antidepressant beside the psychological treatment.",
         "macarthur-phq9", "derived",
         "treatment"),
    Rule("CHRONIC_COURSE_NATURAL_FACTOR", CHRONIC_COURSE_NATURAL_FACTOR, "multiplier",
         "Natural improvement for a long, slow course.", "impact-abs", "calibrated", "response"),
    Rule("EPISODIC_COURSE_NATURAL_FACTOR", EPISODIC_COURSE_NATURAL_FACTOR, "multiplier",
         "Natural improvement for an episodic course.", "impact-abs", "calibrated", "response"),
    Rule("DROPPED_OUT_STOPS_MEDICATION", DROPPED_OUT_STOPS_MEDICATION, "probability",
         "A patient who drops out also stops their antidepressant.", "impact-abs", "assumed", "engagement"),
    Rule("DROPPED_OUT_ADHERENCE_FACTOR", DROPPED_OUT_ADHERENCE_FACTOR, "multiplier",
         "Medication adherence after dropping out.", "impact-abs", "assumed", "engagement"),
    Rule("ITEM9_ANSWER_CUTS", ITEM9_ANSWER_CUTS, "cumulative probability",
         "How a positive item-9 answer splits between 1, 2 and 3.", "simon-item9", "assumed", "panel"),
    Rule("ANXIETY_ONLY_PHQ9_SHARE", ANXIETY_ONLY_PHQ9_SHARE, "fraction",
         "Mean PHQ-9 of anxiety-only patients relative to the panel's mean.", "spitzer-2006", "assumed", "panel"),
    Rule("DEPRESSION_ONLY_GAD7_SHARE", DEPRESSION_ONLY_GAD7_SHARE, "fraction",
         "Mean GAD-7 of depression-only patients relative to the panel's mean.", "kroenke-2001", "assumed",
         "panel"),
    Rule("ENGAGEMENT_SPREAD", ENGAGEMENT_SPREAD, "width", "How widely engagement varies between patients.",
         "impact-abs", "assumed", "panel"),
    Rule("ADHERENCE_SPREAD", ADHERENCE_SPREAD, "width", "How widely medication adherence varies between patients.",
         "impact-abs", "assumed", "panel"),
    Rule("WEEKLY_DROP_OUT", WEEKLY_DROP_OUT, "probability per week",
         "Chance that an engaged patient stops taking part.", "impact-abs", "calibrated", "engagement"),
    Rule("OUT_OF_TOUCH_DROP_OUT_FACTOR", OUT_OF_TOUCH_DROP_OUT_FACTOR, "multiplier",
         "How much more likely drop-out is while a patient is overdue.", "bao-2016", "assumed", "engagement"),
    Rule("WEEKLY_RELAPSE", WEEKLY_RELAPSE, "probability per week",
         "Chance of relapse for a patient in remission, no plan and no medication.", "germanimpact", "calibrated",
         "engagement"),
    Rule("RELAPSE_PLAN_FACTOR", RELAPSE_PLAN_FACTOR, "multiplier",
         "How much a relapse-prevention plan lowers the relapse chance.", "aims-clinical", "assumed", "engagement"),
    Rule("RELAPSE_SETBACK", RELAPSE_SETBACK, "fraction of baseline", "How far symptoms climb back after a relapse.",
         "compass-rpp", "assumed", "engagement"),
    Rule("ITEM9_POSITIVE_CHANCE", ITEM9_POSITIVE_CHANCE, "probability",
         "Chance, at each PHQ-9, of a positive item 9 for a prone patient with severe symptoms.", "simon-item9",
         "assumed", "measurement"),
    Rule("ITEM9_PRONE_SHARE", ITEM9_PRONE_SHARE, "fraction of patients",
         "Share of synthetic patients who ever tend to answer item 9 above zero.", "louzon-2016", "assumed",
         "measurement"),
)
"""Every rule, in the order pages show them."""


def rules_by_name() -> dict[str, Rule]:
    """The rules keyed by constant name."""
    return {rule.name: rule for rule in RULES}
