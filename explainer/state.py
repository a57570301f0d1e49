"""Serialise and restore a whole simulation as a short, URL-safe token.

A token does not store patients. It stores what is needed to rebuild them exactly: the scenario (its
id, or the whole object if the learner imported their own), the overrides, the learner's review
decisions and the week reached. Restoring replays the run from week 0 with the same seed, which
gives the identical state because the model is deterministic.

Format: ``c1.<base64url of compact JSON>.<first 12 hex digits of its SHA-256>``. The checksum
catches a link that was cut short or edited by hand; every field is checked again on restore.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field

from explainer import scenarios
from explainer.caremanager import CarePlan
from explainer.caremanager_review import check_review
from explainer.model import Simulation
from explainer.params import ParamError, Params, check_number
from explainer.patients import patient_code
from explainer.review import Decision, check_decision

PREFIX = "c1"
"""Version tag at the start of every token; a future format gets a new tag."""
MAX_TOKEN_LENGTH = 200_000
"""Longest token accepted (an imported scenario with hand-written patients can make tokens long)."""


class StateError(ValueError):
    """A token that cannot be restored; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class State:
    """Everything that determines a simulation: scenario, overrides, decisions and week."""

    scenario: str | dict
    """A scenario id, or a whole scenario object supplied by the learner."""
    overrides: dict = field(default_factory=dict)
    decisions: tuple[tuple[int, Decision], ...] = ()
    """(registry week, decision) pairs in week order."""
    week: int = 0
    care: tuple[tuple[int, CarePlan], ...] = ()
    """(registry week, care-manager plan) pairs in week order: the learner's choices for the week after."""

    def scenario_data(self) -> dict:
        """The checked scenario this state refers to."""
        if isinstance(self.scenario, str):
            return scenarios.load(self.scenario)
        return scenarios.check_scenario(self.scenario, "imported scenario")

    def params(self) -> Params:
        """Run parameters: the scenario with the overrides applied."""
        return scenarios.params_for(self.scenario_data(), self.overrides)

    def with_week(self, week: int) -> State:
        """This state at another week, dropping decisions that belong to weeks not yet reached."""
        kept = tuple((w, d) for w, d in self.decisions if w < week)
        return State(self.scenario, self.overrides, kept, week, tuple((w, c) for w, c in self.care if w < week))

    def with_decision(self, decision: Decision | None, plan: CarePlan | None = None) -> State:
        """This state one week on, with the learner's review decision and care-manager plan for that week."""
        kept = tuple((w, d) for w, d in self.decisions if w < self.week)
        care = tuple((w, c) for w, c in self.care if w < self.week)
        return State(self.scenario, self.overrides, (*kept, *([(self.week, decision)] if decision else [])),
                     self.week + 1, (*care, *([(self.week, plan)] if plan else [])))


def encode(state: State) -> str:
    """The URL-safe token for a state."""
    body = {
        "s": state.scenario,
        "o": state.overrides,
        "d": [[week, *decision.as_compact()] for week, decision in state.decisions],
        "w": state.week,
    }
    if state.care:
        body["c"] = [[week, *plan.as_compact()] for week, plan in state.care]
    payload = json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=True).encode("ascii")
    text = base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")
    return f"{PREFIX}.{text}.{hashlib.sha256(payload).hexdigest()[:12]}"


