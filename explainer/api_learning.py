"""API operations for practice: the care manager's week (worklist, work) and the review debrief.

Registered in ``explainer.api.OPERATIONS``; JSON in, JSON out like the others.

* ``worklist``: args ``token``, optional ``review`` (IDs to bring to the week's review; none: the
  registry's agenda), ``contacts`` (IDs in calling order) and ``retry`` (IDs to call again if
  unanswered). The review as the care manager prepares it (who could come, who does, the review time
  used), the next week's worklist at the moment the care manager starts calling (after that review, the
  week's symptoms and new enrolments, with those who left care before the calls), the hours the choices
  take, the minutes per call with their sources, the latest week's review and calls, the consequences the
  state shows now, and the tab's labels (``words``).
* ``work``: the same arguments; runs the week with those choices (none: the registry's agenda and
  order, the same run as ``step``) and returns the usual view plus ``care_manager`` (the review and the
  calls, patient by patient, and the consequences).
* ``debrief``: args ``token``. A debrief of every review the learner held, and a session summary.
"""

from __future__ import annotations

from explainer import caremanager, caremanager_report, caremanager_review, debrief
from explainer.api import Api, ApiError, _check_args
from explainer.caremanager import CarePlan
from explainer.state import State, decode, replay

_ARGS = ("token", "review", "contacts", "retry")
BEGUN_KEPT = 2
"""Begun weeks kept per API instance (the registry's review list and the learner's latest)."""


def _begun(api: Api, args: dict):
    """The token's simulation now, the checked review list, and the simulation with its next week begun up
    to the care manager's calls on that review list (kept for reuse)."""
    token = args["token"]
    state, now = api.simulation(token)
    params = now.params
    if now.week >= params.weeks:
        raise ApiError(f"The run has reached its last week ({params.weeks}); undo or reset to plan another week.")
    if not params.fidelity.care_manager:
        raise ApiError("This arm has no care manager; switch the care manager on to plan a care manager's week.")
    if not params.fidelity.registry:
        raise ApiError("This team keeps no registry, so there is no worklist; switch the registry on to plan "
                       "the care manager's week.")
    review = args.get("review")
    if review is not None and not params.fidelity.review:
        raise ApiError("This team holds no caseload review, so there is nobody to bring to one; leave 'review' out.")
    try:
        brought = caremanager_review.check_review(review, now)
    except ValueError as error:
        raise ApiError(str(error)) from None
    key = (token, brought)
    sim = api.begun.get(key)
    if sim is None:
        sim = api.rebuild(state)
        if brought is not None:
            sim.care_plans[sim.week] = CarePlan((), (), brought)  # read by the review begin_week holds
        sim.begun_week = sim.begin_week()
        api.begun = {k: v for k, v in api.begun.items() if k[0] == token}
        while len(api.begun) >= BEGUN_KEPT:
            api.begun.pop(next(iter(api.begun)))
        api.begun[key] = sim
    return state, now, brought, sim


def _plan(sim, args: dict, brought):
    week, _ = sim.begun_week
    due = sim.care_manager_due(week)
    try:
        return caremanager.check_plan(args.get("contacts"), args.get("retry"), due,
                                      caremanager.left_this_week(sim, week, due), brought)
    except ValueError as error:
        raise ApiError(str(error)) from None


def op_worklist(api: Api, args: dict) -> dict:
    """The next week's review list and worklist, and the hours the learner's choices take (see the module
    docstring)."""
    _check_args(args, _ARGS, ("token",))
    state, now, brought, sim = _begun(api, args)
    plan = _plan(sim, args, brought)
    week, _ = sim.begun_week
    return {
        "token": args["token"],
        "review": caremanager_review.review_choices(now, brought) if now.params.fidelity.review else None,
        "worklist": caremanager_report.worklist(sim, week, plan),
        "last_week": caremanager_report.week_report(now),
        "consequences": caremanager_report.consequences(now),
        "words": caremanager_report.WORDS,
        "synthetic": True,
    }


def op_work(api: Api, args: dict) -> dict:
    """Run the next week with the learner's care-manager choices (see the module docstring)."""
    _check_args(args, _ARGS, ("token",))
    state, now, brought, sim = _begun(api, args)
    plan = _plan(sim, args, brought)
    api.begun.pop((args["token"], brought), None)
    week, log = sim.begun_week
    sim.care_plans.pop(sim.week, None)
    if plan is not None:
        sim.care_plans[sim.week] = plan
    sim.finish_week(week, log)
    result = api.view(state.with_decision(None, plan), sim, narrate=[sim.week])
    result["care_manager"] = {"week": caremanager_report.week_report(sim),
                              "consequences": caremanager_report.consequences(sim)}
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
        "words": debrief.WORDS,
        "synthetic": True,
    }


OPERATIONS = {"worklist": op_worklist, "work": op_work, "debrief": op_debrief}
"""The operations this module adds to the API."""
