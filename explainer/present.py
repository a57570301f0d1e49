"""Words and marks the simulator page shows, made once here so that the build-time markup
(scripts/hooks/cocm_content/simulator/) and the page's own drawing (docs/assets/javascripts/simulator/)
lay out the same strings: registry cells, caseload statistics, how many rows are shown, the caseload
review's panel, chart lines, scorer notes. The outcomes view's words are in explainer.present_outcomes.

Nothing here decides anything clinical: it writes out numbers the registry and measures have already
computed, and reads every threshold it names from explainer.measures.
"""

from __future__ import annotations

import math

from explainer import measures
from explainer.patients import CONDITION_NAMES

FLAG_ICONS = {
    "safety": "⚠", "new": "★", "not_improving": "↗", "overdue": "◷", "response": "▼",
    "remission": "✓", "relapse_plan_due": "✎", "ready_for_discharge": "➜", "dose_review": "℞",
    "bipolar_screen": "◐",
}
"""A symbol beside each flag's name (the name is always written out; the symbol is decoration)."""
FLAG_ICON_OTHER = "•"
SOURCE_LEAD = "Source:"
"""The words before a flag's source link in the registry ("… Source: AIMS Center.")."""
TIER_WORDS = {
    "safety": ("Safety flag", "Safety: a positive item 9 since the last review"),
    "new": ("New patient", "New: assessed but not yet discussed with the consultant"),
    "not_improving": ("Not improving",
                      "Not improving at the step-up week, or due the six-week dose review on an antidepressant"),
    "other": ("Routine check", "Everyone else, longest since their last review first"),
}
"""Each agenda tier (explainer.review.TIERS) as (short word for the agenda table, longer description)."""
FIDELITY_WORDS = {
    "care_manager": "care manager", "registry": "registry", "measurement": "measurement on schedule",
    "review": "weekly caseload review", "step_up": "step-up when not improving",
    "colocated_therapist": "co-located therapist",
}
"""Each fidelity switch (explainer.params.Fidelity) in words, for the settings form, links and the arms table."""
STAT_NAMES = {
    "contacted_share": "Contacted", "reviewed_share": "Reviewed", "response_share": "Response",
    "remission_share": "Remission",
}
"""The caseload shares whose denominators the page spells out, by their names in the statistics."""
REGISTRY_FIRST_ROWS = 25
"""Rows the registry shows until the reader asks for all. A shorter first screen fits a projector, and
the lighter page leaves more of a two-core machine to Python's boot (scripts/bench)."""
REVIEW_WORDS = {
    "headings": ["Discuss", "Patient", "Why on the agenda", "Main score, first → latest", "Recommend"],
    "own_advice": "consultant's own advice",
    "safety_note": "Patients with a safety flag are always discussed first; you cannot take them off the agenda.",
    "hold": "Hold the review and run the week",
}
"""The caseload review panel's fixed words: the agenda's column headings, the choice that leaves the advice
to the consultant, the note on safety-flagged patients and the button that holds the review."""
CHART_KEY = "Key to the lines"
"""The name of a chart's legend, shown where its lines cannot be named at their ends."""


def number_text(value: float) -> str:
    """A number as a page writes it: 2.0 as '2', 1.5 as '1.5'."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def count(number: float, singular: str, plural: str | None = None) -> str:
    """'1 patient', '3 patients', '1.5 hours'."""
    return f"{number_text(number)} {singular if number == 1 else (plural or singular + 's')}"


def whole_percent(share: float) -> int:
    """A share (0-1) rounded half up to a whole percentage."""
    return math.floor(share * 100 + 0.5)


def percent_text(share: float | None) -> str:
    """A share (0-1) as '43%', or a dash when there is nothing to divide."""
    return "—" if share is None else f"{whole_percent(share)}%"


def axes_text(x_label: str, x_max: float, y_label: str, y_max: float, unit: str = "") -> str:
    """A chart's axes in words, for its caption: 'Horizontal axis: week 0 to 24. Vertical axis: ..., 0 to 27.'"""
    return (f"Horizontal axis: {x_label} 0 to {number_text(x_max)}. Vertical axis: {y_label}, 0{unit} to "
            f"{number_text(y_max)}{unit}.")


