"""The command line: scenarios, run, registry; bad input exits 2 with one clear line and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_scenarios_lists_ids(capsys):
    assert main(["scenarios"]) == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert "impact-like" in ids and "walkthrough" in ids


def test_run_prints_outcomes_json(capsys):
    assert main(["run", "impact-like", "--arm", "usual-care", "--seed", "3", "--weeks", "20", "--patients", "150"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["n_patients"] == 150 and outcome["arm"] == "usual-care" and outcome["weeks"] == 20
    for key in ("response_rate", "remission_rate", "lost_to_follow_up"):
        assert key in outcome


def test_registry_prints_synthetic_csv(capsys):
    assert main(["registry", "understaffed", "--week", "6", "--seed", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# SYNTHETIC DATA") and "week 6" in lines[0]
    assert lines[1].startswith("id,name,")


@pytest.mark.parametrize("argv", [
    ["run", "nope"],
    ["run", "impact-like", "--weeks", "-3"],
    ["run", "impact-like", "--patients", "99999999"],
    ["run", "impact-like", "--seed", "abc"],
    ["run", "impact-like", "--arm", "magic"],
    ["registry", "impact-like", "--week", "60"],
    ["registry", "impact-like"],
    ["fly"],
    [],
])
def test_bad_input_exits_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_module_entry_point_has_no_traceback():
    result = subprocess.run([sys.executable, "-m", "explainer", "run", "missing-scenario"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Unknown scenario" in result.stderr
