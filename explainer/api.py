"""The JSON API that the browser worker, the build hooks and the CLI all call.

A request is ``{"op": NAME, "args": {...}}``; a response is ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": "a sentence a user can act on"}``.

State lives in tokens, not in this module. Every stateful operation takes ``args.token`` (a share
token from ``explainer.state``) and returns a new one, so a page can keep going, go back, or put
the token in a link. Two ways to call:

* ``explainer.api.call(request_json)``: stateless; each call rebuilds the simulation from its token.
* ``explainer.api.Api().call(request_json)``: the same answers, but the instance keeps the last few
  simulations keyed by token, so stepping a week does not replay the run. The browser worker uses
  the module's one ``Api`` through ``session()``; the site's snapshot build starts it with
  ``prepare_session``, which answers the page's opening request ahead.

Operations (see ``OPERATIONS``), by module: ``explainer.api_reference`` (no run needed): score,
instruments, scenarios, scenario, arms, rules, calibration, run, outcomes, page_words; ``explainer.api_runs`` (on a
token): create, step, decide, registry, patient, undo, reset, restore, state; ``explainer.api_learning``:
worklist, work, debrief. ``explainer.api_args`` holds what they share (``ApiError``, the argument check,
the size limits) and ``explainer.api_views`` builds the views they answer with. This module dispatches.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from explainer import api_reference, api_runs, api_views
from explainer.api_args import BULK_MAX_PATIENTS, INTERACTIVE_MAX_PATIENTS, OUTCOMES_MAX_PATIENT_WEEKS, ApiError
from explainer.api_args import check_args as _check_args
from explainer.model import Simulation
from explainer.state import State, decode, encode, replay

__all__ = ["BULK_MAX_PATIENTS", "INTERACTIVE_MAX_PATIENTS", "OPERATIONS", "OUTCOMES_MAX_PATIENT_WEEKS", "Api",
           "ApiError", "_check_args", "call", "canonical", "dispatch", "prepare_session", "session"]

OPERATIONS = {**api_reference.OPERATIONS, **api_runs.OPERATIONS}
"""Every operation the API offers, by name: each takes the ``Api`` and the request's arguments and returns
JSON-ready data. explainer.api_learning adds its operations to this table (at the end of this module)."""


class Api:
    """The API with a small cache of simulations keyed by token; ``call`` answers one JSON request."""

    def __init__(self, cache_size: int = 4):
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Simulation] = OrderedDict()
        self.begun: dict[tuple, Simulation] = {}
        """Simulations whose next week is begun up to the care manager's calls, by (token, review list)."""
        self.prepared: dict[str, str] = {}
        """Answers computed ahead (``prepare``), by canonical request; each is handed out once."""

    # --- simulations by token ---

    def keep(self, token: str, sim: Simulation) -> None:
        """Remember a simulation under its token (dropping the oldest beyond cache_size)."""
        if self.cache_size <= 0:
            return
        self._cache[token] = sim
        self._cache.move_to_end(token)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def rebuild(self, state: State) -> Simulation:
        """Replay a state from week 0."""
        return replay(state)

    def forget(self, token: str) -> None:
        """Drop a token's simulation from the cache, before that simulation is changed in place."""
        self._cache.pop(token, None)

    def simulation(self, token) -> tuple[State, Simulation]:
        """The state and simulation for a token, from the cache or by replaying it."""
        state = decode(token)
        sim = self._cache.get(token)
        if sim is None:
            sim = replay(state)
            self.keep(token, sim)
        return state, sim

    def view(self, state: State, sim: Simulation, narrate: list[int] | None = None) -> dict:
        """The page's picture of a run (explainer.api_views.run_view), keeping its simulation under its token."""
        token = encode(state)
        self.keep(token, sim)
        return api_views.run_view(state, sim, token, narrate)

    # --- requests ---

    def dispatch(self, op, args: dict | None = None):
        """Run one operation on Python values; raise a ValueError subclass on bad input."""
        if not isinstance(op, str) or op not in OPERATIONS:
            raise ApiError(f"Unknown operation {op!r}; known operations: {', '.join(OPERATIONS)}.")
        if args is None:
            args = {}
        if not isinstance(args, dict):
            raise ApiError("The arguments of a request must be a JSON object.")
        return OPERATIONS[op](self, args)

    def prepare(self, request_json: str) -> None:
        """Answer a request now and hold the answer for its first call: the site's snapshot build prepares
        the page's opening request, so a restored page draws its first state without running the model.
        The answer is the one ``call`` gives (the API is deterministic for a given request)."""
        self.prepared[canonical(request_json)] = self.call(request_json)

    def call(self, request_json: str) -> str:
        """Answer one JSON request with one JSON response; never raises for bad input."""
        if self.prepared:
            answer = self.prepared.pop(canonical(request_json), None)
            if answer is not None:
                return answer
        try:
            if not isinstance(request_json, (str, bytes)):
                raise ApiError("A request must be a JSON text.")
            request = json.loads(request_json)
            if not isinstance(request, dict):
                raise ApiError("A request must be a JSON object with an 'op'.")
            result = self.dispatch(request.get("op"), request.get("args"))
        except json.JSONDecodeError as error:
            return json.dumps({"ok": False, "error": f"The request is not valid JSON: {error.msg}."})
        except ValueError as error:
            return json.dumps({"ok": False, "error": str(error)})
        return json.dumps({"ok": True, "result": result}, separators=(",", ":"))


def canonical(request_json) -> str | None:
    """A request's JSON with sorted keys and no spaces, so that equal requests match; None if it is not JSON."""
    try:
        return json.dumps(json.loads(request_json), sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None


_session: Api | None = None


def prepare_session(request_json: str) -> None:
    """Start the module's session (``session``) with the answer to one request computed ahead (Api.prepare)."""
    global _session
    _session = Api()
    _session.prepare(request_json)


def session():
    """The browser worker's entry point: ``call`` of the module's one Api, started now unless prepared."""
    global _session
    if _session is None:
        _session = Api()
    return _session.call


def dispatch(op: str, args: dict | None = None):
    """Run one operation without a cache (stateless convenience)."""
    return Api(cache_size=0).dispatch(op, args)


def call(request_json: str) -> str:
    """Answer one JSON request, stateless: stateful operations rebuild their run from the token."""
    return Api(cache_size=0).call(request_json)


from explainer import api_learning  # noqa: E402  (its operations import Api, ApiError and _check_args from here)

OPERATIONS.update(api_learning.OPERATIONS)
