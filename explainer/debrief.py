"""A debrief after each caseload review the learner held, and a summary across the session.

Each review the learner held (API op ``decide``) is compared, patient by patient, with the agenda the
registry would have built and with what the model's consultant would have advised, giving the reason
and the rule's source. Four points frame it: three items of the ICSI Systematic Case Review
Effectiveness Checklist (icsi-scr: an agenda that orders and prioritises the cases; time kept, with time
for new cases and follow-ups; recommendations as specific as an order), and the simulator's own running
order, which takes safety first (a suggestion, not a checklist item). Nothing here grades clinical
competence: it says what the checklist asks and where the learner's choices differed.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer import rules
from explainer.registry import ATTENTION_FLAGS, FLAGS, flag_reason
from explainer.review import ACTIONS, TIERS, Decision, advice_and_rule, tier_of

TIER_LABELS = {"safety": "safety flag", "new": "new patient", "not_improving": "not improving",
               "other": "routine check"}
"""How each agenda tier reads in the debrief."""

WORDS = {
    "note": "This compares your choices with a published checklist for systematic case review and with the "
            "simulator's consultant. It is not a judgement of clinical skill.",
    "caption": "Patient by patient: your choices and the consultant's advice",
    "columns": ["Patient", "Registry's agenda", "Your list", "What happened", "Rule and source"],
    "summary_heading": "Across your reviews",
    "differs": "(your choices differed)",
    "same": "(as the point asks)",
}
"""The debrief's fixed labels (headings, column headings, the point's status words)."""


@dataclass(frozen=True)
class ChecklistItem:
    """One point the debrief compares a review with."""

    id: str
    label: str
    asks: str
    source: str

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"id": self.id, "label": self.label, "asks": self.asks, "source": self.source}


CHECKLIST = (
    ChecklistItem("agenda", "A prioritised agenda",
                  "The checklist asks for an agenda that orders and prioritises the cases, worked from the top down.",
                  "icsi-scr"),
    ChecklistItem("safety", "Safety first",
                  "The simulator's running order takes patients with a safety flag first (this site's suggested "
                  "order, not an item of the checklist).", "simon-item9"),
    ChecklistItem("time", "Time kept",
                  "The checklist asks for a timekeeper and for time set aside for new cases and for follow-ups.",
                  "icsi-scr"),
    ChecklistItem("specific", "Recommendations specific enough to act on",
                  "The checklist asks for recommendations as specific as the order that would carry them out, "
                  "for medication and for other treatment.", "icsi-scr"),
)
"""The points of every debrief, in the order shown."""


def snapshot(sim, decision: Decision) -> dict:
    """What the review about to be held on ``sim.week``'s registry looks like before it is held."""
    agenda = sim.agenda()
    step_up = sim.params.fidelity.step_up
    registry_ids = agenda.patient_ids()
    ids = list(decision.discuss) + [pid for pid in registry_ids if pid not in decision.discuss]
    patients = {}
    for pid in ids:
        p = sim.patients[pid - 1]
        tier = tier_of(p.flags)
        action, rule = advice_and_rule(p, tier, p.flags, step_up)
        why = [flag_reason(flag, p, sim.week, sim.params.cadence.not_improving_weeks)
               for flag in FLAGS if p.flags & flag.bit & ATTENTION_FLAGS]
        patients[pid] = {"code": p.code, "name": p.name, "tier": tier, "action": action, "rule": rule, "why": why}
    return {"week": sim.week, "slots": agenda.slots, "registry": registry_ids, "escalated": list(agenda.escalated),
            "patients": patients, "discuss": list(decision.discuss), "recommend": dict(decision.recommend)}


def _action(action: str) -> str:
    return ACTIONS[action].rstrip(".").lower()


def _patient(snap: dict, pid: int) -> dict:
    info = snap["patients"][pid]
    rule = rules.rules_by_name()[info["rule"]]
    yours = snap["recommend"].get(pid)
    mine, registry = pid in snap["discuss"], pid in snap["registry"]
    label = f"{info['code']} ({TIER_LABELS[info['tier']]})"
    advised = f"the consultant would have advised: {_action(info['action'])}"
    if mine and yours:
        same = yours == info["action"]
        text = (f"{label}: you recommended to {_action(yours)}; "
                + ("the consultant would have advised the same." if same else advised + "."))
    elif mine:
        same = None
        text = (f"{label}: you discussed them and left the advice to the consultant, who advised: "
                f"{_action(info['action'])}.")
    else:
        same = None
        text = f"{label} was on the registry's agenda but not on your list; {advised}."
    if not registry and mine:
        text += " The registry would not have put them on this week's agenda."
    return {
        "id": info["code"], "name": info["name"], "tier": info["tier"], "tier_label": TIER_LABELS[info["tier"]],
        "label": f"{info['name']} ({info['code']}), {TIER_LABELS[info['tier']]}",
        "on_registry_agenda": registry, "on_your_list": mine,
        "registry_text": "yes" if registry else "no", "yours_text": "yes" if mine else "no",
        "detail": text + (" Why: " + " ".join(info["why"]) if info["why"] else ""),
        "rule_line": f"{rule.name}: {rule.explanation}",
        "yours": {"action": yours, "text": ACTIONS[yours]} if yours else None,
        "consultant": {"action": info["action"], "text": ACTIONS[info["action"]], "rule": rule.name,
                       "rule_text": rule.explanation, "source": rule.source},
        "why": info["why"], "same": same, "text": text,
    }


