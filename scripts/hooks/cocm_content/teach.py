"""Shortcodes for the pages for supervisors and trainers (``docs/teach/``).

* ``reflective-questions``: the questions of ``content/reflective_questions.yml`` by theme, with the
  filters, session list and notes that ``docs/assets/javascripts/reflective-questions.mjs`` brings to life;
* ``workshops``: the workshop plans of ``content/workshops.yml``, as a timetable and step cards;
* ``simulator-rules``, ``simulator-flags``, ``simulator-review``, ``simulator-arms``,
  ``simulator-scenarios``, ``simulator-calibration`` and ``simulator-process``: the simulator's own
  rules, registry flags, review agenda, arms, scenarios, calibration and measured process measures,
  read from ``explainer`` through its JSON API at build time, so that the page that explains a
  threshold shows the value the code uses.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .data import PHASES, PRINCIPLES, ROLES
from .simlinks import SIMULATOR_PAGE, describe, url

if TYPE_CHECKING:
    from .render import PageContext, Renderer

ROOT = Path(__file__).resolve().parents[3]
PRINCIPLES_PAGE = "model/principles.md"
PRINCIPLE_ANCHORS = {pid: f"{n}-{pid}" for n, pid in enumerate(PRINCIPLES, start=1)}
"""Heading ids of the principles on model/principles.md ('## 1. Patient-centered team care')."""
RULE_GROUPS = {
    "measurement": "Measurement thresholds",
    "flag": "Registry flags and review",
    "cadence": "Contact cadence",
    "staffing": "Staffing and time",
    "treatment": "Treatment and the primary care provider",
    "response": "How synthetic patients respond",
    "engagement": "Engagement, drop-out and relapse",
    "panel": "The synthetic panel",
}
"""Groups of rules, in the order the page shows them, with their headings."""
BASES = ("sourced", "derived", "assumed", "calibrated")
SWITCH_NAMES = {
    "care_manager": "Care manager",
    "registry": "Registry",
    "measurement": "Scheduled measurement",
    "review": "Weekly review",
    "step_up": "Step-up",
    "colocated_therapist": "Co-located therapist",
}
TIER_NAMES = {
    "safety": "Safety: a positive item 9 since the last review",
    "new": "New: assessed but not yet discussed with the consultant",
    "not_improving": "Not improving at the step-up week, or due the six-week dose review on an antidepressant",
    "other": "Everyone else, longest since their last review first",
}
PERCENT_UNITS = ("fraction", "share", "probability")


# Values -------------------------------------------------------------------------------------------

def rule_anchor(name: str) -> str:
    """The row id of a rule in the rules tables: ``NOT_IMPROVING_WEEKS`` -> ``rule-not-improving-weeks``."""
    return "rule-" + name.lower().replace("_", "-")


def breakable(name: str) -> Markup:
    """A constant's name that may wrap after its underscores in a narrow table column."""
    return Markup("_<wbr>".join(escape(part) for part in name.split("_")))


