"""The care manager's week in words: the worklist, the week's calls and what the caseload shows now.

Every sentence and label the Care manager tab shows comes from here (``WORDS`` and the functions), so
the page only lays them out. The rules behind them are in ``explainer.caremanager`` (calls and hours),
``explainer.caremanager_review`` (the review list) and ``explainer.registry`` (flags).
"""

from __future__ import annotations

from explainer import caremanager_review, rules
from explainer.caremanager import (
    ASSESSED,
    CONTACT_KINDS,
    DEFERRED,
    LEFT_CARE,
    NO_ANSWER,
    NOT_COVERED,
    OUTCOME_WORDS,
    PRIORITY_WORDS,
    REACHED,
    RETRY_NO_ANSWER,
    RETRY_NOT_COVERED,
    RETRY_REACHED,
    CarePlan,
    contact_minutes,
    left_this_week,
    priority_key,
)
from explainer.patients import ACTIVE, DROPPED_OUT, Patient
from explainer.registry import FLAG_BY_NAME, OVERDUE, flag_bits, flag_reason, step_up_week

WORDS = {
    "review_heading": "Who you bring to this week's review",
    "review_columns": ["Bring", "Patient", "Why they could come"],
    "calls_heading": "Whom you call, and in which order",
    "calls_columns": ["Call", "Order", "Patient", "Why due", "Minutes", "Try again if unanswered", "This week"],
    "hours_label": "Care-manager time left:",
    "run": "Run the week with my choices",
    "default": "Back to the registry's choices",
    "minutes_heading": "Minutes per call",
    "consequences_heading": "What the caseload shows now",
    "details": "Patient by patient",
    "order_hint": "Order matters when the hours run out: move a call up to make it sooner. A call you tick again "
                  "goes to the end of your list.",
}
"""The Care manager tab's fixed labels (headings, column headings, buttons)."""

LABELS = {"overdue": "Overdue for contact", "safety_missed": "Missed safety follow-up",
          "lost": "Lost to follow-up", "step_up_late": "Step-up late"}
"""Each consequence group's heading."""


def due_reason(p: Patient, week: int, acute_every: int, maintenance_every: int) -> str:
    """Why the registry lists this patient this week, with the rule behind it."""
    if p.safety_since >= 0:
        every = ("every week" if rules.SAFETY_CONTACT_EVERY_WEEKS == 1
                 else f"every {rules.SAFETY_CONTACT_EVERY_WEEKS} weeks")
        return (f"Item 9 was {p.item9_last} on week {p.measured_week}: while it stays above zero the care manager "
                f"checks in {every}.")
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
    return [{"kind": kind, "label": label, "minutes": named[name].value, "rule": name, "source": named[name].source,
             "text": f"{label}: {named[name].value} minutes (rule {name}, source:"}
            for kind, label, name in CONTACT_KINDS]


def _left_item(p: Patient, week: int) -> dict:
    return {"id": p.code, "name": p.name, "group": "left care", "kind": None, "minutes": 0,
            "label": f"{p.name} ({p.code}), left care",
            "reason": f"Was due this week, then left care on week {week}: {p.status_reason}.",
            "chosen": False, "position": None, "position_text": "", "retry": False, "fits": False, "left": True,
            "status": "left care", "call_label": "", "retry_label": "", "up_label": "", "down_label": ""}


def worklist(sim, week: int, plan: CarePlan | None) -> dict:
    """The worklist for ``week`` (a week begun with ``Simulation.begin_week``) and the plan's hours.

    Items come in the registry's order (``position`` gives the calling order), then those who left care
    this week before the calls. The hours left
    assume every call is answered (an unanswered call takes less time); the calls after the first that
    does not fit are marked as not covered, as the care manager would leave them.
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
        group = PRIORITY_WORDS[priority_key(p)[0]]
        chosen = p.pid in position
        who = f"{p.name} ({p.code})"
        items.append({
            "id": p.code, "name": p.name, "group": group, "label": f"{who}, {group}",
            "kind": "intake" if p.intake_week < 0 else "follow-up", "minutes": contact_minutes(p),
            "reason": due_reason(p, week, cadence.acute_every_weeks, cadence.maintenance_every_weeks),
            "chosen": chosen, "position": position.get(p.pid),
            "position_text": f"{position[p.pid]} of {len(order)}" if chosen else "not on your list",
            "retry": p.pid in retry, "fits": p.pid in covered, "left": False,
            "status": (("planned" if p.pid in covered else "not covered") if chosen else "left for another week"),
            "call_label": f"Call {who} this week", "retry_label": f"Try {who} again later in the week if the call "
                                                                  "is not answered",
            "up_label": f"Call {who} earlier", "down_label": f"Call {who} later",
        })
    gone = left_this_week(sim, week, due)
    items.extend(_left_item(p, week) for p in gone)
    uncovered = [p for p in order if p.pid not in covered]
    text = (f"Week {week}: {len(due)} patients are due and the care manager has {_hours(budget)} for calls. "
            f"Your list takes {_hours(budget - left)} if everyone answers, leaving {_hours(left)}.")
    if uncovered:
        text += f" The hours run out before {len(uncovered)} of the calls on your list, from {uncovered[0].code} on."
    if len(order) < len(due):
        text += f" {len(due) - len(order)} due patients are left for another week."
    if gone:
        text += f" {len(gone)} who were due left care this week before the calls; they are listed last."
    return {
        "week": week,
        "caption": f"Worklist for week {week}, in the registry's order until you move a call",
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
    due = [sim.patients[pid - 1] for pid, _ in record]
    record = record + [(p.pid, LEFT_CARE) for p in left_this_week(sim, week, due)]
    counts: dict[str, int] = {}
    items = []
    for pid, outcome in record:
        counts[outcome] = counts.get(outcome, 0) + 1
        p = sim.patients[pid - 1]
        words = f"{OUTCOME_WORDS[outcome]} ({p.status_reason})" if outcome == LEFT_CARE else OUTCOME_WORDS[outcome]
        items.append({"id": p.code, "name": p.name, "outcome": outcome, "text": f"{p.code}: {words}."})
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
    if counts.get(LEFT_CARE, 0):
        text += f" {counts[LEFT_CARE]} left care before the calls."
    return {"week": week, "heading": f"Week {week}: the review and the calls", "items": items, "counts": counts,
            "minutes_used": used, "summary": text, "review": caremanager_review.review_report(sim, week)}


def _deferred_weeks(sim, pid: int) -> list[int]:
    """Weeks of the learner's plans in which this patient was left off the list or not covered."""
    return [week for week, (record, _) in sim.care_history.items()
            for who, outcome in record if who == pid and outcome in (DEFERRED, NOT_COVERED, RETRY_NOT_COVERED)]


