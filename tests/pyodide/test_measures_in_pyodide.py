"""The explainer wheel the site ships, run inside real Pyodide under Node, scores as CPython does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from explainer import api

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("pyodide_api.mjs")


def run_in_pyodide(built_site: Path, requests: list[str]) -> dict:
    """Send API requests to the explainer inside Pyodide; return the Python version and the responses."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run Pyodide outside the browser (scripts/test expects it).")
    result = subprocess.run(
        [node, str(RUNNER), str(built_site / "assets" / "pyodide")],
        input=json.dumps(requests), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_scores_match_cpython_exactly(built_site):
    requests = [json.dumps({"op": "instruments"})]
    for answers in ([0] * 9, [3] * 9, [1, 2, 3, 0, 1, 2, 3, 0, 1], [2] * 8 + [0]):
        requests.append(json.dumps({"op": "score", "args": {"answers": answers, "baseline": 20}}))
    requests.append(json.dumps({"op": "score", "args": {"instrument": "GAD-7", "answers": [1, 2, 3, 0, 1, 2, 3]}}))
    requests.append(json.dumps({"op": "score", "args": {"answers": [1] * 8}}))
    requests.append(json.dumps({"op": "score", "args": {"instrument": "BDI"}}))
    outcome = run_in_pyodide(built_site, requests)
    assert outcome["python"].startswith("3.1"), outcome["python"]
    assert outcome["responses"] == [api.call(request) for request in requests]
    assert json.loads(outcome["responses"][-1])["ok"] is False


def test_the_page_imports_the_explainer_without_compiling_it(built_site):
    """The wheel carries bytecode for Pyodide's own CPython, so the simulator starts sooner."""
    outcome = run_in_pyodide(built_site, [json.dumps({"op": "instruments"})])
    assert json.loads(outcome["responses"][0])["ok"] is True
    assert outcome["compiled_from_source"] == [], "these modules were compiled in the browser instead of loaded"
    assert outcome["installed_in"] == outcome["site_packages"]