def score_text(first: int | None, latest: int | None, change: float | None) -> str:
    """'14 → 7 (50% lower)': first and latest questionnaire totals and the change between them."""
    if first is None:
        return "—"
    if change is None:
        return f"{first} → {latest}"
    percent = whole_percent(change)
    if percent > 0:
        return f"{first} → {latest} ({percent}% lower)"
    if percent < 0:
        return f"{first} → {latest} ({-percent}% higher)"
    return f"{first} → {latest} (no change)"


def flag_text(flag: dict) -> dict:
    """A registry flag with its symbol and the words before its source link."""
    return {**flag, "icon": FLAG_ICONS.get(flag["flag"], FLAG_ICON_OTHER), "source_lead": SOURCE_LEAD}


def with_text(row: dict) -> dict:
    """The registry row with the display strings its cells show added (keys ending in ``_text``)."""
    last_contact = row["last_contact_week"]
    chronic = row.get("chronic_illness")
    return {
        **row,
        "age_text": f"{row['age']}, {row['sex']}",
        "condition_text": CONDITION_NAMES[row["condition"]] + (f"; {chronic}" if chronic else ""),
        "weeks_text": str(row["weeks_in_treatment"]),
        "phq9_text": score_text(row["phq9_initial"], row["phq9_latest"], row["phq9_change"]),
        "gad7_text": score_text(row["gad7_initial"], row["gad7_latest"], row["gad7_change"]),
        "contacts_text": f"{row['contacts']}" + ("" if last_contact is None else f" (last: week {last_contact})"),
        "review_text": "—" if row["last_review_week"] is None else f"week {row['last_review_week']}",
        "step_text": f"{row['treatment_step']}: {row['treatment']}",
        "flags": [flag_text(flag) for flag in row["flags"]],
    }


def statistics_text(stats: dict) -> dict:
    """The caseload figures as the page lists them: ``items`` (label, shown value) and ``notes``
    (each share's denominator, "Contacted: a share of 88.")."""
    median = stats["median_weeks_in_treatment"]
    items = [
        ("Active", str(stats["active"])),
        (f"Contacted in {stats['contact_period_weeks']} weeks", percent_text(stats["contacted_share"])),
        ("Reviewed", percent_text(stats["reviewed_share"])),
        ("Response", percent_text(stats["response_share"])),
        ("Remission", percent_text(stats["remission_share"])),
        ("Median weeks in care", "—" if median is None else f"{median:g}"),
    ]
    counts = stats.get("denominators") or {}
    return {
        "items": [{"label": label, "text": text} for label, text in items],
        "notes": [f"{label}: a share of {counts[name]}." for name, label in STAT_NAMES.items() if counts.get(name)],
    }


def rows_shown_text(rows: list[dict], first: int = REGISTRY_FIRST_ROWS) -> dict:
    """How many registry rows the page lists, for every flag filter ("" is everyone): ``count``, and when
    there are more than ``first`` the words for the first rows and for all of them (caption, note, button)."""
    counts = {"": len(rows)}
    for row in rows:
        for name in dict.fromkeys(flag["flag"] for flag in row["flags"]):  # each flag once, in a fixed order
            counts[name] = counts.get(name, 0) + 1
    shown = {}
    for name, listed in counts.items():
        shown[name] = {"count": listed}
        if listed > first:
            shown[name].update({
                "caption_first": f", the first {first} shown",
                "note_first": f"The first {first} of {listed} patients are shown.",
                "note_all": f"All {listed} patients are shown.",
                "show_all": f"Show all {listed} patients",
                "show_first": f"Show the first {first} only",
            })
    return {"first": first, "by_filter": shown}


