"""The views the API answers with, built from a run: the page's picture of a run (registry, statistics,
next agenda, narration, with the words explainer.present writes) and one patient's history.

explainer.api's operations return these; the build renders the first state from the same dicts.
"""

from __future__ import annotations

from explainer import describe, measures, present, registry
from explainer.model import Simulation
from explainer.patients import Patient, hidden_profile
from explainer.patients import as_dict as patient_as_dict
from explainer.questionnaires import item_answers
from explainer.state import State, encode


def run_view(state: State, sim: Simulation, token: str, narrate: list[int] | None = None) -> dict:
    """The page's picture of a run: token, registry with flags, statistics, next agenda, narration."""
    params = sim.params
    weeks = params.cadence.not_improving_weeks
    reviews = params.fidelity.review
    rows = [present.with_text(registry.registry_row(p, sim.week, weeks, params.start_date, reviews))
            for p in sim.enrolled]
    stats = registry.caseload_statistics(sim.patients, sim.week, weeks, reviews)
    scenario = state.scenario_data()
    last_review = describe.review_summary(sim, sim.week) if sim.week in sim.reviews else None
    done = sim.week >= params.weeks
    agenda = sim.agenda().as_dict() if params.fidelity.review and not done else None
    return {
        "token": token,
        "week": sim.week,
        "weeks": params.weeks,
        "done": done,
        "scenario": {"id": scenario["id"], "title": scenario["title"], "description": scenario["description"]},
        "settings": params.summary(),
        "registry": {"in_use": params.fidelity.registry, "rows": rows, "statistics": stats,
                     "statistics_text": present.statistics_text(stats),
                     "shown_text": present.rows_shown_text(rows)},
        "agenda": present.agenda_text(agenda, rows, params.staffing.as_dict()),
        "review_note": present.review_note(params.fidelity.review, done, agenda),
        "summary": describe.registry_summary(sim, stats),
        "review": last_review,
        "narration": [describe.week_summary(sim, week) for week in (narrate or [])],
        "decisions": len(state.decisions),
        "care_plans": len(state.care),
        "synthetic": True,
    }


def patient_view(state: State, sim: Simulation, patient: Patient, reveal: bool) -> dict:
    """One patient's history at the simulation's week: scores with their item answers, chart lines,
    timeline and summary; with ``reveal`` also the hidden response profile."""
    seed = sim.params.seed
    history = []
    for week, phq, gad, item9, by in patient.measurements:
        phq_items, gad_items = item_answers(seed, patient, week, phq, gad, item9)
        history.append(present.measurement_text({
            "week": week, "by": by,
            "phq9": phq, "phq9_band": measures.severity_band(measures.PHQ9, phq), "phq9_items": phq_items,
            "gad7": gad, "gad7_band": measures.severity_band(measures.GAD7, gad), "gad7_items": gad_items,
            "item9": item9,
        }))
    result = {
        "token": encode(state),
        "week": sim.week,
        "patient": patient_as_dict(patient),
        "summary": describe.patient_summary(sim, patient),
        "registry_row": registry.registry_row(patient, sim.week, sim.params.cadence.not_improving_weeks,
                                              sim.params.start_date, sim.params.fidelity.review),
        "measurements": history,
        "chart_lines": present.chart_lines(history[0]["phq9"] if history else None),
        "chart_max": measures.PHQ9.max_total,
        "timeline": describe.timeline(patient),
        "synthetic": True,
    }
    result["words"] = present.patient_text(result["patient"], history, result["timeline"], sim.week,
                                           measures.PHQ9.max_total)
    if reveal:
        result["hidden_profile"] = hidden_profile(patient)
    return result
