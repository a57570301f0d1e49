"""The registry: one row per patient, flags with their reasons and sources, and caseload statistics.

``flag_bits`` is the single place where a flag is decided; the weekly review, the registry view
and the tests all call it. Each flag reads its thresholds from ``explainer.rules`` (or
``explainer.measures``), and ``FLAGS`` tells pages what each flag means and where its rule comes from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from explainer import measures, rules
from explainer.patients import (
    ACTIVE,
    DISCHARGED,
    DROPPED_OUT,
    SCREEN_POSITIVE,
    STATUS_NAMES,
    THERAPY_NAMES,
    Patient,
)
from explainer.patients import as_dict as visible_traits

(SAFETY, NEW, NOT_IMPROVING, OVERDUE, RESPONSE, REMISSION, PLAN_DUE, READY_FOR_DISCHARGE, DOSE_REVIEW,
 BIPOLAR_SCREEN) = (1 << i for i in range(10))


@dataclass(frozen=True)
class Flag:
    """What a registry flag means, which constants decide it and where the rule comes from."""

    bit: int
    name: str
    label: str
    meaning: str
    constants: tuple[str, ...]
    source: str

    def as_dict(self) -> dict:
        """JSON-ready form, with the current value of every constant the flag reads."""
        named = rules.rules_by_name()
        return {
            "name": self.name,
            "label": self.label,
            "meaning": self.meaning,
            "source": self.source,
            "constants": {name: named[name].as_dict()["value"] for name in self.constants},
        }


FLAGS: tuple[Flag, ...] = (
    Flag(SAFETY, "safety", "Safety", f"The latest PHQ-9 has item 9 (thoughts of death or self-harm) at "
         f"{measures.SAFETY_ITEM_MIN} or more: the care manager does a structured risk assessment the same day "
         "(a same-day clinician assessment happens outside the model) and the patient is discussed first.",
         ("SAFETY_ITEM_MIN",), "simon-item9"),
    Flag(NEW, "new", "New", "Assessed by the care manager but not yet discussed with the psychiatric consultant.",
         (), "aims-tbw"),
    Flag(NOT_IMPROVING, "not_improving", "Not improving",
         f"A score taken at least {rules.NOT_IMPROVING_WEEKS} weeks into the current plan (the step-up week; a "
         f"scenario may set {rules.NOT_IMPROVING_WEEKS_RANGE[0]} to {rules.NOT_IMPROVING_WEEKS_RANGE[1]}, and a plan "
         f"without an antidepressant waits at least {rules.PSYCHOTHERAPY_MIN_WEEKS}) is less than "
         f"{round(measures.RESPONSE_DROP * 100)}% below the first score: the plan should step up.",
         ("NOT_IMPROVING_WEEKS", "PSYCHOTHERAPY_MIN_WEEKS", "RESPONSE_DROP"), "aims-pc"),
    Flag(OVERDUE, "overdue", "Overdue", "No contact for longer than the follow-up interval of the patient's phase.",
         ("OVERDUE_ACUTE_DAYS", "OVERDUE_MAINTENANCE_DAYS"), "tamu-ebc"),
    Flag(RESPONSE, "response", "Response",
         f"The latest score is at least {round(measures.RESPONSE_DROP * 100)}% below the first one.",
         ("RESPONSE_DROP",), "icsi"),
    Flag(REMISSION, "remission", "Remission", f"The latest score is below {measures.REMISSION_BELOW}.",
         ("REMISSION_BELOW",), "icsi"),
    Flag(PLAN_DUE, "relapse_plan_due", "Relapse-prevention plan due",
         "In remission with no relapse-prevention plan on file yet.", ("REMISSION_BELOW",), "aims-clinical"),
    Flag(READY_FOR_DISCHARGE, "ready_for_discharge", "Ready for discharge",
         f"Remission held for {rules.SUSTAINED_REMISSION_WEEKS} weeks with a relapse-prevention plan on file: ready "
         "to go back to the primary care provider.", ("SUSTAINED_REMISSION_WEEKS", "REMISSION_BELOW"), "icsi"),
    Flag(DOSE_REVIEW, "dose_review", "Dose review",
         f"{rules.EARLY_NON_RESPONSE_WEEKS} weeks into a plan with an antidepressant, the score is less than "
         f"{round(rules.EARLY_NON_RESPONSE_DROP * 100)}% below the first one: the consultant checks the dose "
         "(optimise or continue); no new treatment starts on this check.",
         ("EARLY_NON_RESPONSE_WEEKS", "EARLY_NON_RESPONSE_DROP"), "icsi"),
    Flag(BIPOLAR_SCREEN, "bipolar_screen", "Bipolar screen positive",
         "The intake mood-disorder screen was positive: no antidepressant starts until the psychiatric consultant "
         "has reviewed the patient.", ("BIPOLAR_SCREEN_POSITIVE",), "sasdelli-2013"),
)
"""Every registry flag, in the order the registry shows them."""

FLAG_BY_NAME = {flag.name: flag for flag in FLAGS}
ATTENTION_FLAGS = SAFETY | NEW | NOT_IMPROVING | OVERDUE | DOSE_REVIEW | BIPOLAR_SCREEN
"""Flags that call for the team's attention (the rest report progress)."""