def decode(token) -> State:
    """The state inside a token; StateError saying what is wrong with a damaged or edited one."""
    if not isinstance(token, str) or not token:
        raise StateError("A saved state must be a token string, as found in a share link.")
    if len(token) > MAX_TOKEN_LENGTH:
        raise StateError(f"This saved state is too long ({len(token)} characters; at most {MAX_TOKEN_LENGTH}).")
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise StateError("This is not a simulator link this version understands (it should start with 'c1.').")
    try:
        payload = base64.b64decode(parts[1] + "=" * (-len(parts[1]) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise StateError("This link is damaged: its state part is not valid base64.") from None
    if hashlib.sha256(payload).hexdigest()[:12] != parts[2]:
        raise StateError("This link was changed or cut short (its checksum does not match); ask for a fresh link.")
    try:
        body = json.loads(payload.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise StateError("This link is damaged: its state is not valid JSON.") from None
    if not isinstance(body, dict) or set(body) - {"c"} != {"s", "o", "d", "w"}:
        raise StateError("This link is damaged: its state does not have the expected parts.")
    scenario, overrides, decisions, week = body["s"], body["o"], body["d"], body["w"]
    if not isinstance(scenario, (str, dict)):
        raise StateError("This link is damaged: it names no scenario.")
    if not isinstance(overrides, dict):
        raise StateError("This link is damaged: its settings are not an object.")
    try:
        check_number("week", week, 0, 10_000, whole=True)
    except ParamError as error:
        raise StateError(f"This link is damaged: {error}") from None
    pairs = _by_week(decisions, week, Decision.from_compact, "review decisions", "a review decision")
    plans = _by_week(body.get("c", []), week, CarePlan.from_compact, "care-manager plans", "a care-manager plan",
                     sizes=(3, 4))
    return State(scenario, overrides, pairs, week, plans)


def _by_week(items, week: int, parse, many: str, one: str, sizes: tuple[int, ...] = (3,)) -> tuple:
    """(registry week, choice) pairs from a token's list of [week, ...compact form], checked in order;
    ``sizes`` are the lengths an item may have (a care-manager plan carries a review list or not)."""
    if not isinstance(items, list):
        raise StateError(f"This link is damaged: its {many} are not a list.")
    pairs = []
    last = -1
    for item in items:
        if (not isinstance(item, list) or len(item) not in sizes or not isinstance(item[0], int)
                or isinstance(item[0], bool)):
            raise StateError(f"This link is damaged: {one} has the wrong shape.")
        if not last < item[0] < week:
            raise StateError(f"This link is damaged: its {many} are out of order or from the future.")
        last = item[0]
        try:
            pairs.append((item[0], parse(item[1:])))
        except ParamError as error:
            raise StateError(f"This link is damaged: {error}") from None
    return tuple(pairs)


def replay(state: State, each_week=None) -> Simulation:
    """Rebuild the simulation a state describes, checking every setting and decision on the way.

    ``each_week``, if given, is called with the simulation at its first week and after every week run.
    """
    try:
        params = state.params()
    except (ParamError, scenarios.ScenarioError) as error:
        raise StateError(f"This state cannot be restored: {error}") from None
    if state.week > params.weeks:
        raise StateError(f"This state is at week {state.week} but the run lasts {params.weeks} weeks.")
    if state.week < params.opens_at_week:
        raise StateError(f"This run opens at week {params.opens_at_week}; the state's week {state.week} comes before.")
    sim = Simulation(params)
    sim.care_plans.update(state.care)
    pending = dict(state.decisions)
    if each_week:
        each_week(sim)
    while sim.week < state.week:
        decision = pending.get(sim.week)
        if decision is not None:
            apply_decision(sim, decision)
        plan = sim.care_plans.get(sim.week)
        if plan is not None and plan.review is not None:
            _check_review(sim, plan)
        sim.step()
        if each_week:
            each_week(sim)
    return sim


def _check_review(sim: Simulation, plan: CarePlan) -> None:
    """A care-manager plan's review list must fit the registry it was chosen on (StateError if not)."""
    if sim.week in sim.decisions:
        raise StateError(f"This link is damaged: week {sim.week} has both a consultant's review decision and a "
                         "care manager's review list.")
    if not sim.params.fidelity.review:
        raise StateError("This link is damaged: a care manager's review list is saved for an arm with no review.")
    try:
        checked = check_review([patient_code(pid) for pid in plan.review], sim)
    except ParamError as error:
        raise StateError(f"The care manager's review list for week {sim.week} does not fit the caseload: "
                         f"{error}") from None
    if checked != plan.review:
        raise StateError(f"This link is damaged: the care manager's review list for week {sim.week} is not in the "
                         "review's order or repeats the registry's agenda.")


def apply_decision(sim: Simulation, decision: Decision) -> Decision:
    """Check a decision against the simulation's current week and register it for the next review."""
    if not sim.params.fidelity.review:
        raise StateError("This arm holds no caseload review, so there is nothing to decide.")
    codes = [patient_code(pid) for pid in decision.discuss]
    advice = {patient_code(pid): action for pid, action in decision.recommend}
    try:
        checked = check_decision(codes, advice, sim.enrolled, sim.week, sim.params.staffing.review_slots,
                                 sim.params.cadence.not_improving_weeks)
    except ParamError as error:
        raise StateError(f"A review decision for week {sim.week} does not fit the caseload: {error}") from None
    sim.decisions[sim.week] = checked
    return checked


def fingerprint(sim: Simulation) -> dict:
    """Everything that makes up a simulation's state, as plain data, to compare two runs exactly."""
    return {
        "week": sim.week,
        "rng": list(sim.rng.getstate()[1]),
        "patients": [
            {name: getattr(p, name) for name in p.__slots__}
            for p in sim.patients
        ],
        "logs": sim.logs,
        "reviews": {week: (agenda.as_dict(), record) for week, (agenda, record) in sim.reviews.items()},
        "decisions": {week: decision.as_compact() for week, decision in sim.decisions.items()},
    }
