"""API operations for practice: the care manager's week (worklist, work) and the review debrief.

Registered in ``explainer.api.OPERATIONS``; JSON in, JSON out like the others.

* ``worklist``: args ``token``, optional ``contacts`` (IDs in calling order) and ``retry`` (IDs to call
  again if unanswered). The next week's worklist at the moment the care manager starts calling (after
  the review, the week's symptoms and new enrolments), the hours the choices take, the minutes per
  call with their sources, the latest week's calls, and the consequences the state shows now.
* ``work``: the same arguments; runs the week with those choices (none: the registry's order, the same
  run as ``step``) and returns the usual view plus ``care_manager`` (the calls, patient by patient, and
  the consequences).
* ``debrief``: args ``token``. A debrief of every review the learner held, and a session summary.
"""

from __future__ import annotations

from explainer import caremanager, debrief
from explainer.api import Api, ApiError, _check_args
from explainer.state import State, decode, replay


def _begun(api: Api, token: str):
    """The token's simulation with its next week begun up to the care manager's calls (kept for reuse)."""
    state = decode(token)
    sim = api.begun.get(token)
    if sim is None:
        sim = api.rebuild(state)
        params = sim.params
        if sim.week >= params.weeks:
            raise ApiError(f"The run has reached its last week ({params.weeks}); undo or reset to plan another week.")
        if not params.fidelity.care_manager:
            raise ApiError("This arm has no care manager; switch the care manager on to plan a care manager's week.")
        if not params.fidelity.registry:
            raise ApiError("This team keeps no registry, so there is no worklist; switch the registry on to plan "
                           "the care manager's week.")
        sim.begun_week = sim.begin_week()
        api.begun.clear()
        api.begun[token] = sim
    return state, sim


def _plan(sim, args: dict):
    week, _ = sim.begun_week
    try:
        return caremanager.check_plan(args.get("contacts"), args.get("retry"), sim.care_manager_due(week))
    except ValueError as error:
        raise ApiError(str(error)) from None


def op_worklist(api: Api, args: dict) -> dict:
    """The next week's worklist and the hours the learner's choices take (see the module docstring)."""
    _check_args(args, ("token", "contacts", "retry"), ("token",))
    state, sim = _begun(api, args["token"])
    plan = _plan(sim, args)
    week, _ = sim.begun_week
    _, now = api.simulation(args["token"])
    return {
        "token": args["token"],
        "worklist": caremanager.worklist(sim, week, plan),
        "last_week": caremanager.week_report(now),
        "consequences": caremanager.consequences(now),
        "synthetic": True,
    }


def op_work(api: Api, args: dict) -> dict:
    """Run the next week with the learner's care-manager choices (see the module docstring)."""
    _check_args(args, ("token", "contacts", "retry"), ("token",))
    state, sim = _begun(api, args["token"])
    plan = _plan(sim, args)
    api.begun.pop(args["token"], None)
    week, log = sim.begun_week
    if plan is not None:
        sim.care_plans[sim.week] = plan
    sim.finish_week(week, log)
    result = api.view(state.with_decision(None, plan), sim, narrate=[sim.week])
    result["care_manager"] = {"week": caremanager.week_report(sim), "consequences": caremanager.consequences(sim)}
    return result


def op_debrief(api: Api, args: dict) -> dict:
    """A debrief of every review the learner held in this run, and a session summary."""
    _check_args(args, ("token",), ("token",))
    state: State = decode(args["token"])
    decisions = dict(state.decisions)
    snaps = []

    def capture(sim) -> None:
        decision = decisions.get(sim.week)
        if decision is not None and sim.week < state.week:
            snaps.append(debrief.snapshot(sim, decision))

    replay(state, capture)
    reviews = [debrief.debrief_review(snap, snap["week"] + 1) for snap in snaps]
    return {
        "token": args["token"],
        "checklist": [item.as_dict() for item in debrief.CHECKLIST],
        "reviews": reviews,
        "latest": reviews[-1] if reviews else None,
        "summary": debrief.session_summary(reviews),
        "synthetic": True,
    }


OPERATIONS = {"worklist": op_worklist, "work": op_work, "debrief": op_debrief}
"""The operations this module adds to the API."""
