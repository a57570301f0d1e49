"""The memory snapshot in the built site gives the same simulator as a cold start, inside real Pyodide.

The scripted session of tests/pyodide/test_parity.py (scenarios, a stepped and decided run, registry,
patients, undo, bulk arms, outcomes, errors) is answered by a cold-started Pyodide and by one restored
from the site's snapshot, both booted through ``sim-boot.mjs`` as the page's worker boots them; every
response must match byte for byte, and CPython's too, also when the snapshot is restored from its inflated
bytes, as the service worker stores it. Two restores must also draw different random
numbers: the snapshot froze the random module's state, which the restore seeds afresh.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pyodide.test_parity import cpython_session

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("snapshot_session.mjs")


def test_a_restored_snapshot_answers_exactly_like_a_cold_start(built_site):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; scripts/test installs it to run the explainer inside Pyodide.")
    runtime = built_site / "assets" / "pyodide"
    assert list(runtime.glob("pyodide-snapshot-*.bin.gz")), "the build wrote no snapshot"
    requests, cpython = cpython_session()
    result = subprocess.run([node, str(RUNNER), str(runtime)], input=json.dumps(requests), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["snapshot"].startswith("pyodide-snapshot-314.0.7-")
    for request, cold, restored, inflated, expected in zip(requests, outcome["cold"], outcome["restored"],
                                                           outcome["restored_unpacked"], cpython, strict=True):
        assert restored == cold, f"the snapshot differs from a cold start for {request[:120]}"
        assert inflated == cold, f"the snapshot stored unpacked differs from a cold start for {request[:120]}"
        assert cold == expected, f"Pyodide differs from CPython for {request[:120]}"
    first, second = outcome["random_after_restore"]
    assert first != second, "the random module was left as the snapshot froze it"
