"""Whom the care manager brings to the week's caseload review, and what that choice costs.

The review held at the start of a week reads the registry as the week before ended (``build_agenda``).
In the care manager's week the learner prepares that agenda: by default it is the registry's own, so a
plain step is the same run; a chosen list replaces it for that one review. The review's places come from
the staffing (``Staffing.review_slots``: consultant hours, CONSULTANT_HOURS_PER_FTE: aims-pc, times cases
an hour, CASES_PER_CONSULTANT_HOUR: sdn-2015), and each patient brought takes one place. Patients with a
safety flag are always brought first, and any beyond the places go to the consultant the same day, as on
the registry's agenda (aims-pc). A patient left off is not reviewed that week, so a plan that should step
up waits (see ``late_review`` and ``caremanager.consequences``).
"""

from __future__ import annotations

from explainer.params import ParamError
from explainer.patients import Patient, patient_code
from explainer.present import TIER_WORDS
from explainer.registry import ATTENTION_FLAGS, FLAGS, NOT_IMPROVING, flag_reason
from explainer.review import TIERS, Agenda, candidates, check_decision, tier_of


def _running_order(sim) -> list[Patient]:
    """Every patient the registry would consider for the next review, in the order the review takes them."""
    tiers = candidates(sim.enrolled, sim.week, sim.params.cadence.not_improving_weeks, cached=True)
    return [p for tier in TIERS for p in tiers[tier]]


def check_review(value, sim) -> tuple[int, ...] | None:
    """The learner's list for the next review, checked against the registry at ``sim.week``.

    ``value`` lists patient IDs (None: the registry's agenda). Safety-flagged patients are added first
    and the list must fit the review's places; the result is in the review's running order, or None
    when it is the registry's own agenda.
    """
    if value is None:
        return None
    if not isinstance(value, list):
        raise ParamError("'review' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    slots = sim.params.staffing.review_slots
    checked = check_decision(value, {}, sim.enrolled, sim.week, slots, sim.params.cadence.not_improving_weeks)
    rank = {p.pid: n for n, p in enumerate(_running_order(sim))}
    ordered = tuple(sorted(checked.discuss, key=lambda pid: (rank.get(pid, len(rank)), pid)))
    return None if list(ordered) == sim.agenda().patient_ids() else ordered


def agenda_for(sim, registry_week: int, brought: tuple[int, ...]) -> Agenda:
    """The review's agenda when the care manager chose whom to bring; records who was left off."""
    registry = sim.agenda()
    agenda = Agenda(week=registry_week, slots=registry.slots, chosen_by="care manager")
    agenda.items = [(pid, tier_of(sim.patients[pid - 1].flags)) for pid in brought]
    agenda.escalated = list(registry.escalated)
    sim.care_reviews[registry_week + 1] = tuple(pid for pid in registry.patient_ids() if pid not in brought)
    return agenda


def minutes_a_case(sim) -> float:
    """Consultant minutes each patient brought takes (60 / cases an hour: CASES_PER_CONSULTANT_HOUR, sdn-2015)."""
    return 60 / sim.params.staffing.cases_per_consultant_hour


def _routine(p: Patient) -> str:
    """Why a patient with no flag for attention may still come: a routine look at how they are doing."""
    since = f"last discussed at the week {p.last_review} review" if p.last_review >= 0 else "never discussed yet"
    return f"No flag calls for attention; {since}, so a routine check is due (rule ROUTINE_REVIEW_EVERY_WEEKS)."


def review_choices(sim, brought: tuple[int, ...] | None) -> dict:
    """The next review as the care manager prepares it: who could be brought, who is, and the time used."""
    registry = sim.agenda()
    chosen = list(registry.patient_ids() if brought is None else brought)
    weeks = sim.params.cadence.not_improving_weeks
    rows = []
    seen = set()
    for p in _running_order(sim) + [sim.patients[pid - 1] for pid in chosen]:
        tier = tier_of(p.flags)
        if p.pid in seen:
            continue
        seen.add(p.pid)
        why = [flag_reason(flag, p, sim.week, weeks) for flag in FLAGS if p.flags & flag.bit & ATTENTION_FLAGS]
        rows.append({"id": p.code, "name": p.name, "tier": tier, "tier_label": TIER_WORDS[tier][0],
                     "label": f"{p.name} ({p.code}), {TIER_WORDS[tier][0].lower()}",
                     "reason": " ".join(why) or _routine(p), "chosen": p.pid in chosen,
                     "on_registry_agenda": p.pid in registry.patient_ids(), "locked": tier == "safety"})
    slots = registry.slots
    each = minutes_a_case(sim)
    total = sim.params.staffing.consultant_hours_per_week * 60
    used = len(chosen) * each
    text = (f"Review time: {len(chosen)} of {slots} places used, about {round(used)} of {round(total)} "
            f"consultant minutes ({each:.1f} minutes a patient).")
    left_off = [patient_code(pid) for pid in registry.patient_ids() if pid not in chosen]
    summary = (f"The review at the start of week {sim.week + 1} reads the registry as week {sim.week} ended. "
               + ("You bring the registry's agenda." if brought is None else
                  f"You bring {len(chosen)} patients; the registry's agenda had {len(registry.items)}."))
    if left_off:
        summary += f" Left off: {', '.join(left_off)}; they are not reviewed this week."
    if registry.escalated:
        summary += (f" {len(registry.escalated)} more with a safety flag do not fit and go to the consultant "
                    "the same day.")
    return {"week": sim.week + 1, "registry_week": sim.week, "slots": slots,
            "caption": f"Who could come to the week {sim.week + 1} review, in the review's running order",
            "chosen": [patient_code(pid) for pid in chosen],
            "chosen_by": "registry" if brought is None else "learner", "rows": rows,
            "time": {"places_used": len(chosen), "places": slots, "minutes_used": used, "minutes": total,
                     "text": text},
            "summary": summary, "safety_note": "Patients with a safety flag are always brought first; you cannot "
                                               "leave them off."}


def review_report(sim, week: int) -> str | None:
    """What the review held at the start of ``week`` did, in one or two sentences (None if none was held)."""
    held = sim.reviews.get(week)
    if held is None:
        return None
    agenda, record = held
    by = {"care manager": "your list", "learner": "the consultant's chair", "memory": "from memory"}.get(
        agenda.chosen_by, "the registry's agenda")
    text = f"The review at the start of week {week} discussed {len(record)} patients ({by})."
    left = sim.care_reviews.get(week, ())
    if agenda.chosen_by == "care manager" and left:
        text += f" Not reviewed because your list left them off: {', '.join(patient_code(pid) for pid in left)}."
    return text


def left_off_weeks(sim, pid: int) -> list[int]:
    """Weeks whose review the learner's list left this patient off, though the registry's agenda had them."""
    return [week for week, left in sim.care_reviews.items() if pid in left]


def late_review(p: Patient, week: int) -> int | None:
    """The week a still-standing 'not improving' flag was raised when no review has discussed the patient
    since (NOT_IMPROVING_WEEKS: aims-pc); None otherwise. The flag is read at the week's end, so a review
    held after it passed the patient over."""
    if not p.flags & NOT_IMPROVING:
        return None
    raised = next((w for w, kind, detail in reversed(p.events) if kind == "flag" and detail == "not_improving"), None)
    if raised is None or raised >= week or p.last_review > raised:
        return None
    return raised
