"""The JSON API that the browser worker, the build hooks and the CLI all call.

One entry point, ``call(request_json) -> response_json``. A request is
``{"op": NAME, "args": {...}}``; a response is ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": "a sentence a user can act on"}``. Nothing here keeps global state:
stateful operations take and return the serialised simulation state.
"""

from __future__ import annotations

import json

from explainer import measures


class ApiError(ValueError):
    """A request the API cannot carry out; its message is shown to the user as it is."""


def op_score(args: dict) -> dict:
    """Score a PHQ-9 or GAD-7: args ``instrument`` ("PHQ-9" or "GAD-7"), ``answers``, optional ``baseline``."""
    instruments = {"PHQ-9": measures.PHQ9, "GAD-7": measures.GAD7}
    name = args.get("instrument", "PHQ-9")
    if name not in instruments:
        raise ApiError(f"Unknown questionnaire {name!r}; use one of: {', '.join(instruments)}.")
    return measures.score(instruments[name], args.get("answers"), args.get("baseline"))


def op_instruments(args: dict) -> dict:
    """Items, answer labels, bands and thresholds of both questionnaires, for forms and pages."""
    return {
        "answer_labels": list(measures.ANSWER_LABELS),
        "instruments": [
            {"name": i.name, "items": list(i.items), "bands": [list(b) for b in i.bands], "source": i.source}
            for i in (measures.PHQ9, measures.GAD7)
        ],
    }


OPERATIONS = {
    "score": op_score,
    "instruments": op_instruments,
}
"""Every operation the API offers, by name."""


def dispatch(op: str, args: dict | None = None):
    """Run one operation on Python values; raise ApiError or measures.InvalidAnswers on bad input."""
    if op not in OPERATIONS:
        raise ApiError(f"Unknown operation {op!r}.")
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise ApiError("The arguments of a request must be a JSON object.")
    return OPERATIONS[op](args)


def call(request_json: str) -> str:
    """Answer one JSON request with one JSON response; never raises for bad input."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise ApiError("A request must be a JSON object with an 'op'.")
        result = dispatch(request.get("op"), request.get("args"))
    except json.JSONDecodeError as error:
        return json.dumps({"ok": False, "error": f"The request is not valid JSON: {error.msg}."})
    except ValueError as error:
        return json.dumps({"ok": False, "error": str(error)})
    return json.dumps({"ok": True, "result": result}, separators=(",", ":"))