def review_note(review_held: bool, done: bool, agenda: dict | None) -> str | None:
    """Why the caseload review panel has no agenda to choose from, or None when it has one."""
    if not review_held:
        return ("This clinic holds no weekly caseload review, so nobody looks at the registry with the consultant. "
                "Switch the review on in the clinic settings to take the consultant's chair.")
    if done:
        return "The run has ended; there are no more reviews."
    if agenda is None or not agenda["items"]:
        return "Nobody is on next week's agenda. Step on a week to see who comes up."
    return None


SCORE_TEXT_KEYS = {"PHQ-9": "phq9_text", "GAD-7": "gad7_text"}
"""Which of a row's score texts each questionnaire's is."""


def primary_score_text(row: dict) -> str:
    """The row's first and latest score on its primary questionnaire, named: "GAD-7 15 → 11 (27% lower)"."""
    return f"{row['primary_measure']} {row[SCORE_TEXT_KEYS[row['primary_measure']]]}"


def agenda_text(agenda: dict | None, rows: list[dict], staffing: dict) -> dict | None:
    """The next review's agenda with the panel's words: each item's tier (``tier_label``), name
    (``label``), choice's name (``recommend_label``) and latest scores; the caption, the consultant's
    time, the safety escalations, and ``chosen_text[n]``, the line for n patients ticked."""
    if agenda is None:
        return None
    by_id = {row["id"]: row for row in rows}

    def name(code: str) -> str:
        return by_id[code]["name"] if code in by_id else code

    items = [{**item, "tier_label": TIER_WORDS.get(item["tier"], (item["tier"],))[0],
              "label": f"{name(item['id'])} ({item['id']})",
              "recommend_label": f"Recommendation for {name(item['id'])}",
              "scores_text": primary_score_text(by_id[item["id"]]) if item["id"] in by_id else "—"}
             for item in agenda["items"]]
    slots = agenda["slots"]
    hours = staffing["consultant_hours_per_week"]
    escalated = ", ".join(name(code) for code in agenda["escalated"])
    return {
        **agenda, "items": items, **REVIEW_WORDS,
        "caption": f"Agenda for the week {agenda['week']} review, in the registry's order",
        "time_text": f"Consultant time this week: {count(slots, 'patient')} ({count(hours, 'hour')} at "
                     f"{number_text(staffing['cases_per_consultant_hour'])} patients an hour). "
                     f"The registry suggests {len(items)}.",
        "escalated_text": f"Also raised with the consultant the same day (safety, beyond the review's time): "
                          f"{escalated}." if escalated else None,
        "chosen_text": [f"Chosen: {chosen} of {slots}. " + (
            f"Consultant time left for {count(slots - chosen, 'more patient')}." if chosen <= slots
            else f"That is {chosen - slots} more than the consultant has time for; untick some.")
            for chosen in range(len(items) + 1)],
    }


def tier_descriptions(tiers) -> list[dict]:
    """Each agenda tier, in order, with its longer description (for the page that explains the review)."""
    return [{"id": tier, "label": TIER_WORDS[tier][1] if tier in TIER_WORDS else tier.replace("_", " ")}
            for tier in tiers]


def measurement_text(entry: dict) -> dict:
    """One questionnaire of a patient's history with its cells as the scores table shows them:
    ``phq9_text`` ('14 (moderate), item 9: 1' when item 9 raises the safety flag) and ``gad7_text``."""
    item9 = entry["item9"]
    safety = f", item {measures.SAFETY_ITEM_INDEX + 1}: {item9}" if item9 >= measures.SAFETY_ITEM_MIN else ""
    return {**entry, "phq9_text": f"{entry['phq9']} ({entry['phq9_band']}){safety}",
            "gad7_text": f"{entry['gad7']} ({entry['gad7_band']})"}


