"""The care manager's week as choices: the worklist, the hours, the calls, and what follows from them.

The care manager has the week's contact minutes from the staffing (``Simulation.contact_minutes``). The
registry lists who is due in its own order (``priority_key``): a safety follow-up first, then patients
waiting for an initial assessment, then follow-ups by the week they fell due. Each contact takes the
sourced minutes (INTAKE_MINUTES, FOLLOW_UP_MINUTES, FAILED_ATTEMPT_MINUTES: liu-2007). The care manager
works down the list; when the next call does not fit the minutes left, the week's calls end there.

A learner's ``CarePlan`` replaces the registry's order for one week: whom to call, in which order, and
whom to try again later that week if the first call goes unanswered. Without a plan the registry's
order runs, so a plain step is the same run. The consequences (overdue, a missed safety follow-up, lost
to follow-up, a late step-up check) are read from the state by one rule each in ``consequences``.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer import rules
from explainer.params import ParamError
from explainer.patients import ACTIVE, DROPPED_OUT, Patient, parse_patient_code, patient_code
from explainer.registry import FLAG_BY_NAME, OVERDUE, flag_bits, flag_reason, step_up_week

ASSESSED, REACHED, NO_ANSWER, RETRY_REACHED, RETRY_NO_ANSWER, NOT_COVERED, RETRY_NOT_COVERED, DEFERRED = (
    "assessed", "reached", "no-answer", "reached-on-retry", "no-answer-again", "not-covered",
    "retry-not-covered", "deferred")
OUTCOME_WORDS = {
    ASSESSED: "reached for the initial assessment",
    REACHED: "reached for a follow-up",
    NO_ANSWER: "did not answer",
    RETRY_REACHED: "did not answer the first call and was reached on the second try",
    RETRY_NO_ANSWER: "did not answer either call",
    NOT_COVERED: "not called: the week's hours ran out before this call",
    RETRY_NOT_COVERED: "did not answer; no time was left to try again",
    DEFERRED: "not on your list this week",
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
    """A learner's choices for one care-manager week: whom to call in order, and whom to call again."""

    contacts: tuple[int, ...]
    retry: tuple[int, ...] = ()

    def order(self, due: list[Patient]) -> list[Patient]:
        """The due patients the learner chose, in the learner's order."""
        by_pid = {p.pid: p for p in due}
        return [by_pid[pid] for pid in self.contacts if pid in by_pid]

    def as_compact(self) -> list:
        """Short JSON form used inside share tokens: [[ids...], [retry ids...]]."""
        return [list(self.contacts), list(self.retry)]

    @classmethod
    def from_compact(cls, data) -> CarePlan:
        """Rebuild from ``as_compact`` output; ParamError if the shape is wrong."""
        try:
            contacts, retry = data
            return cls(tuple(int(pid) for pid in contacts), tuple(int(pid) for pid in retry))
        except (TypeError, ValueError) as error:
            raise ParamError("A saved care-manager plan is damaged.") from error


def check_plan(contacts, retry, due: list[Patient]) -> CarePlan | None:
    """Validate a learner's choices against the week's worklist; None when they are the registry's own.

    ``contacts`` lists patient IDs in calling order (None: the registry's order); ``retry`` lists IDs
    from ``contacts`` to call again if the first call is not answered.
    """
    due_ids = [p.pid for p in due]
    chosen = due_ids if contacts is None else _codes("contacts", contacts, due_ids)
    again = [] if retry is None else _codes("retry", retry, due_ids)
    for pid in again:
        if pid not in chosen:
            raise ParamError(f"{patient_code(pid)} is on the list to try again but not on the list to call.")
    if chosen == due_ids and not again:
        return None
    return CarePlan(tuple(chosen), tuple(again))


