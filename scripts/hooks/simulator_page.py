"""MkDocs hook: render the simulator page's interactive parts from the explainer itself.

A page asks for a part with an HTML comment, ``<!-- simulator: NAME -->``. Each part is a
Jinja2 template in ``scripts/hooks/templates/`` filled with data from the explainer's own API
(the same code the browser runs in Pyodide), so questionnaire wording, thresholds and the first
simulator state cannot drift from the code. An unknown part name stops the build.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from explainer import api, measures  # noqa: E402  (needs ROOT on sys.path first)

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


PARTS = {
    "phq9-scorer": render_phq9_scorer,
}
"""Every part a page can ask for, by shortcode name."""


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """Replace each ``<!-- simulator: NAME -->`` with the rendered part."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in PARTS:
            raise PluginError(
                f"{page.file.src_path}: unknown simulator part {name!r}; known parts: {', '.join(sorted(PARTS))}."
            )
        return PARTS[name]()

    return SHORTCODE.sub(replace, markdown)
