"""The explainer at build time: its JSON API called exactly as the browser worker calls it.

``explainer`` is installed into ``.venv`` as an editable package (``scripts/_setup.sh``), so it is
imported like any other dependency.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from explainer import api


@cache
def _explainer_json(op: str, args_json: str) -> str:
    """One API answer as JSON text, computed once per build (a measured run takes a second or two)."""
    response = json.loads(api.call(json.dumps({"op": op, "args": json.loads(args_json)})))
    if not response.get("ok"):
        raise KeyError(f"the simulator's '{op}' operation failed at build time: {response.get('error')}")
    return json.dumps(response["result"])


def explainer_call(op: str, **args: Any) -> Any:
    """The result of one explainer API operation (a fresh copy each call); KeyError if it refuses."""
    return json.loads(_explainer_json(op, json.dumps(args, sort_keys=True)))


def explainer_sources() -> dict[str, str]:
    """Source key -> what in the simulator cites it (rule and flag sources), for checks and back-links."""
    out: dict[str, str] = {}
    rules = explainer_call("rules")
    for rule in rules["rules"]:
        out.setdefault(rule["source"], f"rule {rule['name']}")
    for flag in rules["flags"]:
        out.setdefault(flag["source"], f"flag '{flag['name']}'")
    for measure in rules["process_measures"]:
        out.setdefault(measure["source"], f"process measure '{measure['name']}'")
    calibration = explainer_call("calibration")
    if calibration.get("source"):
        out.setdefault(calibration["source"], "the calibration")
    return out


def check_explainer_sources(source_keys: set[str]) -> list[str]:
    """Problems: a simulator rule, flag or calibration citing a key that content/sources.yml lacks."""
    return [
        f"explainer: {where} cites source '{key}', which is not in content/sources.yml"
        for key, where in explainer_sources().items()
        if key not in source_keys
    ]