def _codes(name: str, value, due_ids: list[int]) -> list[int]:
    if not isinstance(value, list):
        raise ParamError(f"'{name}' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    out: list[int] = []
    for code in value:
        pid = parse_patient_code(code)
        if pid not in due_ids:
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


def due_reason(p: Patient, week: int, acute_every: int, maintenance_every: int) -> str:
    """Why the registry lists this patient this week, with the rule behind it."""
    if p.safety_since >= 0:
        return (f"Item 9 was {p.item9_last} on week {p.measured_week}: while it stays above zero the care manager "
                "checks in every week." if rules.SAFETY_CONTACT_EVERY_WEEKS == 1 else
                f"checks in every {rules.SAFETY_CONTACT_EVERY_WEEKS} weeks.")
    if p.intake_week < 0:
        waited = (week - p.enrol_week) * rules.DAYS_PER_WEEK
        return (f"Enrolled on week {p.enrol_week} ({waited} days ago); waiting for the initial assessment "
                f"(overdue after {rules.OVERDUE_ACUTE_DAYS} days).")
    every = maintenance_every if p.remission_since >= 0 else acute_every
    phase = "in remission" if p.remission_since >= 0 else "in active treatment"
    return (f"Follow-up due on week {p.next_due} ({phase}: every {every} weeks); last reached on week "
            f"{p.last_contact}.")


def _hours(minutes: float) -> str:
    whole = int(round(minutes))
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest:02d} min"


def minutes_table() -> list[dict]:
    """The minutes each kind of call takes, with the rule and its source."""
    named = rules.rules_by_name()
    return [{"kind": kind, "label": label, "minutes": named[name].value, "rule": name, "source": named[name].source}
            for kind, label, name in CONTACT_KINDS]


def worklist(sim, week: int, plan: CarePlan | None) -> dict:
    """The worklist for ``week`` (a week begun with ``Simulation.begin_week``) and the plan's hours.

    The hours left assume every call is answered (an unanswered call takes less time); the calls after
    the first that does not fit are marked as not covered, as the care manager would leave them.
    """
    due = sim.care_manager_due(week)
    order = due if plan is None else plan.order(due)
    position = {p.pid: n for n, p in enumerate(order, start=1)}
    retry = set(plan.retry) if plan else set()
    budget = sim.contact_minutes
    left = budget
    covered: set[int] = set()
    for p in order:
        if left < contact_minutes(p):
            break
        left -= contact_minutes(p)
        covered.add(p.pid)
    cadence = sim.params.cadence
    items = []
    for p in due:
        group = priority_key(p)[0]
        chosen = p.pid in position
        items.append({
            "id": p.code, "name": p.name, "group": PRIORITY_WORDS[group],
            "kind": "intake" if p.intake_week < 0 else "follow-up", "minutes": contact_minutes(p),
            "reason": due_reason(p, week, cadence.acute_every_weeks, cadence.maintenance_every_weeks),
            "chosen": chosen, "position": position.get(p.pid), "retry": p.pid in retry,
            "fits": p.pid in covered,
            "status": (("planned" if p.pid in covered else "not covered") if chosen else "left for another week"),
        })
    uncovered = [p for p in order if p.pid not in covered]
    text = (f"Week {week}: {len(due)} patients are due and the care manager has {_hours(budget)} for calls. "
            f"Your list takes {_hours(budget - left)} if everyone answers, leaving {_hours(left)}.")
    if uncovered:
        text += f" The hours run out before {len(uncovered)} of the calls on your list, from {uncovered[0].code} on."
    if len(order) < len(due):
        text += f" {len(due) - len(order)} due patients are left for another week."
    return {
        "week": week,
        "hours": {"available_minutes": budget, "planned_minutes": budget - left, "left_minutes": left,
                  "available": _hours(budget), "planned": _hours(budget - left), "left": _hours(left),
                  "text": f"{_hours(left)} of {_hours(budget)} left"},
        "minutes": minutes_table(),
        "items": items,
        "chosen_by": "registry" if plan is None else "learner",
        "summary": text,
    }


def week_report(sim) -> dict | None:
    """What the care manager did in the latest week, patient by patient, in words."""
    week, record, used = sim.care_record
    if week != sim.week:
        return None
    counts: dict[str, int] = {}
    items = []
    for pid, outcome in record:
        counts[outcome] = counts.get(outcome, 0) + 1
        p = sim.patients[pid - 1]
        items.append({"id": p.code, "name": p.name, "outcome": outcome, "text": f"{p.code}: {OUTCOME_WORDS[outcome]}."})
    reached = counts.get(ASSESSED, 0) + counts.get(REACHED, 0) + counts.get(RETRY_REACHED, 0)
    text = (f"Week {week}: the care manager reached {reached} of the {len(record)} patients on the worklist"
            f" ({'your' if week in sim.care_history else 'the registry'} order).")
    missed = counts.get(NOT_COVERED, 0) + counts.get(RETRY_NOT_COVERED, 0)
    if counts.get(NO_ANSWER, 0) + counts.get(RETRY_NO_ANSWER, 0):
        text += f" {counts.get(NO_ANSWER, 0) + counts.get(RETRY_NO_ANSWER, 0)} calls went unanswered."
    if missed:
        text += f" The hours did not cover {missed}."
    if counts.get(DEFERRED, 0):
        text += f" You left {counts[DEFERRED]} for another week."
    return {"week": week, "items": items, "counts": counts, "minutes_used": used, "summary": text}


