"""Plain-language descriptions of the simulation, for screen readers, live regions and narration.

Every sentence here is built from the model's own records (week logs, patient events, flags), so what
is read aloud is what happened. Sentences are complete, in plain words, and say why where the model
knows why: "flagged as not improving: PHQ-9 14 to 12 ...".
"""

from __future__ import annotations

from explainer import registry
from explainer.model import Simulation
from explainer.patients import CONDITION_NAMES, STATUS_NAMES, THERAPY_NAMES, Patient
from explainer.present import count
from explainer.review import ACTIONS

FLAG_WORDS = {
    "safety": "newly flagged for safety",
    "new": "newly waiting for a first review",
    "not_improving": "newly flagged as not improving",
    "overdue": "newly overdue for follow-up",
    "response": "newly reached a response (a fall of half or more)",
    "remission": "newly reached remission",
    "relapse_plan_due": "newly due a relapse-prevention plan",
    "ready_for_discharge": "newly ready for discharge",
    "dose_review": "newly due a dose review",
    "bipolar_screen": "newly screened positive for bipolar disorder",
}
"""How a flag that fired reads after a count of patients: "3 patients newly reached remission"."""


SYNTHETIC_MARK = " (synthetic)"
"""The marker every generated name ends with; narration drops it next to the synthetic ID."""
NAMES_LISTED = 4
"""Narration names at most this many patients for one event, then says how many more."""


def _sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def timeline(patient: Patient) -> list[dict]:
    """The patient's care, oldest first, one item per thing that happened, each with a sentence.

    Kinds: enrolled, assessed, contact, measured, session, flag:NAME, reviewed, medication,
    psychotherapy, advice-not-taken, risk-assessment, relapse-plan, relapse, referred,
    referral-not-taken, direct-evaluation, escalated, no-answer, visit, discharged, dropped-out,
    returned.
    """
    items = []
    for week, kind, detail in patient.events:
        if kind == "contact":
            phq, gad, item9, session, therapy = detail
            if phq >= 0:
                items.append({"week": week, "kind": "measured",
                              "text": f"Questionnaires: PHQ-9 {phq}, GAD-7 {gad}, item 9 answered {item9}."})
                if item9 >= 1:
                    items.append({"week": week, "kind": "risk-assessment",
                                  "text": "Item 9 was above zero, so the care manager did a structured risk "
                                          "assessment the same day."})
            if session >= 0:
                items.append({"week": week, "kind": "session",
                              "text": _sentence(f"{THERAPY_NAMES[therapy]} session {session}")})
            if phq < 0 and session < 0:
                items.append({"week": week, "kind": "contact", "text": "Follow-up contact with the care manager."})
        elif kind == "flag":
            flag = registry.FLAG_BY_NAME[detail]
            items.append({"week": week, "kind": f"flag:{detail}",
                          "text": f"Registry flag: {flag.label.lower()}. {flag.meaning}"})
        elif kind == "reviewed":
            tier, action = detail
            items.append({"week": week, "kind": "reviewed",
                          "text": _sentence(f"Discussed at the caseload review ({_tier_words(tier)}); advice: "
                                            f"{ACTIONS[action].rstrip('.').lower()}")})
        else:
            items.append({"week": week, "kind": kind, "text": _sentence(_event_words(kind, detail))})
    return items


def _tier_words(tier: str) -> str:
    return {
        "safety": "safety first",
        "new": "new patient",
        "not_improving": "not improving",
        "other": "routine check",
        "from memory": "brought from memory, no registry",
    }.get(tier, tier)


def _event_words(kind: str, detail) -> str:
    """A sentence for a patient event other than contacts, flags and reviews."""
    words = {
        "enrolled": f"screened in primary care and enrolled ({detail})",
        "assessed": f"care manager's {detail}",
        "no-answer": "the care manager called but could not reach the patient",
        "medication": detail,
        "psychotherapy": detail,
        "advice-not-taken": f"the advice to {ACTIONS.get(detail, detail).rstrip('.').lower()} was not acted on",
        "relapse-plan": f"relapse-prevention plan written: {detail}",
        "relapse": "symptoms came back (a relapse)",
        "referred": f"referred: {detail}",
        "referral-not-taken": detail,
        "direct-evaluation": detail,
        "bipolar-screen": detail,
        "offer-declined": detail,
        "escalated": detail,
        "visit": "a primary-care visit",
        "discharged": f"discharged: {detail}",
        "dropped-out": f"dropped out: {detail}",
        "returned": detail,
    }
    return words.get(kind, f"{kind}: {detail}")


