"""Process measures: how care was delivered in a run, each beside a published target where one exists.

A team that runs Collaborative Care tracks more than response: who was contacted each month, who was
discussed with the consultant, how many patients take an antidepressant or have psychotherapy, how
many leave for specialty care. Each measure here is computed from the run's own records and comes
with the band a source gives for a Collaborative Care programme, or no band when none was found.
Bands are targets from trials and programmes, not predictions for any clinic.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer import rules
from explainer.patients import ACTIVE, DISCHARGED, DROPPED_OUT


@dataclass(frozen=True)
class Measure:
    """One process measure: what it counts, its band for Collaborative Care and where the band comes from."""

    name: str
    label: str
    band: tuple[float, float] | None
    source: str
    basis: str
    """'sourced' when the band is a published figure, 'assumed' when it is the site's reading of one."""


MEASURES: tuple[Measure, ...] = (
    Measure("referred_share", "Referred on to specialty mental health care", (0.0, 0.10), "aims-pc", "assumed"),
    Measure("on_medication_share", "Taking an antidepressant at the last week", (0.55, 0.72), "arean-2005",
            "sourced"),
    Measure("psychotherapy_share", "Had problem-solving treatment or another psychotherapy", (0.28, 0.47),
            "arean-2005", "sourced"),
    Measure("treatment_changes_per_patient", "Treatment changes per enrolled patient", None, "aims-pc", "no band"),
    Measure("contacted_last_month_share", "Contacted with a questionnaire in each month of care", (0.80, 1.0),
            "nys-omh-2025", "sourced"),
    Measure("consulted_share", "Discussed at a caseload review at least once", (0.75, 1.0), "nys-cci-2015",
            "sourced"),
    Measure("early_step_ups_without_medication",
            f"Step-ups before week {rules.PSYCHOTHERAPY_MIN_WEEKS} of a plan with no antidepressant", (0, 0),
            "icsi", "sourced"),
    Measure("dropped_out_share", "Stopped taking part", None, "impact-abs", "no band"),
    Measure("discharged_in_remission_share", "Discharged in sustained remission with a relapse-prevention plan",
            None, "aims-clinical", "no band"),
)
"""Every process measure, in the order pages show them."""

MEASURE_BY_NAME = {measure.name: measure for measure in MEASURES}


def _values(sim) -> dict[str, float | int | None]:
    """Each measure's value for a run at its current week (shares of the patients enrolled so far)."""
    week = sim.week
    enrolled = [p for p in sim.patients if p.enrol_week <= week]
    count = len(enrolled)
    assessed = [p for p in enrolled if p.intake_week >= 0]

    def share(number: int, total: int) -> float | None:
        return round(number / total, 3) if total else None

    reached = months = 0
    period = rules.CONTACT_PERIOD_WEEKS
    for start in range(0, week + 1, period):
        end = start + period
        for p in enrolled:
            if p.enrol_week >= end or (p.status != ACTIVE and p.status_week < start):
                continue
            months += 1
            if any(start <= measured < end for measured, *_ in p.measurements):
                reached += 1
    changes = sum(log["plan_changes"] for log in sim.logs)
    return {
        "referred_share": share(sum(1 for p in enrolled if p.referred_week >= 0), count),
        "on_medication_share": share(sum(1 for p in enrolled if p.med), count),
        "psychotherapy_share": share(sum(1 for p in enrolled if p.psychotherapy_week >= 0), count),
        "treatment_changes_per_patient": round(changes / count, 2) if count else None,
        "contacted_last_month_share": share(reached, months),
        "consulted_share": share(sum(1 for p in assessed if p.reviews), len(assessed)),
        "early_step_ups_without_medication": sum(log["early_step_ups_without_medication"] for log in sim.logs),
        "dropped_out_share": share(sum(1 for p in enrolled if p.status == DROPPED_OUT), count),
        "discharged_in_remission_share": share(
            sum(1 for p in enrolled if p.status == DISCHARGED and p.status_reason.startswith("remission")), count),
    }


def measures(sim) -> dict[str, dict]:
    """Every process measure of a run, each ``{"value", "band", "source", "basis", "label", "in_band"}``.

    Bands belong to Collaborative Care programmes; for an arm without a care manager they are left out
    (``band`` is None), since the sources give no target for usual care.
    """
    values = _values(sim)
    collaborative = sim.params.fidelity.care_manager
    result = {}
    for measure in MEASURES:
        value = values[measure.name]
        band = list(measure.band) if measure.band is not None and collaborative else None
        result[measure.name] = {
            "value": value,
            "band": band,
            "source": measure.source,
            "basis": measure.basis if band else "no band",
            "label": measure.label,
            "in_band": None if band is None or value is None else band[0] <= value <= band[1],
        }
    return result