def _deferred_weeks(sim, pid: int) -> list[int]:
    """Weeks of the learner's plans in which this patient was left off the list or not covered."""
    return [week for week, (record, _) in sim.care_history.items()
            for who, outcome in record if who == pid and outcome in (DEFERRED, NOT_COVERED, RETRY_NOT_COVERED)]


def consequences(sim) -> dict:
    """What the state shows now, one rule each: overdue, a missed safety follow-up, lost to follow-up,
    and a late step-up check. Each entry names the weeks your plans left the patient out, if any."""
    week = sim.week
    weeks = sim.params.cadence.not_improving_weeks
    out_of_touch = rules.OVERDUE_ACUTE_DAYS / rules.DAYS_PER_WEEK
    named = rules.rules_by_name()
    found: dict[str, list[dict]] = {"overdue": [], "safety_missed": [], "lost": [], "step_up_late": []}

    def add(kind: str, p: Patient, text: str, rule: str, source: str) -> None:
        skipped = _deferred_weeks(sim, p.pid)
        if skipped:
            text += f" Your plan left them out on week{'s' if len(skipped) > 1 else ''} " \
                    f"{', '.join(str(w) for w in skipped)}."
        found[kind].append({"id": p.code, "name": p.name, "text": text, "rule": rule, "source": source,
                            "your_plan_left_out": skipped})

    for p in sim.enrolled:
        if p.status == DROPPED_OUT and p.status_week >= sim.params.opens_at_week \
                and p.status_week - p.last_contact > out_of_touch:
            add("lost", p, f"{p.code} stopped taking part on week {p.status_week}, {p.status_week - p.last_contact} "
                           f"weeks after the last contact; patients out of touch drop out more often.",
                "OUT_OF_TOUCH_DROP_OUT_FACTOR", named["OUT_OF_TOUCH_DROP_OUT_FACTOR"].source)
        if p.status != ACTIVE:
            continue
        if flag_bits(p, week, weeks) & OVERDUE:
            flag = FLAG_BY_NAME["overdue"]
            rule = "OVERDUE_MAINTENANCE_DAYS" if p.intake_week >= 0 and p.remission_since >= 0 else "OVERDUE_ACUTE_DAYS"
            add("overdue", p, f"{p.code}: {flag_reason(flag, p, week, weeks)}", rule, named[rule].source)
        if p.safety_since >= 0 and p.next_due <= week and p.last_contact < week:
            add("safety_missed", p, f"{p.code} answered item 9 above zero on week {p.measured_week} and was not "
                                    f"reached for the weekly safety follow-up due on week {p.next_due}.",
                "SAFETY_CONTACT_EVERY_WEEKS", named["SAFETY_CONTACT_EVERY_WEEKS"].source)
        judged = step_up_week(p, weeks)
        if (p.intake_week >= 0 and week - p.plan_start > judged + sim.params.cadence.acute_every_weeks
                and p.measured_week - p.plan_start < judged):
            add("step_up_late", p, f"{p.code} has been on this plan since week {p.plan_start}; it was due to be "
                                   f"judged on week {p.plan_start + judged}, but no score has been taken since week "
                                   f"{p.measured_week}, so a step-up cannot be decided yet.",
                "NOT_IMPROVING_WEEKS", named["NOT_IMPROVING_WEEKS"].source)
    labels = {"overdue": "Overdue for contact", "safety_missed": "Missed safety follow-up",
              "lost": "Lost to follow-up", "step_up_late": "Step-up check late"}
    parts = [f"{len(items)} {labels[kind].lower()}" for kind, items in found.items() if items]
    return {
        "week": week,
        "groups": [{"kind": kind, "label": labels[kind], "items": items} for kind, items in found.items()],
        "summary": (f"At week {week}: " + ", ".join(parts) + ".") if parts else
                   f"At week {week}: nobody is overdue or lost, no safety follow-up was missed.",
    }
