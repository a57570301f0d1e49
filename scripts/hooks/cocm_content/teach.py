"""Shortcodes for the pages for supervisors and trainers (``docs/teach/``).

* ``reflective-questions``: the questions of ``content/reflective_questions.yml`` by theme, with the
  filters, session list and notes that ``docs/assets/javascripts/reflective-questions.mjs`` brings to life;
* ``workshops``: the workshop plans of ``content/workshops.yml``, as a timetable and step cards.

The simulator's own tables and interactive parts are rendered by the ``simulator`` package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .datafiles import PHASES, PRINCIPLES, ROLES
from .simlinks import SIMULATOR_PAGE, page_link

if TYPE_CHECKING:
    from .render import PageContext, Renderer

PRINCIPLES_PAGE = "model/principles.md"
PRINCIPLE_ANCHORS = {pid: f"{n}-{pid}" for n, pid in enumerate(PRINCIPLES, start=1)}
"""Heading ids of the principles on model/principles.md ('## 1. Patient-centered team care')."""


# Shortcodes ---------------------------------------------------------------------------------------

def _page_link(ctx: PageContext, target: str) -> dict[str, str]:
    path, _, anchor = target.partition("#")
    return {"url": ctx.url_to(path) + (f"#{anchor}" if anchor else ""), "title": ctx.titles.get(path, path)}


def _sim_link(renderer: Renderer, ctx: PageContext, link: dict[str, Any] | None) -> dict[str, str] | None:
    return page_link(link, ctx.url_to(SIMULATOR_PAGE), renderer.content.scenarios)


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


SHORTCODES = {
    "reflective-questions": reflective_questions,
    "workshops": workshops,
}
"""Every shortcode this module renders, by name."""
