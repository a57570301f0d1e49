"""Outcomes of a run, by arm and over time, as a trial would report them.

Outcomes use a research-style assessment: every enrolled patient's primary questionnaire (PHQ-9 for
depression, GAD-7 for anxiety alone) is taken at the reporting week, whether or not they are still
in care, and compared with the score that enrolled them (intention to treat). Its noise comes from a
hash, not from the simulation's generator, so reporting never changes the run it reports on.
"""

from __future__ import annotations

from dataclasses import replace

from explainer import measures
from explainer.model import Simulation
from explainer.params import ARMS, ParamError, Params, arm_fidelity
from explainer.patients import ACTIVE, DISCHARGED, DROPPED_OUT, Patient, research_gad, research_phq


def _research_scores(patient: Patient, seed: int, week: int) -> tuple[int, int]:
    """(baseline, reported) total of the patient's primary questionnaire."""
    if patient.condition == "anxiety":
        return patient.gad_first, research_gad(patient, seed, week)
    return patient.phq_first, research_phq(patient, seed, week)


def snapshot(sim: Simulation) -> dict:
    """Outcome figures at the simulation's current week, over every patient enrolled so far."""
    week = sim.week
    seed = sim.params.seed
    enrolled = [p for p in sim.patients if p.enrol_week <= week]
    responders = remitted = 0
    change_sum = 0.0
    for patient in enrolled:
        first, latest = _research_scores(patient, seed, week)
        if measures.is_response(first, latest):
            responders += 1
        if measures.is_remission(latest):
            remitted += 1
        change_sum += measures.fractional_change(first, latest)
    count = len(enrolled)
    dropped = sum(1 for p in enrolled if p.status == DROPPED_OUT)

    def share(value: float) -> float | None:
        return round(value / count, 4) if count else None

    return {
        "week": week,
        "n_patients": count,
        "response_rate": share(responders),
        "remission_rate": share(remitted),
        "mean_change": share(change_sum),
        "active": sum(1 for p in enrolled if p.status == ACTIVE),
        "discharged": sum(1 for p in enrolled if p.status == DISCHARGED),
        "lost_to_follow_up": dropped,
        "lost_to_follow_up_rate": share(dropped),
    }


def summary(sim: Simulation) -> dict:
    """Final outcomes of a run plus how much care it took, JSON-ready."""
    result = snapshot(sim)
    count = result["n_patients"] or 1
    contacts = sum(p.contacts for p in sim.patients)
    reviews = sum(p.reviews for p in sim.patients)
    result.update(
        arm=sim.params.arm,
        seed=sim.params.seed,
        weeks=sim.week,
        contacts_per_patient=round(contacts / count, 2),
        reviews_per_patient=round(reviews / count, 2),
        treatment_changes=sum(log["plan_changes"] for log in sim.logs),
        on_medication_share=round(sum(1 for p in sim.patients if p.med) / count, 4),
        relapses=sum(log["relapses"] for log in sim.logs),
        outcome_measure="PHQ-9 (GAD-7 for anxiety alone), research assessment at the last week",
        synthetic=True,
    )
    return result


def arm_params(params: Params, arm: str, patients: int | None = None, scale_staffing: bool = True) -> Params:
    """The same scenario run under another arm, optionally with a different panel size.

    With ``scale_staffing`` the team grows with the panel, so caseload per care manager and consultant
    hours per care manager stay as the scenario set them (a large cohort is many caseloads side by side).
    """
    fidelity = arm_fidelity(arm)
    changed = replace(params, arm=arm, fidelity=fidelity)
    if patients is not None and patients != params.panel.patients:
        if patients < len(params.fixed_patients):
            raise ParamError(f"This scenario needs at least {len(params.fixed_patients)} patient(s).")
        staffing = params.staffing.scaled(patients / params.panel.patients) if scale_staffing else params.staffing
        changed = replace(changed, panel=replace(params.panel, patients=patients), staffing=staffing)
    return changed


def run_arm(params: Params, arm: str, seed: int | None = None, patients: int | None = None,
            weeks: int | None = None) -> dict:
    """Run one arm in bulk and return its outcome summary (the fast path for benchmarks and the CLI)."""
    run = arm_params(params, arm, patients)
    if seed is not None:
        run = replace(run, seed=seed)
    if weeks is not None:
        run = replace(run, weeks=weeks)
    sim = Simulation(run)
    sim.run(run.weeks)
    return summary(sim)


def compare_arms(params: Params, arms: list[str], every: int = 4, patients: int | None = None) -> dict:
    """Outcomes over time for several arms on the same synthetic panel (same seed, so paired)."""
    if not isinstance(arms, list) or not arms:
        raise ParamError("'arms' must be a non-empty list of arm names.")
    for arm in arms:
        arm_fidelity(arm)
    result = []
    for arm in arms:
        run = arm_params(params, arm, patients)
        sim = Simulation(run)
        series = [snapshot(sim)]
        for _ in range(run.weeks):
            sim.step()
            if sim.week % every == 0 or sim.week == run.weeks:
                series.append(snapshot(sim))
        result.append({"arm": arm, "description": ARMS[arm][0], "final": summary(sim), "series": series})
    return {"seed": params.seed, "weeks": params.weeks, "every": every, "arms": result, "synthetic": True}