def week_summary(sim: Simulation, week: int | None = None) -> str:
    """What happened in one week and why, in a few sentences (defaults to the latest week)."""
    week = sim.week if week is None else week
    log = sim.logs[week]
    parts = [f"Week {week}."]
    if log["enrolled"]:
        parts.append(f"{count(log['enrolled'], 'new patient')} enrolled after screening.")
    if sim.params.fidelity.care_manager:
        reached = log["contacts"]
        text = f"The care manager reached {count(reached, 'patient')}"
        if log["assessed"]:
            text += f", {log['assessed']} of them for a first assessment"
        if log["failed_calls"]:
            text += f"; {count(log['failed_calls'], 'call')} went unanswered"
        parts.append(text + ".")
        if log["missed_follow_ups"]:
            parts.append(f"{count(log['missed_follow_ups'], 'patient')} due for contact could not be fitted into the "
                         "week's hours.")
    elif log["provider_visits"]:
        parts.append(f"{count(log['provider_visits'], 'patient')} had a primary-care visit.")
    if log["safety_checks"]:
        parts.append(f"{count(log['safety_checks'], 'patient')} answered item 9 above zero and had a structured "
                     "risk assessment the same day.")
    if log["reviewed"]:
        parts.append(f"The consultant discussed {count(log['reviewed'], 'patient')} and advised "
                     f"{count(log['advice'], 'change')}.")
    if log["escalated"]:
        parts.append(f"{count(log['escalated'], 'safety concern')} did not fit the review and went to the consultant "
                     "the same day.")
    if log["advice_adopted"] or log["advice_not_adopted"]:
        parts.append(f"The primary care provider acted on {count(log['advice_adopted'], 'medication change')}"
                     + (f" and did not act on {log['advice_not_adopted']}" if log["advice_not_adopted"] else "") + ".")
    fired = _flags_fired(sim, week)
    for name in ("safety", "bipolar_screen", "dose_review", "not_improving", "overdue", "response", "remission"):
        if fired.get(name):
            patients = fired[name]
            parts.append(f"{count(len(patients), 'patient')} {FLAG_WORDS[name]}: {_names(patients)}.")
    for key, phrase in (("relapse_plans", "wrote a relapse-prevention plan"), ("discharged", "left the caseload"),
                        ("dropped_out", "stopped taking part"), ("relapses", "relapsed"),
                        ("returned", "came back after a relapse")):
        if log[key]:
            parts.append(f"{count(log[key], 'patient')} {phrase}.")
    if len(parts) == 1:
        parts.append("Nothing changed on the caseload.")
    return " ".join(parts)


def _flags_fired(sim: Simulation, week: int) -> dict[str, list[Patient]]:
    """The patients each flag newly fired for in ``week``, in ID order."""
    fired: dict[str, list[Patient]] = {}
    for patient in sim.enrolled:
        for event_week, kind, detail in reversed(patient.events):
            if event_week < week:
                break
            if event_week == week and kind == "flag":
                fired.setdefault(detail, []).append(patient)
    for patients in fired.values():
        patients.sort(key=lambda p: p.pid)
    return fired


