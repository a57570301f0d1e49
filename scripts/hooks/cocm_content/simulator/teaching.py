"""The simulator's own rules, flags, review agenda, arms, scenarios, calibration and process measures,
as tables for the page that explains the model (docs/teach/how-the-simulator-works.md), read from the
explainer's API at build time so that the page that explains a threshold shows the value the code uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from explainer.present import FIDELITY_WORDS

from ..simlinks import SIMULATOR_PAGE, page_link
from .calls import explainer_call

if TYPE_CHECKING:
    from ..render import PageContext, Renderer

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



# Renderers -----------------------------------------------------------------------------------------

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


def render_rules(renderer: Renderer, ctx: PageContext) -> str:
    return renderer.env.get_template("simulator/rules.html.j2").render(
        groups=_rules_by_group(), bases=BASES, sources=renderer.content.sources
    )


def render_flags(renderer: Renderer, ctx: PageContext) -> str:
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
    return renderer.env.get_template("simulator/flags.html.j2").render(flags=flags, sources=renderer.content.sources)


def render_review(renderer: Renderer, ctx: PageContext) -> str:
    result = explainer_call("rules")
    tiers = result["agenda_tier_labels"]
    actions = [{"id": k, "label": v} for k, v in result["recommendations"].items()]
    return renderer.env.get_template("simulator/review.html.j2").render(tiers=tiers, actions=actions)


def render_arms(renderer: Renderer, ctx: PageContext) -> str:
    arms = explainer_call("arms")["arms"]
    switches = [s for s in FIDELITY_WORDS if any(s in a["fidelity"] for a in arms)]
    switches += [s for a in arms for s in a["fidelity"] if s not in switches]
    labels = [{"id": s, "label": FIDELITY_WORDS.get(s, s.replace("_", " "))} for s in switches]
    rows = [
        {**arm, "has": [s for s in labels if arm["fidelity"].get(s["id"])],
         "lacks": [s for s in labels if not arm["fidelity"].get(s["id"]) and s["id"] != "colocated_therapist"]}
        for arm in arms
    ]
    return renderer.env.get_template("simulator/arms.html.j2").render(arms=rows)


def render_scenarios(renderer: Renderer, ctx: PageContext) -> str:
    listing = explainer_call("scenarios")
    items = listing["scenarios"] if isinstance(listing, dict) else listing
    scenarios = [
        {**s, "sim": page_link({"scenario": s["id"], "week": s["opens_at_week"], "view": "registry"},
                               ctx.url_to(SIMULATOR_PAGE), renderer.content.scenarios)}
        for s in items
    ]
    return renderer.env.get_template("simulator/scenarios.html.j2").render(scenarios=scenarios)


def render_calibration(renderer: Renderer, ctx: PageContext) -> str:
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
    return renderer.env.get_template("simulator/calibration.html.j2").render(
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


def render_process(renderer: Renderer, ctx: PageContext) -> str:
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
    return renderer.env.get_template("simulator/process.html.j2").render(runs=runs, measures=measures)


