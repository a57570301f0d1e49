"""The care manager's week as choices: the worklist, the hours, the calls, and what follows from them.

The care manager has the week's contact minutes from the staffing (``Simulation.contact_minutes``). The
registry lists who is due in its own order (``priority_key``): a safety follow-up first, then patients
waiting for an initial assessment, then follow-ups by the week they fell due. Each contact takes the
sourced minutes (INTAKE_MINUTES, FOLLOW_UP_MINUTES, FAILED_ATTEMPT_MINUTES: liu-2007). The care manager
works down the list; when the next call does not fit the minutes left, the week's calls end there.

A learner's ``CarePlan`` replaces the registry's choices for one week: whom to bring to the week's
caseload review (``explainer.caremanager_review``), whom to call, in which order, and whom to try again
later that week if the first call goes unanswered. Without a plan the registry's agenda and order run,
so a plain step is the same run. The worklist, the week's report and the consequences (overdue, a
missed safety follow-up, lost to follow-up, a late step-up) are in ``explainer.caremanager_report``.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer import rules
from explainer.params import ParamError
from explainer.patients import ACTIVE, Patient, parse_patient_code, patient_code

(ASSESSED, REACHED, NO_ANSWER, RETRY_REACHED, RETRY_NO_ANSWER, NOT_COVERED, RETRY_NOT_COVERED, DEFERRED,
 LEFT_CARE) = ("assessed", "reached", "no-answer", "reached-on-retry", "no-answer-again", "not-covered",
              "retry-not-covered", "deferred", "left-care")
OUTCOME_WORDS = {
    ASSESSED: "reached for the initial assessment",
    REACHED: "reached for a follow-up",
    NO_ANSWER: "did not answer",
    RETRY_REACHED: "did not answer the first call and was reached on the second try",
    RETRY_NO_ANSWER: "did not answer either call",
    NOT_COVERED: "not called: the week's hours ran out before this call",
    RETRY_NOT_COVERED: "did not answer; no time was left to try again",
    DEFERRED: "not on your list this week",
    LEFT_CARE: "left care this week before the calls",
}
"""What happened to each patient on the week's worklist, as the page says it."""

CONTACT_KINDS = (
    ("intake", "Initial assessment", "INTAKE_MINUTES"),
    ("follow-up", "Follow-up contact", "FOLLOW_UP_MINUTES"),
    ("no-answer", "A call that is not answered", "FAILED_ATTEMPT_MINUTES"),
)
"""Each kind of call, its label and the rule that gives its minutes."""

PRIORITY_WORDS = ("safety follow-up", "initial assessment", "follow-up")
"""The registry's priority groups, in the order it takes them (see ``priority_key``)."""


def priority_key(p: Patient) -> tuple[int, int, int]:
    """The registry's order for the care manager's calls: safety, then initial assessments, then the
    longest-waiting follow-ups (SAFETY_CONTACT_EVERY_WEEKS: simon-item9; OVERDUE_ACUTE_DAYS: tamu-ebc)."""
    return (0 if p.safety_since >= 0 else 1 if p.intake_week < 0 else 2, p.next_due, p.pid)


def contact_minutes(p: Patient) -> int:
    """Minutes a reached call takes: an initial assessment or a follow-up (liu-2007)."""
    return rules.INTAKE_MINUTES if p.intake_week < 0 else rules.FOLLOW_UP_MINUTES


@dataclass(frozen=True)
class CarePlan:
    """A learner's choices for one care-manager week: whom to call in order, whom to call again, and whom
    to bring to the week's review (None: the registry's agenda)."""

    contacts: tuple[int, ...]
    retry: tuple[int, ...] = ()
    review: tuple[int, ...] | None = None

    def order(self, due: list[Patient]) -> list[Patient]:
        """The due patients the learner chose, in the learner's order."""
        by_pid = {p.pid: p for p in due}
        return [by_pid[pid] for pid in self.contacts if pid in by_pid]

    def as_compact(self) -> list:
        """Short JSON form used inside share tokens: [[ids...], [retry ids...]] and, with a review list,
        [review ids...] after them."""
        calls = [list(self.contacts), list(self.retry)]
        return calls if self.review is None else [*calls, list(self.review)]

    @classmethod
    def from_compact(cls, data) -> CarePlan:
        """Rebuild from ``as_compact`` output; ParamError if the shape is wrong."""
        try:
            contacts, retry, *review = data
            if len(review) > 1:
                raise ValueError("too many parts")
            brought = tuple(int(pid) for pid in review[0]) if review else None
            return cls(tuple(int(pid) for pid in contacts), tuple(int(pid) for pid in retry), brought)
        except (TypeError, ValueError) as error:
            raise ParamError("A saved care-manager plan is damaged.") from error