_OVERDUE_ACUTE_WEEKS = rules.OVERDUE_ACUTE_DAYS / rules.DAYS_PER_WEEK
_OVERDUE_MAINTENANCE_WEEKS = rules.OVERDUE_MAINTENANCE_DAYS / rules.DAYS_PER_WEEK


def primary_scores(patient: Patient) -> tuple[int, int]:
    """(first, latest) total of the patient's primary questionnaire; -1 when never measured."""
    if patient.condition == "anxiety":
        return patient.gad_first, patient.gad_last
    return patient.phq_first, patient.phq_last


def flag_bits(patient: Patient, week: int, not_improving_weeks: int, reviews: bool = True) -> int:
    """Every flag that holds for an active patient at ``week``, as bits (SAFETY | NEW | ...).

    Discharged and dropped-out patients carry no flags, and "new" (waiting for a first review) only
    applies where ``reviews`` are held. Plain arithmetic on purpose: the weekly review calls this for
    every active patient.
    """
    if patient.status != ACTIVE:
        return 0
    bits = 0
    if patient.item9_last >= measures.SAFETY_ITEM_MIN:
        bits |= SAFETY
    if patient.bipolar_screen == SCREEN_POSITIVE:
        bits |= BIPOLAR_SCREEN
    if patient.intake_week >= 0:
        if patient.last_review < 0 and reviews:
            bits |= NEW
        since = patient.last_contact
        limit = _OVERDUE_MAINTENANCE_WEEKS if patient.remission_since >= 0 else _OVERDUE_ACUTE_WEEKS
    else:
        since = patient.enrol_week
        limit = _OVERDUE_ACUTE_WEEKS
    if week - since > limit:
        bits |= OVERDUE
    if patient.condition == "anxiety":
        first, latest = patient.gad_first, patient.gad_last
    else:
        first, latest = patient.phq_first, patient.phq_last
    if first > 0 and patient.measured_week > patient.enrol_week:
        change = (first - latest) / first
        if change >= measures.RESPONSE_DROP:
            bits |= RESPONSE
        if patient.intake_week >= 0:
            on_plan = patient.measured_week - patient.plan_start  # judged on a score taken on this plan
            if on_plan >= step_up_week(patient, not_improving_weeks) and change < measures.RESPONSE_DROP:
                bits |= NOT_IMPROVING
            elif (patient.med and on_plan >= rules.EARLY_NON_RESPONSE_WEEKS
                  and change < rules.EARLY_NON_RESPONSE_DROP and patient.med_changes == 0
                  and patient.last_review <= patient.plan_start + rules.EARLY_NON_RESPONSE_WEEKS):
                bits |= DOSE_REVIEW
    if latest >= 0 and latest < measures.REMISSION_BELOW and patient.measured_week > patient.enrol_week:
        bits |= REMISSION
        if patient.rpp_week < 0:
            bits |= PLAN_DUE
        elif patient.remission_since >= 0 and week - patient.remission_since >= rules.SUSTAINED_REMISSION_WEEKS:
            bits |= READY_FOR_DISCHARGE
    return bits


