"""The simulator page's interactive parts: the app (controls, views and the default scenario's
registry drawn at build time, so a real registry shows before Python has loaded) and the PHQ-9
scorer. Every word and number comes from the explainer's API, the same code the browser runs in
Pyodide; docs/assets/javascripts/simulator/ brings the markup to life.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from explainer import measures, scenarios
from explainer.present import FIDELITY_WORDS, REGISTRY_FIRST_ROWS, whole_percent

from ..simlinks import PARAMS, VIEW_NAMES, link_table
from .calls import explainer_call

if TYPE_CHECKING:
    from ..render import PageContext, Renderer

BIBLIOGRAPHY_PAGE = "reference/bibliography.md"
DEFAULT_SCENARIO = "clinic"
"""The scenario the simulator opens with, and whose registry is drawn into the page at build time."""
WALKTHROUGH_SCENARIO = "walkthrough"
REGISTRY_COLUMNS = (
    ("id", "Patient"), ("age", "Age, sex"), ("condition", "Condition"), ("status", "Status"),
    ("weeks", "Weeks in care"), ("phq9", "PHQ-9 first → latest"), ("gad7", "GAD-7 first → latest"),
    ("contacts", "Contacts"), ("review", "Last review"), ("step", "Treatment step"), ("flags", "Flags"),
)
"""Registry columns as (sort key, heading); registry.js draws the same columns."""
WALKTHROUGH_PROMPTS = {
    "flag:not_improving": (
        "Her plan has had weeks to work. Will the registry flag her, and why?",
        "What would have happened to her without a registry that compares each score with the first one?"),
    "reviewed": (
        "She is on the consultant's agenda. What will the consultant suggest?",
        "The consultant never met her. What made the advice possible anyway?"),
    "flag:response": (
        f"Will her PHQ-9 fall by {whole_percent(measures.RESPONSE_DROP)}% or more, and how soon?",
        "Which change made the difference: the medicine, the activation, or the follow-up around both?"),
    "flag:remission": (
        f"When will her score fall below {measures.REMISSION_BELOW}, and what changes for her then?",
        "Why does the contact rhythm slow down once she is in remission?"),
    "relapse-plan": (
        "What goes into a relapse-prevention plan?",
        "Which warning signs would you want her to notice first?"),
    "flag:ready_for_discharge": (
        "What has to be true before she leaves the programme?",
        "What does her primary care provider need to know at discharge?"),
    "discharged": (
        "Who looks after her depression after discharge?",
        "Looking back over the episode, which step of the workflow mattered most?"),
}
"""Predict-and-reflect prompts for the guided walkthrough, by the scripted event of each step."""


def walkthrough_steps() -> list[dict]:
    """The walkthrough scenario's scripted notes grouped into steps by week, with prompts."""
    script = scenarios.load(WALKTHROUGH_SCENARIO)["script"]
    steps: list[dict] = []
    for entry in script:
        if steps and steps[-1]["week"] == entry["week"]:
            steps[-1]["notes"].append(entry["note"])
            steps[-1]["events"].append(entry["event"])
        else:
            steps.append({"week": entry["week"], "notes": [entry["note"]], "events": [entry["event"]]})
    for step in steps:
        prompts = [WALKTHROUGH_PROMPTS[event] for event in step["events"] if event in WALKTHROUGH_PROMPTS]
        step["predict"], step["reflect"] = prompts[0] if prompts else (None, None)
    return steps


def render_phq9_scorer(renderer: Renderer, ctx: PageContext) -> str:
    """The PHQ-9 form: nine items with the four answers, wording and bands from explainer.measures."""
    instruments = explainer_call("instruments")
    phq9 = next(i for i in instruments["instruments"] if i["name"] == "PHQ-9")
    return renderer.env.get_template("simulator/phq9_scorer.html.j2").render(
        instrument=phq9, answer_labels=instruments["answer_labels"], max_total=measures.PHQ9.max_total,
    )


def render_app(renderer: Renderer, ctx: PageContext) -> str:
    """The simulator: controls, views, and the default scenario's registry drawn at build time."""
    view = explainer_call("create", scenario=DEFAULT_SCENARIO)
    model_rules = explainer_call("rules")
    cited = {item.get("source") for group in ("flags", "rules", "process_measures") for item in model_rules[group]}
    sources = {key: entry.get("short") or entry["title"]
               for key, entry in renderer.content.sources.items() if key in cited}
    walkthrough = explainer_call("create", scenario=WALKTHROUGH_SCENARIO)
    bibliography_url = ctx.url_to(BIBLIOGRAPHY_PAGE)
    scenario_list = explainer_call("scenarios")["scenarios"]
    words = explainer_call("page_words")
    config = {
        "defaultScenario": DEFAULT_SCENARIO,
        "walkthroughScenario": WALKTHROUGH_SCENARIO,
        "registryFirstRows": REGISTRY_FIRST_ROWS,
        "bibliographyUrl": bibliography_url,
        "recommendations": model_rules["recommendations"],
        "sources": sources,
        "links": link_table({s["id"]: s for s in scenario_list}),
        "words": words,
    }
    return renderer.env.get_template("simulator/app.html.j2").render(
        view=view,
        words=words,
        rows=view["registry"]["rows"][:REGISTRY_FIRST_ROWS],
        shown=view["registry"]["shown_text"]["by_filter"][""],
        switches=[(p.api, FIDELITY_WORDS[p.api].capitalize()) for p in PARAMS if p.kind == "switch"],
        tabs=[(view_id, view.tab) for view_id, view in VIEW_NAMES.items()],
        columns=[{"key": key, "label": label} for key, label in REGISTRY_COLUMNS],
        flags=model_rules["flags"],
        scenarios=scenario_list,
        default_scenario=DEFAULT_SCENARIO,
        walkthrough=walkthrough_steps(),
        walkthrough_patient=walkthrough["registry"]["rows"][0]["name"],
        sources=sources,
        bibliography_url=bibliography_url,
        config_json=json.dumps(config, ensure_ascii=False),
    )