def _out_of_order(tiers: list[str]) -> int:
    """Pairs in a list where a lower-priority tier comes before a higher one."""
    rank = [TIERS.index(tier) for tier in tiers]
    return sum(1 for i in range(len(rank)) for j in range(i + 1, len(rank)) if rank[i] > rank[j])


def debrief_review(snap: dict, held_week: int) -> dict:
    """The debrief of one review the learner held, from its ``snapshot``."""
    tiers = {pid: info["tier"] for pid, info in snap["patients"].items()}
    yours, registry = snap["discuss"], snap["registry"]
    left_out = [pid for pid in registry if pid not in yours]
    added = [pid for pid in yours if pid not in registry]
    codes = {pid: info["code"] for pid, info in snap["patients"].items()}
    names = lambda pids: ", ".join(f"{codes[pid]} ({TIER_LABELS[tiers[pid]]})" for pid in pids)  # noqa: E731
    swaps = _out_of_order([tiers[pid] for pid in yours])
    agenda = f"The registry's agenda took {len(registry)} patients in priority order; your list took {len(yours)}."
    if left_out:
        agenda += f" Left out: {names(left_out)}."
    if added:
        agenda += f" Added: {names(added)}."
    if swaps:
        agenda += f" In {swaps} place{'s' if swaps > 1 else ''} your list put a lower-priority group first."
    safety = [pid for pid in registry if tiers[pid] == "safety"]
    safety_text = (f"{len(safety)} patient{'s' if len(safety) != 1 else ''} had a safety flag; the simulator put "
                   "them at the top of your list." if safety else "Nobody had a safety flag this week.")
    if snap["escalated"]:
        safety_text += f" {len(snap['escalated'])} more did not fit and went to the consultant the same day."
    new_waiting = [pid for pid in registry if tiers[pid] == "new"]
    new_yours = [pid for pid in yours if tiers[pid] == "new"]
    time_text = (f"The consultant had time for {snap['slots']} patients (CONSULTANT_HOURS_PER_FTE and "
                 f"CASES_PER_CONSULTANT_HOUR). You used {len(yours)} of those places; the registry would have used "
                 f"{len(registry)}. New patients: {len(new_yours)} on your list, {len(new_waiting)} on the registry's.")
    chosen = snap["recommend"]
    differ = [pid for pid, action in chosen.items() if action != snap["patients"][pid]["action"]]
    specific = (f"Each option here is one concrete step. You chose the recommendation for {len(chosen)} of the "
                f"{len(yours)} you discussed; the consultant's own advice went to the rest.")
    if differ:
        specific += f" Yours differed from the consultant's for {names(differ)}."
    items = [
        ("agenda", agenda, bool(left_out or added or swaps)),
        ("safety", safety_text, False),
        ("time", time_text, len(yours) < len(registry) or len(new_yours) < len(new_waiting)),
        ("specific", specific, bool(differ)),
    ]
    by_id = {item.id: item for item in CHECKLIST}
    return {
        "registry_week": snap["week"], "held_week": held_week, "title": f"Week {snap['week']} review",
        "heading": f"Debrief: Week {snap['week']} review (held at the start of week {held_week})",
        "checklist": [{**by_id[key].as_dict(), "finding": text, "differs": differs,
                       "status": f"{by_id[key].label} {WORDS['differs'] if differs else WORDS['same']}.",
                       "text": f"{by_id[key].asks} {text} Source:"} for key, text, differs in items],
        "patients": [_patient(snap, pid) for pid in list(yours) + left_out],
        "counts": {"discussed": len(yours), "registry_agenda": len(registry), "left_out": len(left_out),
                   "added": len(added), "recommended": len(chosen), "differed": len(differ)},
    }


def session_summary(reviews: list[dict]) -> dict:
    """Totals across every review the learner held."""
    total = {key: sum(r["counts"][key] for r in reviews) for key in
             ("discussed", "registry_agenda", "left_out", "added", "recommended", "differed")}
    differs = {item.id: sum(1 for r in reviews for c in r["checklist"] if c["id"] == item.id and c["differs"])
               for item in CHECKLIST}
    if not reviews:
        text = "You have not held a review yet: choose whom to discuss and hold the review to get a debrief."
    else:
        text = (f"You held {len(reviews)} review{'s' if len(reviews) > 1 else ''} and discussed {total['discussed']} "
                f"patients; the registry's agendas held {total['registry_agenda']}. You left out {total['left_out']} "
                f"and added {total['added']}. Of your {total['recommended']} recommendations, {total['differed']} "
                "differed from the consultant's.")
        noted = [f"{item.label.lower()}: {differs[item.id]}" for item in CHECKLIST if differs[item.id]]
        if noted:
            text += " Reviews in which your choices differed from a point of the debrief: " + "; ".join(noted) + "."
    return {"reviews": len(reviews), "totals": total, "differs_by_item": differs, "text": text}
