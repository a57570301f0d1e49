"""Descriptions: complete plain sentences that report what the model did."""

from __future__ import annotations

from explainer import describe, registry, scenarios
from explainer.model import Simulation

from .helpers import make_params, run


def test_week_summaries_are_sentences_with_the_logged_counts():
    sim = run(make_params(patients=50, weeks=10))
    for week in range(sim.week + 1):
        text = describe.week_summary(sim, week)
        assert text.startswith(f"Week {week}.") and text.endswith(".")
        log = sim.logs[week]
        if log["reviewed"]:
            assert f"discussed {describe.count(log['reviewed'], 'patient')}" in text


def test_registry_and_review_summaries():
    sim = run(make_params(patients=50, weeks=8))
    stats = registry.caseload_statistics(sim.patients, sim.week, 10)
    summary = describe.registry_summary(sim, stats)
    assert summary.startswith("Week 8 of 8.") and f"{stats['active']} patients active" in summary
    review = describe.review_summary(sim, 8)  # held at the start of week 8, on the week-7 registry
    assert review.startswith("Week 7 review") and review.endswith(".")
    assert describe.review_summary(sim, 0) == "No caseload review was held in week 0."


def test_a_registry_without_use_says_so():
    sim = run(make_params(arm="usual-care", patients=20, weeks=4))
    text = describe.registry_summary(sim, registry.caseload_statistics(sim.patients, 4, 10))
    assert "keeps no registry" in text


def test_timeline_spells_out_every_event():
    scenario = scenarios.load("walkthrough")
    sim = Simulation(scenario["_params"])
    sim.run(sim.params.weeks)
    items = describe.timeline(sim.patients[0])
    assert all(item["text"][0].isupper() and item["text"].endswith(".") for item in items)
    assert any(item["kind"] == "session" and "Behavioural activation" in item["text"] for item in items)
    assert "Margaret O. (synthetic), 70" in describe.patient_summary(sim, sim.patients[0])
    assert describe.count(1, "patient") == "1 patient" and describe.count(2, "patient") == "2 patients"
