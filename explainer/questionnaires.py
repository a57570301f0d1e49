"""What a synthetic patient scores: PHQ-9 and GAD-7 totals and the item-9 answer drawn around their latent
severity in the weekly loop, research-style totals for outcome reporting that use no simulation draws, and
item-level answers spread over the items on demand, so a history can show them without slowing the loop.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from explainer import measures, rules
from explainer.randomness import derived_rng, hashed_uniform

if TYPE_CHECKING:
    from explainer.patients import Patient


def measure(patient: Patient, rng: random.Random) -> tuple[int, int, int]:
    """Draw PHQ-9 total, GAD-7 total and item-9 answer around the patient's latent severity.

    Totals are latent severity plus triangular noise (MEASUREMENT_NOISE), rounded and held in range.
    Item 9 is drawn on its own: only patients prone to it can answer above zero, more often the more
    severe they are (ITEM9_POSITIVE_CHANCE), and a positive answer is mostly 1 (simon-item9).
    """
    rel = patient.rel
    noise = rules.MEASUREMENT_NOISE
    phq = int(patient.phq_base * rel + (rng.random() + rng.random() - 1.0) * noise + 0.5)
    gad = int(patient.gad_base * rel + (rng.random() + rng.random() - 1.0) * noise + 0.5)
    phq = 0 if phq < 0 else 27 if phq > 27 else phq
    gad = 0 if gad < 0 else 21 if gad > 21 else gad
    item9 = 0
    if patient.item9_prone:
        severity = patient.phq_base * rel / 20.0
        if rng.random() < rules.ITEM9_POSITIVE_CHANCE * patient.item9_prone * severity * severity:
            draw = rng.random()
            first_cut, second_cut = rules.ITEM9_ANSWER_CUTS
            item9 = 1 if draw < first_cut else 2 if draw < second_cut else 3
            if phq < item9:
                phq = item9
    if phq - item9 > 24:  # the other eight items can add up to 24 at most
        phq = 24 + item9
    return phq, gad, item9


def research_phq(patient: Patient, seed: int, week: int) -> int:
    """A PHQ-9 total taken for outcome reporting, with noise that uses no simulation draws.

    Outcome series can therefore be recorded or skipped without changing the simulation itself.
    """
    noise = (hashed_uniform(seed, patient.pid, week, 1) + hashed_uniform(seed, patient.pid, week, 2) - 1.0)
    value = int(patient.phq_base * patient.rel + noise * rules.MEASUREMENT_NOISE + 0.5)
    return 0 if value < 0 else 27 if value > 27 else value


def research_gad(patient: Patient, seed: int, week: int) -> int:
    """A GAD-7 total for outcome reporting; see research_phq."""
    noise = (hashed_uniform(seed, patient.pid, week, 3) + hashed_uniform(seed, patient.pid, week, 4) - 1.0)
    value = int(patient.gad_base * patient.rel + noise * rules.MEASUREMENT_NOISE + 0.5)
    return 0 if value < 0 else 21 if value > 21 else value


def item_answers(seed: int, patient: Patient, week: int, phq_total: int, gad_total: int,
                 item9: int) -> tuple[list[int], list[int]]:
    """Item-level PHQ-9 and GAD-7 answers that add up to the given totals.

    Answers follow the patient's own symptom pattern (some items weigh more for some people) and are
    the same every time they are asked for. PHQ-9 item 9 is the answer drawn in ``measure``.
    """
    pattern = derived_rng(seed, patient.pid, 7919)
    phq_weights = [0.4 + pattern.random() for _ in range(8)]
    gad_weights = [0.4 + pattern.random() for _ in range(7)]
    draws = derived_rng(seed, patient.pid, week, phq_total, gad_total)
    phq = _spread(draws, phq_total - item9, phq_weights)
    phq.append(item9)
    return phq, _spread(draws, gad_total, gad_weights)


def _spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """``total`` points spread one at a time over items (each 0-3), in proportion to ``weights``."""
    answers = [0] * len(weights)
    total = min(total, measures.ITEM_MAX * len(weights))
    for _ in range(total):
        open_items = [i for i, answer in enumerate(answers) if answer < measures.ITEM_MAX]
        weight_sum = sum(weights[i] for i in open_items)
        draw = rng.random() * weight_sum
        chosen = open_items[-1]
        for i in open_items:
            draw -= weights[i]
            if draw < 0:
                chosen = i
                break
        answers[chosen] += 1
    return answers