def step_up_week(patient: Patient, not_improving_weeks: int) -> int:
    """Weeks into the current plan at which a patient is judged: the step-up week, and never before
    PSYCHOTHERAPY_MIN_WEEKS for a plan without an antidepressant."""
    if patient.med:
        return not_improving_weeks
    return max(not_improving_weeks, rules.PSYCHOTHERAPY_MIN_WEEKS)


def flag_names(bits: int) -> list[str]:
    """Names of the flags set in ``bits``, in registry order."""
    return [flag.name for flag in FLAGS if bits & flag.bit]


def _pct(value: float) -> int:
    """A fraction as a whole percentage, for reasons shown to people."""
    return int(round(value * 100))


def flag_reason(flag: Flag, patient: Patient, week: int, not_improving_weeks: int) -> str:
    """One sentence saying why ``flag`` fired for this patient, with the numbers that made it fire."""
    first, latest = primary_scores(patient)
    instrument = patient.primary_instrument.name
    change = measures.fractional_change(first, latest) if first > 0 else 0.0
    if flag.bit == SAFETY:
        return (f"PHQ-9 item 9 was {patient.item9_last} on week {patient.measured_week} (rule: "
                f"{measures.SAFETY_ITEM_MIN} or more needs a structured risk assessment).")
    if flag.bit == NEW:
        return f"Assessed on week {patient.intake_week}; no caseload review since."
    if flag.bit == NOT_IMPROVING:
        on_plan = patient.measured_week - patient.plan_start
        measured = (f"{instrument} {first} to {latest} ({_pct(change)}% better), measured after {on_plan} weeks "
                    "on this plan")
        return (f"{measured}; the rule asks for {_pct(measures.RESPONSE_DROP)}% by week "
                f"{step_up_week(patient, not_improving_weeks)}.")
    if flag.bit == DOSE_REVIEW:
        on_plan = patient.measured_week - patient.plan_start
        return (f"{instrument} {first} to {latest} ({_pct(change)}% better) after {on_plan} weeks on an "
                f"antidepressant; the dose check asks for {_pct(rules.EARLY_NON_RESPONSE_DROP)}% by week "
                f"{rules.EARLY_NON_RESPONSE_WEEKS}.")
    if flag.bit == BIPOLAR_SCREEN:
        return (f"Positive mood-disorder screen at the initial assessment on week {patient.intake_week}; "
                "an antidepressant waits for the consultant's review.")
    if flag.bit == OVERDUE:
        if patient.intake_week < 0:
            days = (week - patient.enrol_week) * rules.DAYS_PER_WEEK
            return (f"Enrolled {days} days ago and still waiting for an initial assessment "
                    f"(rule: {rules.OVERDUE_ACUTE_DAYS} days).")
        days = (week - patient.last_contact) * rules.DAYS_PER_WEEK
        limit = rules.OVERDUE_MAINTENANCE_DAYS if patient.remission_since >= 0 else rules.OVERDUE_ACUTE_DAYS
        phase = "maintenance" if patient.remission_since >= 0 else "acute"
        return f"Last contact {days} days ago; the {phase} phase allows {limit} days."
    if flag.bit == RESPONSE:
        return f"{instrument} {first} to {latest}: {_pct(change)}% better (rule: {_pct(measures.RESPONSE_DROP)}%)."
    if flag.bit == REMISSION:
        return f"Latest {instrument} is {latest} (rule: below {measures.REMISSION_BELOW})."
    if flag.bit == PLAN_DUE:
        return f"In remission since week {patient.remission_since} with no relapse-prevention plan on file."
    return (f"In remission since week {patient.remission_since} ({week - patient.remission_since} weeks; rule: "
            f"{rules.SUSTAINED_REMISSION_WEEKS}) with a relapse-prevention plan from week {patient.rpp_week}.")


