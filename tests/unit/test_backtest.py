"""Scenario outputs match the stored back-test results (regenerate with `python -m tests.unit.backtest`)."""

from __future__ import annotations

import json

from . import backtest


def test_scenarios_reproduce_stored_results():
    stored = json.loads(backtest.RESULTS.read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(backtest.generate(), sort_keys=True))
    assert fresh.keys() == stored.keys(), "scenarios were added or removed: regenerate the back-test file"
    for scenario_id in stored:
        assert fresh[scenario_id] == stored[scenario_id], (
            f"{scenario_id} no longer matches tests/unit/backtest_results.json; if the change is intended, "
            "run `python -m tests.unit.backtest` and explain it in the commit"
        )
