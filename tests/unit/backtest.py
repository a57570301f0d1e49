"""Back-test data: every scenario's outcomes under each of its arms, stored so that changes show up.

Regenerate after a deliberate model change, and say why in the commit message:

    .venv/bin/python -m tests.unit.backtest

This rewrites ``tests/unit/backtest_results.json``; ``test_backtest.py`` compares a fresh run with it.
"""

from __future__ import annotations

import json
from pathlib import Path

from explainer import outcomes, registry, scenarios
from explainer.model import Simulation

RESULTS = Path(__file__).with_name("backtest_results.json")


def generate() -> dict:
    """Outcomes by scenario and arm, plus the registry statistics at the end of each scenario's own run."""
    results = {}
    for scenario in scenarios.load_all():
        params = scenario["_params"]
        sim = Simulation(params)
        sim.run(params.weeks)
        results[scenario["id"]] = {
            "arms": {arm: outcomes.run_arm(params, arm) for arm in scenario["compare_arms"]},
            "registry_statistics": registry.caseload_statistics(sim.patients, sim.week,
                                                                params.cadence.not_improving_weeks,
                                                                params.fidelity.review),
        }
    return results


def write() -> None:
    """Store freshly generated results."""
    RESULTS.write_text(json.dumps(generate(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {RESULTS}")
