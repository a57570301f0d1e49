"""Outcomes of a run, by arm and over time, as a trial would report them.

Outcomes use a research-style assessment: every enrolled patient's primary questionnaire (PHQ-9 for
depression, GAD-7 for anxiety alone) is taken at the reporting week, whether or not they are still
in care, and compared with the score that enrolled them (intention to treat). Its noise comes from a
hash, not from the simulation's generator, so reporting never changes the run it reports on.
"""

from __future__ import annotations

from dataclasses import replace

from explainer import measures, process
from explainer.model import Simulation
from explainer.params import ARMS, ParamError, Params, arm_fidelity
from explainer.patients import ACTIVE, DISCHARGED, DROPPED_OUT, Patient
from explainer.questionnaires import research_gad, research_phq
from explainer.state import State, replay

YOUR_RUN_LABEL = "Your run"
"""How the learner's own run is named beside the reference arms."""
REMISSION_NOTE = (
    "Remission (PHQ-9 below 5) is not calibrated: IMPACT reported remission on a different scale (SCL-20 below "
    "0.5), and its 12-month remission rates were not confirmed in the sources, so the simulated remission rates "
    "show a direction, not a size."
)
"""Why remission figures carry a warning wherever they are shown (impact-abs, vanleeuwen-oldold)."""


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

    everyone = f"all {count} enrolled patients, measured at a research assessment whether or not still in care"
    return {
        "week": week,
        "n_patients": count,
        "denominators": {
            "response_rate": everyone,
            "remission_rate": everyone,
            "mean_change": everyone,
            "lost_to_follow_up_rate": f"all {count} enrolled patients",
        },
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
    sim.run(run.weeks - sim.week)
    return {**summary(sim), "remission_note": REMISSION_NOTE, "process": process.measures(sim)}


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
        for _ in range(run.weeks - sim.week):
            sim.step()
            if sim.week % every == 0 or sim.week == run.weeks:
                series.append(snapshot(sim))
        result.append({"arm": arm, "label": ARMS[arm].label, "description": ARMS[arm].description,
                       "final": summary(sim), "series": series, "process": process.measures(sim)})
    scenario_arm = next((item for item in result if item["arm"] == params.arm), None)
    return {
        "seed": params.seed,
        "weeks": params.weeks,
        "every": every,
        "arms": [{key: value for key, value in item.items() if key != "process"} for item in result],
        "remission_note": REMISSION_NOTE,
        "process": scenario_arm["process"] if scenario_arm else process.measures(_finished(arm_params(
            params, params.arm, patients))),
        "synthetic": True,
    }


def _finished(params: Params) -> Simulation:
    """A run of ``params`` to its last week."""
    sim = Simulation(params)
    sim.run(params.weeks - sim.week)
    return sim


def your_run(state: State, every: int = 4) -> dict:
    """The learner's own run, replayed with their review decisions up to the week they reached.

    The series holds a research-style snapshot every ``every`` weeks and at the week reached, so it
    sits beside the reference arms on the same axis; ``final`` sums the run up to that week as
    ``summary`` does a reference arm's (with the care it took: contacts and reviews per patient).
    """
    series = []

    def record(sim: Simulation) -> None:
        if sim.week % every == 0 or sim.week == state.week:
            series.append(snapshot(sim))

    sim = replay(state, record)
    skipped = sum(1 for week in sim.reviews if sim.reviews[week][0].chosen_by == "learner"
                  and not any(tier != "safety" for _, tier, _, _ in sim.reviews[week][1]))
    held = sum(1 for week in sim.reviews) - skipped
    return {
        "label": YOUR_RUN_LABEL,
        "arm": sim.params.arm,
        "arm_label": ARMS[sim.params.arm].label,
        "up_to_week": sim.week,
        "decisions": len(state.decisions),
        "reviews_held": held,
        "reviews_skipped": skipped,
        "series": series,
        "final": summary(sim),
        "synthetic": True,
    }
