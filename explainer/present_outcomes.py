"""Words of the simulator's outcomes view: the chart, the arms table, the notes beside them and the
weekly table, made here so that docs/assets/javascripts/simulator/outcomes.js only lays them out.

The figures are explainer.outcomes' own (research-style assessments of the same synthetic panel under
each arm); this module writes them out, and reads the response threshold from explainer.measures.
"""

from __future__ import annotations

import math

from explainer import measures
from explainer.present import CHART_KEY, axes_text, number_text, percent_text, whole_percent

RATE_NAMES = {"response_rate": "Response", "remission_rate": "Remission", "lost_to_follow_up_rate": "Lost to follow-up"}
"""The outcome rates whose denominators the outcomes view spells out."""
ARM_HEADINGS = ["Arm", "Response", "Remission", "Lost to follow-up", "Contacts per patient", "Reviews per patient"]
PROCESS_HEADINGS = ["Measure", "In this run", "Range in the sources", "Source"]


def denominators_text(denominators: dict) -> str | None:
    """'What each figure counts: Response is a share of …; …', or None when no rate has one."""
    counted = [f"{label} is a share of {denominators[name]}" for name, label in RATE_NAMES.items()
               if denominators.get(name)]
    return f"What each figure counts: {'; '.join(counted)}." if counted else None


def _value(figure) -> str:
    return "—" if figure is None else number_text(figure)


def _arm_row(name: str, figures: dict) -> list[str]:
    """One row of the arms table: response, remission, lost to follow-up (count and share), care per patient."""
    lost = figures.get("lost_to_follow_up")
    return [name, percent_text(figures.get("response_rate")), percent_text(figures.get("remission_rate")),
            "—" if lost is None else f"{lost} ({percent_text(figures.get('lost_to_follow_up_rate'))})",
            _value(figures.get("contacts_per_patient")), _value(figures.get("reviews_per_patient"))]


def _chart(result: dict, mine: dict | None) -> dict:
    """The response chart: title, series (points in whole percent), axis names, description and caption."""
    arms = result["arms"]

    def points(series: list[dict]) -> list[list[int]]:
        return [[point["week"], whole_percent(point["response_rate"] or 0)] for point in series]

    series = [{"label": arm["label"], "points": points(arm["series"])} for arm in arms]
    described = "; ".join(f"{arm['label']}: {percent_text(arm['final']['response_rate'])} responding at week "
                          f"{arm['final']['week']}" for arm in arms)
    caption = ("Each reference arm is a different way of organising care for the same invented patients, run to "
               f"week {result['weeks']}")
    if mine:
        series.append({"label": f"{mine['label']} (to week {mine['up_to_week']})", "points": points(mine["series"]),
                       "own": True})
        described += (f"; {mine['label']}: {percent_text(mine['series'][-1]['response_rate'])} at week "
                      f"{mine['up_to_week']}")
        caption += (f"; {mine['label'].lower()} (the thick black line) follows your own decisions up to week "
                    f"{mine['up_to_week']}")
    counted = (arms[0]["final"].get("denominators") or {}).get("response_rate") if arms else None
    y_label = "share responding" + (f" (of {counted})" if counted else "")
    return {
        "title": f"Share of patients responding (PHQ-9 at least {whole_percent(measures.RESPONSE_DROP)}% lower) "
                 "by week, per arm",
        "series": series,
        "x_label": "week",
        "y_unit": "%",
        "axes": axes_text("week", result["weeks"], y_label, 100, "%"),
        "key": CHART_KEY,
        "description": described + ". The table below gives every figure.",
        "caption": caption + ". Illustration only, not a prediction for any clinic.",
    }


def consultant_load_text(patients: int, hours: float) -> str:
    """How many patients each consultant hour covers in this clinic (a share rounded to one decimal)."""
    if hours > 0:
        per_hour = number_text(math.floor(patients / hours * 10 + 0.5) / 10)
        return (f"Patients per consultant hour in this clinic: {per_hour} ({patients} patients, "
                f"{number_text(hours)} consultant hours a week).")
    return (f"This clinic has no consultant time: {patients} patients and 0 consultant hours a week, so no caseload "
            "review can be held.")


def _process(measured: list[dict]) -> dict | None:
    """The process-measures table: each measure's value in this run beside the range its source reports."""
    if not measured:
        return None

    def band(m: dict) -> str:
        return f"{number_text(m['band'][0])} to {number_text(m['band'][1])}" if m["band"] else "—"

    return {"caption": "Process measures of this scenario's arm, beside the range the sources report",
            "headings": PROCESS_HEADINGS,
            "rows": [{"label": m["label"], "value": _value(m["value"]), "band": band(m), "source": m["source"]}
                     for m in measured]}


def _weekly(arms: list[dict]) -> dict:
    """The table of response and remission by week, one column per reference arm."""
    def cell(point: dict) -> str:
        return f"{percent_text(point['response_rate'])} / {percent_text(point['remission_rate'])}"

    weeks = arms[0]["series"] if arms else []
    return {"summary": "Response and remission by week, every reference arm (table)",
            "caption": "Share responding and in remission by week (response / remission)",
            "headings": ["Week", *(arm["label"] for arm in arms)],
            "rows": [[str(point["week"]), *(cell(arm["series"][i]) for arm in arms)] for i, point in enumerate(weeks)]}


def outcomes_text(result: dict, patients: int, consultant_hours: float) -> dict:
    """Every sentence, caption, heading and cell of the outcomes view for an 'outcomes' result.

    ``patients`` is the size of the synthetic panel the arms ran on; ``consultant_hours`` the clinic's
    consultant hours a week.
    """
    mine = result.get("your_run")
    mine = mine if mine and mine["series"] else None
    arms = result["arms"]
    rows = [_arm_row(f"{arm['label']} (reference, week {arm['final']['week']})", arm["final"]) for arm in arms]
    if mine:
        rows.insert(0, _arm_row(f"{mine['label']} (week {mine['up_to_week']}, {mine['decisions']} of your decisions)",
                                mine["final"]))
    return {
        "chart": _chart(result, mine),
        "arms": {"caption": f"Outcomes by arm (synthetic panel of {patients}, seed {result['seed']})",
                 "headings": ARM_HEADINGS, "rows": rows},
        "your_run": (f"{mine['label']}: {mine['reviews_held']} caseload reviews held and {mine['reviews_skipped']} "
                     f"skipped up to week {mine['up_to_week']}. The reference arms do not change with your decisions."
                     if mine else None),
        "process": _process(list((result.get("process") or {}).values())),
        "consultant_load": consultant_load_text(patients, consultant_hours),
        "weekly": _weekly(arms),
    }
