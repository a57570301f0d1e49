"""MkDocs hook: render the simulator page's interactive parts from the explainer itself.

A page asks for a part with an HTML comment, ``<!-- simulator: NAME -->``. Each part is a
Jinja2 template in ``scripts/hooks/templates/`` filled with data from the explainer's own API
(the same code the browser runs in Pyodide), so questionnaire wording, thresholds and the first
simulator state cannot drift from the code. An unknown part name stops the build.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from explainer import api, measures, present, scenarios  # noqa: E402  (needs ROOT on sys.path first)

SHORTCODE = re.compile(r"<!--\s*simulator:\s*([a-z0-9-]+)\s*-->")
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def explainer_call(op: str, args: dict | None = None):
    """Call the explainer's JSON API exactly as the browser worker does; stop the build on an error."""
    response = json.loads(api.call(json.dumps({"op": op, "args": args or {}})))
    if not response["ok"]:
        raise PluginError(f"The explainer refused {op!r} at build time: {response['error']}")
    return response["result"]


def render_phq9_scorer() -> str:
    """The PHQ-9 form: nine items with the four answers, wording and bands from explainer.measures."""
    instruments = explainer_call("instruments")
    phq9 = next(i for i in instruments["instruments"] if i["name"] == "PHQ-9")
    return TEMPLATES.get_template("phq9_scorer.html").render(
        instrument=phq9,
        answer_labels=instruments["answer_labels"],
        remission_below=measures.REMISSION_BELOW,
        response_percent=round(measures.RESPONSE_DROP * 100),
    )


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
        "Will her PHQ-9 fall by half, and how soon?",
        "Which change made the difference: the medicine, the activation, or the follow-up around both?"),
    "flag:remission": (
        "When will her score fall below 5, and what changes for her then?",
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


REGISTRY_FIRST_ROWS = 25
"""Rows the registry shows until the reader asks for all. A shorter first screen fits a projector, and
the lighter page leaves more of a two-core machine to Python's boot (scripts/bench)."""


def source_labels() -> dict[str, str]:
    """Each bibliography key with the short name a flag's "Source:" link shows (content/sources.yml)."""
    entries = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))
    return {entry["key"]: entry.get("short") or entry["title"] for entry in entries}


def render_app(page) -> str:
    """The simulator: controls, views, and the default scenario's registry drawn at build time."""
    view = explainer_call("create", {"scenario": DEFAULT_SCENARIO})
    model_rules = explainer_call("rules")
    cited = {item.get("source") for group in ("flags", "rules", "process_measures") for item in model_rules[group]}
    sources = {key: label for key, label in source_labels().items() if key in cited}
    walkthrough = explainer_call("create", {"scenario": WALKTHROUGH_SCENARIO})
    bibliography_url = posixpath.relpath("reference/bibliography/", posixpath.dirname(page.url.rstrip("/") + "/x"))
    context = {
        "view": view,
        "rows": view["registry"]["rows"][:REGISTRY_FIRST_ROWS],
        "row_count": len(view["registry"]["rows"]),
        "columns": [{"key": key, "label": label} for key, label in REGISTRY_COLUMNS],
        "flags": model_rules["flags"],
        "scenarios": explainer_call("scenarios")["scenarios"],
        "default_scenario": DEFAULT_SCENARIO,
        "walkthrough": walkthrough_steps(),
        "walkthrough_patient": walkthrough["registry"]["rows"][0]["name"],
        "sources": sources,
        "bibliography_url": bibliography_url + "/",
        "config_json": json.dumps({
            "defaultScenario": DEFAULT_SCENARIO,
            "walkthroughScenario": WALKTHROUGH_SCENARIO,
            "registryFirstRows": REGISTRY_FIRST_ROWS,
            "bibliographyUrl": bibliography_url + "/",
            "recommendations": model_rules["recommendations"],
            "sources": sources,
        }, ensure_ascii=False),
    }
    return TEMPLATES.get_template("simulator_app.html").render(**context)


PARTS = {
    "phq9-scorer": lambda page: render_phq9_scorer(),
    "app": render_app,
}
"""Every part a page can ask for, by shortcode name."""


def placeholder(name: str) -> str:
    """A paragraph that survives Markdown untouched and marks where a part goes."""
    return f"CC-SIMULATOR-PART-{name}"


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """Swap each ``<!-- simulator: NAME -->`` for a placeholder paragraph (filled in on_page_content)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in PARTS:
            raise PluginError(
                f"{page.file.src_path}: unknown simulator part {name!r}; known parts: {', '.join(sorted(PARTS))}."
            )
        return f"\n\n{placeholder(name)}\n\n"

    return SHORTCODE.sub(replace, markdown)


def on_page_content(html: str, page, **kwargs) -> str:
    """Put each rendered part in place of its placeholder.

    Parts are inserted into the finished HTML rather than into the Markdown, because
    Python-Markdown's HTML-block parser rearranges nested forms and fieldsets.
    """
    for name, render in PARTS.items():
        marker = f"<p>{placeholder(name)}</p>"
        if marker in html:
            html = html.replace(marker, render(page))
    if "CC-SIMULATOR-PART-" in html:
        raise PluginError(f"{page.file.src_path}: a simulator part must stand alone in its own paragraph.")
    return html