def treatment_summary(patient: Patient) -> str:
    """The current plan in a few words, e.g. 'antidepressant (2 changes) + problem-solving treatment'."""
    parts = []
    if patient.med:
        changes = patient.med_changes
        parts.append("antidepressant" + (f" ({changes} change{'s' if changes != 1 else ''})" if changes else ""))
    if patient.therapy:
        sessions = patient.sessions
        parts.append(f"{THERAPY_NAMES[patient.therapy]} ({sessions} session{'' if sessions == 1 else 's'})")
    if patient.specialty_benefit:
        parts.append("specialty mental health care")
    return " + ".join(parts) if parts else "no treatment yet"


def week_date(start_date: str, week: int) -> str:
    """ISO date of a model week, counted from the scenario's start date."""
    return (datetime.date.fromisoformat(start_date) + datetime.timedelta(days=rules.DAYS_PER_WEEK * week)).isoformat()


def _change(first: int, latest: int) -> float | None:
    """Fall from the first score as a fraction (0.5 = 50% better), or None without two scores."""
    if first <= 0 or latest < 0:
        return None
    return round(measures.fractional_change(first, latest), 3)


def _change_pct(first: int, latest: int) -> int | None:
    """Fall from the first score in whole percent (positive = better), or None without two scores."""
    if first <= 0 or latest < 0:
        return None
    return _pct(measures.fractional_change(first, latest))


def registry_row(patient: Patient, week: int, not_improving_weeks: int, start_date: str,
                 reviews: bool = True) -> dict:
    """One registry row, JSON-ready, with every flag's reason and source."""
    bits = flag_bits(patient, week, not_improving_weeks, reviews)
    row = visible_traits(patient)
    del row["synthetic"]
    return {
        **row,
        "status": STATUS_NAMES[patient.status],
        "enrolled_week": patient.enrol_week,
        "enrolled_on": week_date(start_date, patient.enrol_week),
        "weeks_in_treatment": week - patient.enrol_week,
        "primary_measure": patient.primary_instrument.name,
        "phq9_initial": patient.phq_first if patient.phq_first >= 0 else None,
        "phq9_latest": patient.phq_last if patient.phq_last >= 0 else None,
        "phq9_change": _change(patient.phq_first, patient.phq_last),
        "phq9_change_pct": _change_pct(patient.phq_first, patient.phq_last),
        "gad7_initial": patient.gad_first if patient.gad_first >= 0 else None,
        "gad7_latest": patient.gad_last if patient.gad_last >= 0 else None,
        "gad7_change": _change(patient.gad_first, patient.gad_last),
        "gad7_change_pct": _change_pct(patient.gad_first, patient.gad_last),
        "contacts": patient.contacts,
        "last_contact_week": patient.last_contact if patient.last_contact >= 0 else None,
        "last_contact_on": week_date(start_date, patient.last_contact) if patient.last_contact >= 0 else None,
        "last_review_week": patient.last_review if patient.last_review >= 0 else None,
        "treatment_step": patient.step,
        "treatment": treatment_summary(patient),
        "relapse_plan_week": patient.rpp_week if patient.rpp_week >= 0 else None,
        "flags": [
            {"flag": flag.name, "label": flag.label, "reason": flag_reason(flag, patient, week, not_improving_weeks),
             "source": flag.source}
            for flag in FLAGS
            if bits & flag.bit
        ],
    }


