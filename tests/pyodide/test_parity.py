"""The explainer gives byte-identical JSON in CPython and in Pyodide's CPython, run from the source tree.

A session of API calls is first answered by CPython (tokens included); the same requests then go to
one ``Api()`` inside real Pyodide under Node, and every response must match exactly: scenario
listing, rules, the page's fixed words, a stepped and decided run with its registry, a patient's
item-level history, undo, a review debrief, a care manager's week on the learner's choices (calls,
their order and the review list), a bulk arm of 400 patients, outcomes by arm, and error messages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from explainer import api

pytestmark = pytest.mark.pyodide

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("parity.mjs")


def cpython_session() -> tuple[list[str], list[str]]:
    """Requests for a realistic session and CPython's answers, each request built from earlier answers."""
    client = api.Api()
    requests: list[str] = []
    answers: list[str] = []

    def send(op: str, **args) -> dict:
        request = json.dumps({"op": op, "args": args})
        answer = client.call(request)
        requests.append(request)
        answers.append(answer)
        return json.loads(answer)

    send("scenarios")
    send("rules")
    send("calibration")
    send("page_words")
    created = send("create", scenario="impact-like", overrides={"patients": 60, "seed": 12})["result"]
    stepped = send("step", token=created["token"], weeks=7)["result"]
    chosen = [item["id"] for item in stepped["agenda"]["items"][:3]]
    decided = send("decide", token=stepped["token"], discuss=chosen, recommend={chosen[-1]: "continue"})["result"]
    later = send("step", token=decided["token"], weeks=12)["result"]
    send("registry", token=later["token"], format="csv")
    for row in later["registry"]["rows"][:4]:
        send("patient", token=later["token"], id=row["id"], reveal=True)
    send("undo", token=later["token"])
    send("restore", token=decided["token"])
    walk = send("create", scenario="walkthrough")["result"]
    send("step", token=walk["token"], weeks=40)
    clinic = send("create", scenario="clinic")["result"]
    skipped = send("decide", token=clinic["token"], discuss=[])["result"]
    send("outcomes", token=skipped["token"], every=13)
    send("debrief", token=skipped["token"])
    worklist = send("worklist", token=clinic["token"])["result"]["worklist"]
    picked = [item["id"] for item in reversed(worklist["items"])][:25]
    send("worklist", token=clinic["token"], contacts=picked, retry=picked[:4])
    worked = send("work", token=clinic["token"], contacts=picked, retry=picked[:4])["result"]
    send("work", token=worked["token"])
    brought = send("worklist", token=clinic["token"])["result"]["review"]["chosen"][:-3]
    send("worklist", token=clinic["token"], review=brought, contacts=picked)
    both = send("work", token=clinic["token"], review=brought, contacts=picked[::-1], retry=picked[-2:])["result"]
    send("restore", token=both["token"])
    send("work", token=both["token"], review=["S-9999"])
    send("run", scenario="impact-like", arm="cocm", patients=400, seed=5)
    send("run", scenario="understaffed", arm="name-only")
    send("outcomes", scenario="co-location", every=13)
    send("step", token=created["token"][:-2] + "00")
    send("create", scenario="impact-like", overrides={"patients": -1})
    return requests, answers


def test_pyodide_answers_exactly_like_cpython():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; scripts/test installs it to run the explainer inside Pyodide.")
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        pytest.skip("node_modules/pyodide is missing; run `npm ci` (scripts/test does) to test inside Pyodide.")
    requests, expected = cpython_session()
    result = subprocess.run([node, str(RUNNER), str(ROOT)], input=json.dumps(requests), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["python"].startswith("3.1"), outcome["python"]
    assert len(outcome["responses"]) == len(expected)
    for request, mine, theirs in zip(requests, expected, outcome["responses"], strict=True):
        assert theirs == mine, f"Pyodide differs from CPython for {request[:120]}"
    assert json.loads(expected[-1])["ok"] is False and json.loads(expected[-2])["ok"] is False