def left_this_week(sim, week: int, due: list[Patient]) -> list[Patient]:
    """Patients due a call this week who left care before the calls (dropped out, or referred on at the
    review), so the week's list accounts for every patient who was due."""
    listed = {p.pid for p in due}
    return [p for p in sim.enrolled if p.status != ACTIVE and p.status_week == week and p.pid not in listed
            and (p.intake_week < 0 or p.next_due <= week)]


def check_plan(contacts, retry, due: list[Patient], left: list[Patient] = (),
               review: tuple[int, ...] | None = None) -> CarePlan | None:
    """Validate a learner's choices against the week's worklist; None when they are the registry's own.

    ``contacts`` lists patient IDs in calling order (None: the registry's order); ``retry`` lists IDs
    from ``contacts`` to call again if the first call is not answered. IDs of patients who left care this
    week (``left``) may stay on the list: the worklist shows why, and they are not called. ``review`` is
    the checked review list (``caremanager_review.check_review``).
    """
    due_ids = [p.pid for p in due]
    allowed = due_ids + [p.pid for p in left]
    chosen = due_ids if contacts is None else [pid for pid in _codes("contacts", contacts, allowed) if pid in due_ids]
    again = [] if retry is None else [pid for pid in _codes("retry", retry, allowed) if pid in due_ids]
    for pid in again:
        if pid not in chosen:
            raise ParamError(f"{patient_code(pid)} is on the list to try again but not on the list to call.")
    if chosen == due_ids and not again and review is None:
        return None
    return CarePlan(tuple(chosen), tuple(again), review)


def _codes(name: str, value, allowed: list[int]) -> list[int]:
    if not isinstance(value, list):
        raise ParamError(f"'{name}' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    out: list[int] = []
    for code in value:
        pid = parse_patient_code(code)
        if pid not in allowed:
            raise ParamError(f"{patient_code(pid)} is not on this week's worklist.")
        if pid not in out:
            out.append(pid)
    return out


def work_through(sim, week: int, log: dict, due: list[Patient], plan: CarePlan | None) -> int:
    """Make the week's calls in the plan's order (the registry's without one); return first calls made.

    Hours are never exceeded: a call is only started when a reached contact would fit the minutes left.
    The outcome for every patient on the worklist goes to ``sim.care_record`` (and, for a learner's week,
    ``sim.care_history``).
    """
    order = due if plan is None else plan.order(due)
    rand = sim.rng.random
    minutes = sim.contact_minutes
    record: list[tuple[int, str]] = []
    unanswered: dict[int, Patient] = {}
    attempted = 0
    for index, p in enumerate(order):
        cost = contact_minutes(p)
        if minutes < cost:
            record.extend((q.pid, NOT_COVERED) for q in order[index:])
            break
        attempted += 1
        if rand() >= p.reach:
            minutes -= rules.FAILED_ATTEMPT_MINUTES
            log["failed_calls"] += 1
            p.log(week, "no-answer")
            unanswered[p.pid] = p
            record.append((p.pid, NO_ANSWER))
            continue
        minutes -= cost
        record.append((p.pid, ASSESSED if p.intake_week < 0 else REACHED))
        sim.contact(p, week, log)
    if plan is not None:
        outcome = dict(record)
        for pid in plan.retry:
            p = unanswered.get(pid)
            if p is None:
                continue
            if minutes < contact_minutes(p):
                outcome[pid] = RETRY_NOT_COVERED
            elif rand() >= p.reach:
                minutes -= rules.FAILED_ATTEMPT_MINUTES
                log["failed_calls"] += 1
                p.log(week, "no-answer")
                outcome[pid] = RETRY_NO_ANSWER
            else:
                minutes -= contact_minutes(p)
                outcome[pid] = RETRY_REACHED
                sim.contact(p, week, log)
        chosen = set(plan.contacts)
        record = [(pid, outcome[pid]) for pid, _ in record]
        record.extend((p.pid, DEFERRED) for p in due if p.pid not in chosen)
        sim.care_history[week] = (record, sim.contact_minutes - minutes)
    sim.care_record = (week, record, sim.contact_minutes - minutes)
    return attempted