def data_value(value: Any) -> str:
    """A rule's value as the machine-readable ``<data value>`` text: ``0.5``, ``10``, ``8,12``."""
    if isinstance(value, list | tuple):
        return ",".join(data_value(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def format_value(value: Any, unit: str) -> str:
    """A rule's value as the page shows it: ``8 to 12``, ``0.5 (50%)``, ``3``."""
    if isinstance(value, list | tuple):
        return " to ".join(format_value(v, "") for v in value)
    if isinstance(value, float) or (isinstance(value, int) and unit.startswith(PERCENT_UNITS)):
        shown = f"{value:g}"
        if unit.startswith(PERCENT_UNITS):
            shown += f" ({round(value * 100, 4):g}%)"
        return shown
    return str(value)


# The explainer, at build time ---------------------------------------------------------------------

@cache
def explainer_call(op: str, **args: Any) -> Any:
    """The result of one explainer API operation, exactly as the browser worker gets it."""
    return json.loads(_explainer_json(op, json.dumps(args, sort_keys=True)))


@cache
def _explainer_json(op: str, args_json: str) -> str:
    """One API answer as JSON text, computed once per build (a measured run takes a second or two)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from explainer import api

    response = json.loads(api.call(json.dumps({"op": op, "args": json.loads(args_json)})))
    if not response.get("ok"):
        raise KeyError(f"the simulator's '{op}' operation failed at build time: {response.get('error')}")
    return json.dumps(response["result"])


def explainer_sources() -> dict[str, str]:
    """Source key -> what in the simulator cites it (rule and flag sources), for checks and back-links."""
    out: dict[str, str] = {}
    rules = explainer_call("rules")
    for rule in rules["rules"]:
        out.setdefault(rule["source"], f"rule {rule['name']}")
    for flag in rules["flags"]:
        out.setdefault(flag["source"], f"flag '{flag['name']}'")
    for measure in rules["process_measures"]:
        out.setdefault(measure["source"], f"process measure '{measure['name']}'")
    calibration = explainer_call("calibration")
    if calibration.get("source"):
        out.setdefault(calibration["source"], "the calibration")
    return out


def check_explainer_sources(source_keys: set[str]) -> list[str]:
    """Problems: a simulator rule, flag or calibration citing a key that content/sources.yml lacks."""
    return [
        f"explainer: {where} cites source '{key}', which is not in content/sources.yml"
        for key, where in explainer_sources().items()
        if key not in source_keys
    ]


# Shortcodes ---------------------------------------------------------------------------------------

def _page_link(ctx: PageContext, target: str) -> dict[str, str]:
    path, _, anchor = target.partition("#")
    return {"url": ctx.url_to(path) + (f"#{anchor}" if anchor else ""), "title": ctx.titles.get(path, path)}


def _sim_link(renderer: Renderer, ctx: PageContext, link: dict[str, Any] | None) -> dict[str, str] | None:
    if not link:
        return None
    return {
        "url": url(link, ctx.url_to(SIMULATOR_PAGE)),
        "label": describe(link, renderer.content.scenarios),
        "query": url(link, ""),
    }


def reflective_questions(renderer: Renderer, ctx: PageContext) -> str:
    content = renderer.content
    principles_url = ctx.url_to(PRINCIPLES_PAGE)
    themes = []
    for theme in content.question_themes:
        questions = []
        for q in content.reflective_questions:
            if q["theme"] != theme["id"]:
                continue
            questions.append({
                **q,
                "role_labels": [ROLES[r] for r in q["roles"]],
                "principle_label": PRINCIPLES[q["principle"]],
                "principle_url": f"{principles_url}#{PRINCIPLE_ANCHORS[q['principle']]}",
                "read": _page_link(ctx, q["page"]),
                "sim": _sim_link(renderer, ctx, q.get("simulator")),
            })
        themes.append({**theme, "questions": questions})
    return renderer.env.get_template("reflective_questions.html.j2").render(
        themes=themes, roles=ROLES, total=len(content.reflective_questions)
    )


def workshops(renderer: Renderer, ctx: PageContext) -> str:
    myths_url = ctx.url_to("misconceptions.md")
    claims = {m["id"]: m["claim"] for m in renderer.content.misconceptions}
    plans = []
    for plan in renderer.content.workshops:
        clock = 0
        steps = []
        for number, step in enumerate(plan["steps"], start=1):
            steps.append({
                **step,
                "number": number,
                "start": clock,
                "end": clock + step["minutes"],
                "phase_label": PHASES[step["phase"]],
                "sim": _sim_link(renderer, ctx, step.get("simulator")),
                "myths": [
                    {"claim": claims[m], "url": f"{myths_url}#myth-{m}"} for m in step.get("misconceptions") or []
                ],
            })
            clock += step["minutes"]
        plans.append({**plan, "steps": steps, "total": clock})
    return renderer.env.get_template("workshops.html.j2").render(plans=plans)


def _rules_by_group() -> list[dict[str, Any]]:
    rules = explainer_call("rules")["rules"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for rule in rules:
        groups.setdefault(rule["group"], []).append({
            **rule,
            "anchor": rule_anchor(rule["name"]),
            "name_html": breakable(rule["name"]),
            "data": data_value(rule["value"]),
            "shown": format_value(rule["value"], rule["unit"]),
        })
    order = [g for g in RULE_GROUPS if g in groups] + [g for g in groups if g not in RULE_GROUPS]
    return [{"id": g, "title": RULE_GROUPS.get(g, g.replace("_", " ").capitalize()), "rules": groups[g]}
            for g in order]


def simulator_rules(renderer: Renderer, ctx: PageContext) -> str:
    return renderer.env.get_template("simulator_rules.html.j2").render(
        groups=_rules_by_group(), bases=BASES, sources=renderer.content.sources
    )


def simulator_flags(renderer: Renderer, ctx: PageContext) -> str:
    result = explainer_call("rules")
    named = {r["name"]: r for r in result["rules"]}
    flags = []
    for flag in result["flags"]:
        flags.append({
            **flag,
            "thresholds": [
                {"name": name, "anchor": rule_anchor(name), "data": data_value(value),
                 "shown": format_value(value, named[name]["unit"] if name in named else ""),
                 "unit": named[name]["unit"] if name in named else ""}
                for name, value in flag["constants"].items()
            ],
        })
    return renderer.env.get_template("simulator_flags.html.j2").render(flags=flags, sources=renderer.content.sources)


def simulator_review(renderer: Renderer, ctx: PageContext) -> str:
    result = explainer_call("rules")
    tiers = [{"id": t, "label": TIER_NAMES.get(t, t.replace("_", " "))} for t in result["agenda_tiers"]]
    actions = [{"id": k, "label": v} for k, v in result["recommendations"].items()]
    return renderer.env.get_template("simulator_review.html.j2").render(tiers=tiers, actions=actions)


def simulator_arms(renderer: Renderer, ctx: PageContext) -> str:
    arms = explainer_call("arms")["arms"]
    switches = [s for s in SWITCH_NAMES if any(s in a["fidelity"] for a in arms)]
    switches += [s for a in arms for s in a["fidelity"] if s not in switches]
    labels = [{"id": s, "label": SWITCH_NAMES.get(s, s.replace("_", " ")).lower()} for s in switches]
    rows = [
        {**arm, "has": [s for s in labels if arm["fidelity"].get(s["id"])],
         "lacks": [s for s in labels if not arm["fidelity"].get(s["id"]) and s["id"] != "colocated_therapist"]}
        for arm in arms
    ]
    return renderer.env.get_template("simulator_arms.html.j2").render(arms=rows)


def simulator_scenarios(renderer: Renderer, ctx: PageContext) -> str:
    listing = explainer_call("scenarios")
    items = listing["scenarios"] if isinstance(listing, dict) else listing
    scenarios = [
        {**s, "sim": _sim_link(renderer, ctx, {"scenario": s["id"], "week": s["opens_at_week"], "view": "registry"})}
        for s in items
    ]
    return renderer.env.get_template("simulator_scenarios.html.j2").render(scenarios=scenarios)


def simulator_calibration(renderer: Renderer, ctx: PageContext) -> str:
    calibration = explainer_call("calibration")
    named = {r["name"]: r for r in explainer_call("rules")["rules"]}
    constants = [
        {"name": n, "anchor": rule_anchor(n), "shown": format_value(named[n]["value"], named[n]["unit"]),
         "unit": named[n]["unit"], "explanation": named[n]["explanation"]}
        for n in calibration.get("calibrated_constants", []) if n in named
    ]
    targets = [
        {"arm": arm, "rate": t["response_rate"], "low": t["band"][0], "high": t["band"][1]}
        for arm, t in calibration.get("targets", {}).items()
    ]
    return renderer.env.get_template("simulator_calibration.html.j2").render(
        c=calibration, constants=constants, targets=targets
    )


PROCESS_RUNS = (("impact-like", 3000), ("clinic", None))
"""The runs the process-measure table is measured on: (scenario, cohort size or None for the scenario's own)."""


def _shown_measure(name: str, value: Any) -> str:
    """A process measure as the table shows it: a percentage, a count or a number per patient."""
    if value is None:
        return "none yet"
    if name.endswith("_share"):
        return f"{round(value * 100)}%"
    return f"{value:g}"


def simulator_process(renderer: Renderer, ctx: PageContext) -> str:
    runs = []
    for scenario, patients in PROCESS_RUNS:
        args = {"scenario": scenario, **({"patients": patients} if patients else {})}
        result = explainer_call("run", **args)
        runs.append({"scenario": scenario, "patients": result["n_patients"], "seed": result["seed"],
                     "weeks": result["weeks"], "process": result["process"],
                     "response": _shown_measure("response_share", result["response_rate"]),
                     "remission": _shown_measure("remission_share", result["remission_rate"]),
                     "remission_note": result["remission_note"]})
    measures = [
        {**m, "band_shown": None if m["band"] is None else
         " to ".join(_shown_measure(m["name"], edge) for edge in m["band"]),
         "values": [_shown_measure(m["name"], run["process"][m["name"]]["value"]) for run in runs]}
        for m in explainer_call("rules")["process_measures"]
    ]
    return renderer.env.get_template("simulator_process.html.j2").render(runs=runs, measures=measures)


SHORTCODES = {
    "reflective-questions": reflective_questions,
    "workshops": workshops,
    "simulator-rules": simulator_rules,
    "simulator-flags": simulator_flags,
    "simulator-review": simulator_review,
    "simulator-arms": simulator_arms,
    "simulator-scenarios": simulator_scenarios,
    "simulator-calibration": simulator_calibration,
    "simulator-process": simulator_process,
}
"""Every shortcode this module renders, by name."""
EXPLAINER_SHORTCODES = tuple(name for name in SHORTCODES if name.startswith("simulator-"))
"""Shortcodes that show the simulator's own constants (their sources are cited by the explainer)."""
