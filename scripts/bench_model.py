"""Throughput of the explainer's model, run the same way in CPython and in Pyodide.

``measure_model()`` times, with ``time.perf_counter``:

* ``three_arms_s``: usual care, name-only and full Collaborative Care, 1,000 synthetic patients each,
  52 weeks (the issue's goal: at most 1 s in Pyodide);
* ``week_100_ms``: one weekly step of the 100-patient IMPACT-like caseload, median of 20 steps
  (goal: at most 10 ms in Pyodide);
* ``patient_weeks_per_s``: patient-weeks simulated per second in the three-arm run;
* ``loop_baseline_s``: a fixed pure-Python loop, the same-run baseline, so that
  ``three_arms_ratio`` (three_arms_s / loop_baseline_s) can be compared across machines.

scripts/bench imports this file in CPython and runs its source inside Pyodide under Node.
"""

from __future__ import annotations

import statistics
import time

from explainer import outcomes, scenarios
from explainer.model import Simulation

ARMS = ("usual-care", "name-only", "cocm")
COHORT = 1000
WEEKS = 52
LOOP_ITERATIONS = 2_000_000


def loop_baseline() -> float:
    """Seconds for a plain loop of integer arithmetic: the cost of pure Python on this runtime."""
    start = time.perf_counter()
    total = 0
    for i in range(LOOP_ITERATIONS):
        total += i * i % 7
    elapsed = time.perf_counter() - start
    assert total > 0
    return elapsed


def measure_model() -> dict:
    """The figures listed in the module docstring, as a JSON-ready dict."""
    params = scenarios.params_for(scenarios.load("impact-like"))
    baseline = min(loop_baseline() for _ in range(3))
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for arm in ARMS:
            outcomes.run_arm(params, arm, patients=COHORT, weeks=WEEKS)
        runs.append(time.perf_counter() - start)
    three_arms = statistics.median(runs)
    sim = Simulation(params)
    steps = []
    for _ in range(20):
        start = time.perf_counter()
        sim.step()
        steps.append(time.perf_counter() - start)
    return {
        "three_arms_s": round(three_arms, 3),
        "week_100_ms": round(statistics.median(steps) * 1000, 2),
        "patient_weeks_per_s": round(len(ARMS) * COHORT * WEEKS / three_arms),
        "loop_baseline_s": round(baseline, 3),
        "three_arms_ratio": round(three_arms / baseline, 2),
    }
