"""Synthetic patients: plainly invented, diverse, with item-level scores that add up and a rare item 9."""

from __future__ import annotations

import random

from explainer import measures, rules
from explainer.params import CONDITIONS, Panel
from explainer.patients import generate_panel, parse_patient_code, patient_code, skewed_sensitivity
from explainer.questionnaires import item_answers, measure

from .helpers import make_params, run


def panel(count: int = 300, seed: int = 3, **changes):
    return generate_panel(random.Random(seed), Panel(patients=count, **changes))


def test_names_and_ids_are_plainly_synthetic():
    for patient in panel(200):
        assert patient.name.endswith("(synthetic)")
        assert patient.code.startswith("S-") and len(patient.code) == 6
    assert patient_code(42) == "S-0042" and parse_patient_code("S-0042") == 42 == parse_patient_code(42)


def test_panel_is_diverse():
    patients = panel(300)
    assert {p.sex for p in patients} == {"female", "male"}
    assert {p.condition for p in patients} == set(CONDITIONS)
    assert max(p.age for p in patients) - min(p.age for p in patients) >= 40
    assert len({p.name.split()[0] for p in patients}) >= 30
    assert 0.2 < sum(1 for p in patients if p.chronic_illness) / len(patients) < 0.6


def test_baseline_severity_makes_patients_eligible():
    for patient in panel(300):
        if patient.condition != "anxiety":
            assert patient.phq_base >= rules.ELIGIBLE_FROM
        if patient.condition != "depression":
            assert patient.gad_base >= rules.ELIGIBLE_FROM


def test_same_seed_same_panel_and_different_seed_different_panel():
    first, again, other = panel(50, seed=9), panel(50, seed=9), panel(50, seed=10)
    assert [(p.name, p.age, p.phq_base) for p in first] == [(p.name, p.age, p.phq_base) for p in again]
    assert [(p.name, p.age) for p in first] != [(p.name, p.age) for p in other]


def test_measured_totals_follow_latent_severity_with_noise():
    rng = random.Random(5)
    patient = panel(1)[0]
    totals = [measure(patient, rng)[0] for _ in range(400)]
    mean = sum(totals) / len(totals)
    assert abs(mean - patient.phq_base) < 1.0
    assert len(set(totals)) > 2, "measurement should be noisy"
    assert all(0 <= total <= 27 for total in totals)


def test_item_answers_add_up_to_totals_and_stay_in_range():
    patients = panel(30)
    for patient in patients:
        for phq, gad, item9 in ((0, 0, 0), (27, 21, 3), (14, 9, 1), (5, 2, 0)):
            phq_items, gad_items = item_answers(7, patient, 3, phq, gad, item9)
            assert len(phq_items) == 9 and len(gad_items) == 7
            assert sum(phq_items) == phq and sum(gad_items) == gad
            assert phq_items[measures.SAFETY_ITEM_INDEX] == item9
            assert all(measures.ITEM_MIN <= a <= measures.ITEM_MAX for a in phq_items + gad_items)
        assert item_answers(7, patient, 3, 14, 9, 1) == item_answers(7, patient, 3, 14, 9, 1)


def test_item9_is_rare_and_raises_the_safety_flag():
    sim = run(make_params(patients=200, weeks=20, fte=2, consultant_hours=6))
    answers = [m[3] for p in sim.patients for m in p.measurements]
    positive = sum(1 for a in answers if a >= measures.SAFETY_ITEM_MIN)
    assert 0 < positive / len(answers) < 0.1
    flagged = [p for p in sim.patients if p.safety_since >= 0]
    assert all(p.item9_last >= measures.SAFETY_ITEM_MIN for p in flagged)


def test_sensitivity_has_mean_one_and_a_long_tail():
    draws = [skewed_sensitivity(i / 1000) for i in range(1000)]
    assert abs(sum(draws) / len(draws) - 1) < 0.01
    assert sorted(draws)[500] < 1 < max(draws)