def registry_summary(sim: Simulation, stats: dict) -> str:
    """A screen summary of the caseload as it stands: size, flags, contact and review coverage."""
    flags = stats["flag_counts"]
    parts = [f"Week {sim.week} of {sim.params.weeks}. {count(stats['active'], 'patient')} active on the caseload"]
    if stats["discharged"] or stats["dropped_out"]:
        parts[0] += f"; {stats['discharged']} discharged and {stats['dropped_out']} dropped out"
    parts[0] += "."
    if not sim.params.fidelity.registry:
        parts.append("This team keeps no registry, so nobody sees these flags.")
    listed = [f"{flags[flag.name]} {flag.label.lower()}" for flag in registry.FLAGS if flags[flag.name]]
    if listed:
        parts.append("Flags: " + ", ".join(listed) + ".")
    if stats["contacted_share"] is not None and sim.params.fidelity.care_manager:
        parts.append(f"{round(stats['contacted_share'] * 100)}% were contacted in the last "
                     f"{stats['contact_period_weeks']} weeks.")
    if stats["response_share"] is not None:
        parts.append(f"Of the {count(stats['measured_twice'], 'active patient')} measured since enrolment, "
                     f"{round(stats['response_share'] * 100)}% are responding and "
                     f"{round(stats['remission_share'] * 100)}% are in remission (remission is not calibrated); "
                     f"the Outcomes view counts all "
                     f"{stats['enrolled']} enrolled, including those who have left, so its rates differ.")
    return " ".join(parts)


def review_summary(sim: Simulation, week: int) -> str:
    """The review held at the start of ``week``: who was discussed, who chose, and what was advised.

    A review is named after the registry week it was prepared on (the week the learner decided), so
    the review held at the start of week 9 is the "week 8 review".
    """
    if week not in sim.reviews:
        return f"No caseload review was held in week {week}."
    agenda, discussed = sim.reviews[week]
    on_agenda, flagged = sim.review_context[week]
    label = f"Week {agenda.week} review"
    flagged_text = f"{count(flagged, 'patient')} {'was' if flagged == 1 else 'were'} flagged for attention"
    if agenda.slots == 0:
        return f"{label}: the consultant had no review time, so nobody was discussed; {flagged_text}."
    if agenda.chosen_by == "learner":
        text = (f"{label}: you discussed {len(discussed)} of the {count(on_agenda, 'patient')} the registry put on "
                f"the agenda; {flagged_text}.")
    else:
        by_tier: dict[str, int] = {}
        for _, tier, _, _ in discussed:
            by_tier[tier] = by_tier.get(tier, 0) + 1
        reasons = ", ".join(f"{n} {_tier_words(tier)}" for tier, n in by_tier.items())
        text = (f"{label}: the consultant had time for {count(agenda.slots, 'patient')} and discussed "
                f"{len(discussed)}" + (f" ({reasons})" if reasons else "") + f"; {flagged_text}.")
    changes = [f"{who(sim.patients[pid - 1])}: {ACTIONS[action].rstrip('.').lower()}"
               for pid, _, action, _ in discussed if action != "continue"]
    if changes:
        text += " Advice: " + "; ".join(changes) + "."
    elif discussed:
        text += " Every plan discussed continues unchanged."
    return text


def who(patient: Patient) -> str:
    """A patient as narration names them: 'Amara B. (S-0004)' (every name on the page is synthetic)."""
    return f"{patient.name.removesuffix(SYNTHETIC_MARK)} ({patient.code})"


def _names(patients: list[Patient]) -> str:
    """Up to NAMES_LISTED patients by name, then how many more."""
    names = ", ".join(who(p) for p in patients[:NAMES_LISTED])
    more = len(patients) - NAMES_LISTED
    return names + (f" and {more} more" if more > 0 else "")


def patient_summary(sim: Simulation, patient: Patient) -> str:
    """One patient's situation in two or three sentences."""
    first, latest = registry.primary_scores(patient)
    instrument = patient.primary_instrument.name
    text = (f"{patient.name}, {patient.age}, {CONDITION_NAMES[patient.condition]}"
            + (f" with {patient.chronic_illness}" if patient.chronic_illness else "")
            + f"; {STATUS_NAMES[patient.status]} at week {sim.week}.")
    if first >= 0 and latest >= 0 and patient.measured_week > patient.enrol_week:
        text += f" {instrument} went from {first} to {latest} (latest on week {patient.measured_week})."
    elif first >= 0:
        text += f" {instrument} was {first} at enrolment and has not been measured since."
    text += " Current plan: " + registry.treatment_summary(patient) + "."
    return text