def chart_lines(first_phq9: int | None) -> list[dict]:
    """The reference lines on a patient's PHQ-9 chart: the response level (from the first score) and
    the remission cut-off, drawn half a point below it so a score on the line is clearly outside."""
    lines = []
    if first_phq9 is not None:
        level = first_phq9 * (1 - measures.RESPONSE_DROP)
        lines.append({"value": level, "label": f"response: {whole_percent(measures.RESPONSE_DROP)}% below the "
                                                f"first PHQ-9 ({level:g})"})
    lines.append({"value": measures.REMISSION_BELOW - 0.5,
                  "label": f"remission: PHQ-9 below {measures.REMISSION_BELOW}"})
    return lines


def patient_text(patient: dict, history: list[dict], timeline: list[dict], week: int, max_total: int) -> dict:
    """The patient view's words: its heading, the chart of PHQ-9 and GAD-7 by week (title, lines, axes,
    description, caption), the table of every questionnaire, and the timeline's week labels."""
    first, last = (history[0], history[-1]) if history else (None, None)
    x_max = max(week, 4)
    y_label = "questionnaire total"
    name = patient["name"]
    return {
        "heading": f"{name} ({patient['id']})",
        "chart": {
            "title": f"PHQ-9 and GAD-7 of {name} by week",
            "series": [{"label": "PHQ-9", "points": [[m["week"], m["phq9"]] for m in history]},
                       {"label": "GAD-7", "points": [[m["week"], m["gad7"]] for m in history]}],
            "x_label": "week", "x_max": x_max,
            "axes": axes_text("week", x_max, y_label, max_total), "key": CHART_KEY,
            "description": (f"PHQ-9 went from {first['phq9']} at week {first['week']} to {last['phq9']} at week "
                            f"{last['week']}; GAD-7 from {first['gad7']} to {last['gad7']}. The table below the chart "
                            "lists every score.") if history else "No scores yet.",
            "caption": "PHQ-9 (solid) and GAD-7 (dashed) over time, with the response and remission lines. "
                       "Synthetic data.",
        },
        "scores": {"caption": f"Every questionnaire for {name} (item answers 0–3, in item order)",
                   "headings": ["Week", "Taken by", "PHQ-9", "PHQ-9 items", "GAD-7", "GAD-7 items"],
                   "rows": [[str(m["week"]), m["by"], m["phq9_text"], " ".join(map(str, m["phq9_items"])),
                             m["gad7_text"], " ".join(map(str, m["gad7_items"]))] for m in history]},
        "timeline_heading": "Contacts, reviews and treatment steps",
        "timeline_weeks": [f"Week {entry['week']}: " for entry in timeline],
    }


def score_notes(result: dict) -> dict:
    """What the PHQ-9 scorer writes under a score: a ``headline`` and ``notes`` (sentences)."""
    notes = []
    if result.get("safety_flag"):
        notes.append(f"Safety flag: item {measures.SAFETY_ITEM_INDEX + 1} is {measures.SAFETY_ITEM_MIN} or more. "
                     "In a real clinic this calls for a structured risk conversation the same day; the score "
                     "alone cannot judge risk.")
    baseline = result.get("baseline")
    drop = f"a drop of at least {whole_percent(measures.RESPONSE_DROP)}%"
    if baseline == 0:
        notes.append("The earlier total was 0, so a change cannot be given as a share of it; "
                     f"the total went from 0 to {result['total']}.")
    elif baseline is not None:
        percent = whole_percent(result["change"])
        change = f"{percent}% lower" if percent > 0 else f"{-percent}% higher" if percent < 0 else "no change"
        notes.append(f"Change from the earlier total of {baseline}: {change}.")
        notes.append(f"This counts as a response ({drop})." if result["response"]
                     else f"This is not yet a response ({drop}).")
    below = f"below {measures.REMISSION_BELOW}"
    notes.append(f"This total is in the remission range ({below})." if result["remission"]
                 else f"This total is not in the remission range ({below}).")
    return {"headline": f"Total: {result['total']} of {result['max_total']} — band: {result['band']}.", "notes": notes}