def _weeks(weeks: list[int]) -> str:
    return f"week{'s' if len(weeks) > 1 else ''} {', '.join(str(w) for w in weeks)}"


def consequences(sim) -> dict:
    """What the state shows now, one rule each: overdue, a missed safety follow-up, lost to follow-up,
    and a late step-up. Each entry names the weeks your plans left the patient out, if any."""
    week = sim.week
    weeks = sim.params.cadence.not_improving_weeks
    out_of_touch = rules.OVERDUE_ACUTE_DAYS / rules.DAYS_PER_WEEK
    named = rules.rules_by_name()
    found: dict[str, list[dict]] = {kind: [] for kind in LABELS}

    def add(kind: str, p: Patient, text: str, rule: str) -> None:
        skipped = _deferred_weeks(sim, p.pid)
        off = caremanager_review.left_off_weeks(sim, p.pid)
        if skipped:
            text += f" Your plan left them off the calls on {_weeks(skipped)}."
        if off:
            text += f" Your list left them off the review on {_weeks(off)}."
        source = named[rule].source
        found[kind].append({"id": p.code, "name": p.name, "text": text, "rule": rule, "source": source,
                            "your_plan_left_out": skipped, "your_review_left_off": off,
                            "rule_text": f"{text} Rule {rule}, source:"})

    for p in sim.enrolled:
        if p.status == DROPPED_OUT and p.status_week >= sim.params.opens_at_week \
                and p.status_week - p.last_contact > out_of_touch:
            add("lost", p, f"{p.code} stopped taking part on week {p.status_week}, {p.status_week - p.last_contact} "
                           f"weeks after the last contact; patients out of touch drop out more often.",
                "OUT_OF_TOUCH_DROP_OUT_FACTOR")
        if p.status != ACTIVE:
            continue
        if flag_bits(p, week, weeks) & OVERDUE:
            flag = FLAG_BY_NAME["overdue"]
            rule = "OVERDUE_MAINTENANCE_DAYS" if p.intake_week >= 0 and p.remission_since >= 0 else "OVERDUE_ACUTE_DAYS"
            add("overdue", p, f"{p.code}: {flag_reason(flag, p, week, weeks)}", rule)
        if p.safety_since >= 0 and p.next_due <= week and p.last_contact < week:
            add("safety_missed", p, f"{p.code} answered item 9 above zero on week {p.measured_week} and was not "
                                    f"reached for the weekly safety follow-up due on week {p.next_due}.",
                "SAFETY_CONTACT_EVERY_WEEKS")
        judged = step_up_week(p, weeks)
        raised = caremanager_review.late_review(p, week)
        if raised is not None:
            add("step_up_late", p, f"{p.code}'s registry has shown 'not improving' since week {raised}, but no "
                                   f"review has discussed them since, so the plan has not stepped up.",
                "NOT_IMPROVING_WEEKS")
        elif (p.intake_week >= 0 and week - p.plan_start > judged + sim.params.cadence.acute_every_weeks
                and p.measured_week - p.plan_start < judged):
            add("step_up_late", p, f"{p.code} has been on this plan since week {p.plan_start}; it was due to be "
                                   f"judged on week {p.plan_start + judged}, but no score has been taken since week "
                                   f"{p.measured_week}, so a step-up cannot be decided yet.",
                "NOT_IMPROVING_WEEKS")
    parts = [f"{len(items)} {LABELS[kind].lower()}" for kind, items in found.items() if items]
    return {
        "week": week,
        "groups": [{"kind": kind, "label": LABELS[kind], "heading": f"{LABELS[kind]} ({len(items)})", "items": items}
                   for kind, items in found.items()],
        "summary": (f"At week {week}: " + ", ".join(parts) + ".") if parts else
                   f"At week {week}: nobody is overdue or lost, no safety follow-up was missed and no step-up waits.",
    }