def _median(values: list[float]) -> float | None:
    """Median of a list, or None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _share(count: int, total: int) -> float | None:
    """count/total rounded to 3 places, or None for an empty denominator."""
    return round(count / total, 3) if total else None


def caseload_statistics(patients: list[Patient], week: int, not_improving_weeks: int, reviews: bool = True) -> dict:
    """Caseload-level figures a team would track: contact and review coverage, response, remission."""
    enrolled = [p for p in patients if p.enrol_week <= week]
    active = [p for p in enrolled if p.status == ACTIVE]
    assessed = [p for p in active if p.intake_week >= 0]
    measured_twice = [p for p in active if p.measured_week > p.enrol_week]
    flag_counts = {flag.name: 0 for flag in FLAGS}
    responding = remitted = 0
    for patient in active:
        bits = flag_bits(patient, week, not_improving_weeks, reviews)
        for flag in FLAGS:
            if bits & flag.bit:
                flag_counts[flag.name] += 1
        if patient in measured_twice:
            responding += bool(bits & RESPONSE)
            remitted += bool(bits & REMISSION)
    first_follow_up_weeks = rules.FIRST_FOLLOW_UP_DAYS // rules.DAYS_PER_WEEK
    followed = [p for p in enrolled if p.intake_week >= 0 and p.intake_week + first_follow_up_weeks <= week]
    first_within = sum(
        1 for p in followed
        if p.first_follow_up_week >= 0
        and (p.first_follow_up_week - p.intake_week) * rules.DAYS_PER_WEEK <= rules.FIRST_FOLLOW_UP_DAYS
    )
    return {
        "week": week,
        "enrolled": len(enrolled),
        "active": len(active),
        "discharged": sum(1 for p in enrolled if p.status == DISCHARGED),
        "dropped_out": sum(1 for p in enrolled if p.status == DROPPED_OUT),
        "awaiting_assessment": len(active) - len(assessed),
        "contacted_share": _share(
            sum(1 for p in active if p.last_contact >= 0 and week - p.last_contact < rules.CONTACT_PERIOD_WEEKS),
            len(active),

        ),
        "contact_period_weeks": rules.CONTACT_PERIOD_WEEKS,
        "reviewed_share": _share(sum(1 for p in assessed if p.last_review >= 0), len(assessed)),
        "response_share": _share(responding, len(measured_twice)),
        "remission_share": _share(remitted, len(measured_twice)),
        "measured_twice": len(measured_twice),
        "denominators": {
            "contacted_share": f"all {len(active)} active patients",
            "reviewed_share": f"the {len(assessed)} active patients assessed by the care manager",
            "response_share": f"the {len(measured_twice)} active patients measured since enrolment",
            "remission_share": f"the {len(measured_twice)} active patients measured since enrolment",
        },
        "first_follow_up_within_4_weeks_share": _share(first_within, len(followed)),
        "median_weeks_in_treatment": _median([week - p.enrol_week for p in active]),
        "flag_counts": flag_counts,
    }


CSV_COLUMNS = (
    "id", "name", "age", "sex", "condition", "chronic_illness", "status", "enrolled_on", "weeks_in_treatment",
    "phq9_initial", "phq9_latest", "phq9_change_pct", "gad7_initial", "gad7_latest", "gad7_change_pct", "contacts",
    "last_contact_on", "last_review_week", "treatment_step", "treatment", "flags",
)
SYNTHETIC_NOTICE = "# SYNTHETIC DATA: invented patients from the CoCM explainer simulator; no real person is described."


def registry_csv(rows: list[dict], week: int, scenario_id: str) -> str:
    """The registry as CSV text, opening with a comment line that marks it synthetic."""
    # Imported here: only the export needs them, and csv adds about 20 ms to every boot in Pyodide.
    import csv
    import io

    out = io.StringIO()
    out.write(f"{SYNTHETIC_NOTICE} Scenario {scenario_id}, week {week}.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = dict(row, flags="; ".join(flag["flag"] for flag in row["flags"]))
        writer.writerow(["" if values[column] is None else values[column] for column in CSV_COLUMNS])
    return out.getvalue()
