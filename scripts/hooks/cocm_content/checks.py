"""Knowledge checks: ``content/checks/<section>/<page>.yml``, one file per page of the three sections.

Each file is a list of at least three questions: a ``stem``, three or four ``options`` (exactly one
``correct: true``, each with ``feedback``), the ``source`` key that supports the right answer and an
optional ``anchor`` (a heading id on the page that explains it). :func:`load_checks` validates every
file and returns the questions by docs path, with every problem named by file, entry and field;
:func:`render_checks` draws a page's "Check your understanding" section and :func:`render_progress`
the "What I have covered" page with its completion record (``docs/assets/javascripts/checks.mjs``
brings both to life; answers are kept in the browser's localStorage only).

A build with a ``content/checks/<section>/`` folder fails when any page of that section lacks a file
(``tests/content/test_checks.py`` requires all three sections). The answers are rendered once, in a
closed "Show the answers" disclosure for readers without JavaScript, which the script takes out of the
page before anyone chooses; the search index leaves it out.

Stems and feedback are Markdown; their ``[@key]`` citations and ``[[term]]`` markers are left in the
HTML for the content hook, which numbers them with the page's own citations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import markers_in_text
from .render import PageContext, Renderer, plain
from .schema import SLUG, Field, Schema, entry_label, load_yaml, validate_entries

SECTIONS = ("model", "evidence", "practice")
"""The docs sections whose every page ends with knowledge checks."""
MIN_QUESTIONS = 3
OPTIONS = (3, 4)
PROGRESS_PAGE = "reference/progress.md"
SECTION_ID = "check-your-understanding"
"""The heading id of a page's checks (templates/checks.html.j2)."""
SECTION_TITLES = {"model": "The model", "evidence": "Evidence", "practice": "Practice"}
"""Section headings on the progress page, as the site's navigation names them (mkdocs.yml)."""
EXERCISES = (
    {
        "id": "walkthrough",
        "title": "The guided walkthrough: one invented patient through a whole episode of care",
        "page": "simulator/index.md",
    },
    {
        "id": "care-manager-week",
        "title": "A week in the care manager's chair: choosing the week's calls within its hours and running them",
        "page": "simulator/index.md",
    },
    {
        "id": "debriefed-review",
        "title": "A caseload review held in the consultant's chair, then debriefed against a case-review checklist",
        "page": "simulator/index.md",
    },
)
"""Simulator exercises whose completion the simulator records in this browser: the walkthrough when its
last step is finished (simulator/walkthrough.js), a care-manager week when the learner's choices have
run (simulator/care-manager.js), a review once its debrief is shown (simulator/debrief.js). The
completion record lists these only."""


def _one_correct(entry: dict[str, Any]) -> str | None:
    options = entry.get("options")
    if not isinstance(options, list):
        return None
    if not OPTIONS[0] <= len(options) <= OPTIONS[1]:
        return f"field 'options' has {len(options)} options; give {OPTIONS[0]} or {OPTIONS[1]}"
    right = [i + 1 for i, o in enumerate(options) if isinstance(o, dict) and o.get("correct") is True]
    if len(right) != 1:
        which = f" (options {', '.join(map(str, right))})" if right else ""
        return f"field 'options' must have exactly one option with 'correct: true', has {len(right)}{which}"
    return None


OPTION = Schema(fields={"text": Field(), "correct": Field(kind="bool"), "feedback": Field()})
QUESTION = Schema(
    key="id",
    min_entries=MIN_QUESTIONS,
    fields={
        "id": Field(pattern=SLUG),
        "stem": Field(),
        "options": Field(kind="entries", min_items=1, item=OPTION),
        "source": Field(pattern=SLUG),
        "anchor": Field(required=False, pattern=re.compile(r"[A-Za-z0-9_-]+")),
    },
    rules=(_one_correct,),
)


@dataclass(frozen=True)
class Checks:
    """The validated questions by docs path (``model/team.md``), and the sources each file cites."""

    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cited: dict[str, list[str]] = field(default_factory=dict)
    """Source key -> the checks files (``content/checks/<section>/<page>.yml``) that cite it."""


def _texts(question: dict[str, Any]) -> list[tuple[str, str]]:
    """The Markdown fields of one question, named for messages."""
    out = [("stem", question.get("stem"))]
    for i, option in enumerate(question.get("options") or [], start=1):
        if isinstance(option, dict):
            out += [(f"options item #{i}: {name}", option.get(name)) for name in ("text", "feedback")]
    return [(name, text) for name, text in out if isinstance(text, str)]


def check_file(
    data: Any,
    label: str,
    source_keys: set[str],
    term_ids: set[str],
    anchors: set[str] | None,
) -> tuple[list[str], list[str]]:
    """Every problem in one parsed checks file, and the source keys it cites (``source`` and inline)."""
    errors = validate_entries(data, QUESTION, label)
    cited: list[str] = []
    for index, entry in enumerate(data if isinstance(data, list) else []):
        if not isinstance(entry, dict):
            continue
        name = f"{label}: {entry_label(entry, index, 'id')}"
        source = entry.get("source")
        if isinstance(source, str) and SLUG.fullmatch(source):
            if source in source_keys:
                cited.append(source)
            else:
                errors.append(f"{name}: field 'source' names unknown source '{source}' (not in content/sources.yml)")
        anchor = entry.get("anchor")
        if isinstance(anchor, str) and anchors is not None and anchor not in anchors:
            errors.append(f"{name}: field 'anchor': the page has no heading '#{anchor}'")
        for field_name, text in _texts(entry):
            cites, terms, bad = markers_in_text(text)
            for key in cites:
                if key in source_keys:
                    cited.append(key)
                else:
                    errors.append(f"{name}: field '{field_name}' cites unknown source '{key}'")
            unknown = [t for t in terms if t not in term_ids]
            errors += [f"{name}: field '{field_name}' uses unknown glossary term '{t}'" for t in unknown]
            errors += [f"{name}: field '{field_name}' has a malformed marker {m}" for m in bad]
    return errors, list(dict.fromkeys(cited))


def load_checks(
    root: Path,
    source_keys: set[str],
    term_ids: set[str],
    page_exists: Callable[[str], bool],
    anchor_ids: Callable[[str], set[str] | None],
    pages: list[str] | None = None,
) -> tuple[Checks, list[str]]:
    """Read and check every ``content/checks/<section>/<page>.yml``; return the questions and all problems.

    ``pages`` lists the site's docs paths; when given, every page of a section that has a checks folder
    must have a file (a section's folder appears when its first questions are written).
    """
    errors: list[str] = []
    checks = Checks()
    base = root / "content" / "checks"
    if not base.is_dir():
        return checks, errors
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(base).as_posix()
        label = f"content/checks/{rel}"
        section, _, page = rel.partition("/")
        if section not in SECTIONS or "/" in page or not page.endswith(".yml"):
            errors.append(
                f"{label}: checks files are content/checks/<section>/<page>.yml, sections {', '.join(SECTIONS)}"
            )
            continue
        docs_path = f"{section}/{page.removesuffix('.yml')}.md"
        if not page_exists(docs_path):
            errors.append(f"{label}: there is no page docs/{docs_path} for these questions")
            continue
        data, problems = load_yaml(path, label)
        if not problems:
            problems, cited = check_file(data, label, source_keys, term_ids, anchor_ids(docs_path))
            for key in cited:
                checks.cited.setdefault(key, []).append(label)
        errors.extend(problems)
        if not problems:
            checks.pages[docs_path] = data
    for section in SECTIONS if pages is not None else ():
        if not (base / section).is_dir():
            continue
        for docs_path in sorted(p for p in pages if p.startswith(f"{section}/")):
            if not (base / f"{docs_path[:-3]}.yml").is_file():
                errors.append(f"docs/{docs_path}: has no knowledge checks (write content/checks/{docs_path[:-3]}.yml)")
    return checks, errors


# Rendering ----------------------------------------------------------------------------------------

def page_key(docs_path: str) -> str:
    """How the browser names a page's answers: ``model/team.md`` -> ``model/team``."""
    return docs_path.removesuffix(".md")


def render_checks(
    renderer: Renderer, ctx: PageContext, questions: list[dict[str, Any]], headings: dict[str, str]
) -> str:
    """The page's "Check your understanding" section (Markdown heading, then HTML)."""
    items = []
    for number, q in enumerate(questions, start=1):
        right = next(o for o in q["options"] if o["correct"] is True)
        items.append({
            **q,
            "number": number,
            "dom": f"cc-check-{q['id']}",
            "right": right,
            "read": (
                {"url": f"#{q['anchor']}", "title": headings.get(q["anchor"], q["anchor"])} if q.get("anchor") else None
            ),
        })
    return renderer.env.get_template("checks.html.j2").render(
        page=page_key(ctx.src_uri), questions=items, progress_url=ctx.url_to(PROGRESS_PAGE), section_id=SECTION_ID
    )


def render_progress(renderer: Renderer, ctx: PageContext, checks: Checks, nav: list[str]) -> str:
    """The "What I have covered" page: every page's checks by section, in ``nav`` order, and the record."""
    order = {path: i for i, path in enumerate(nav)}
    sections = []
    for section in SECTIONS:
        rows = [
            {
                "key": page_key(path),
                "title": ctx.titles.get(path, path),
                "url": ctx.url_to(path),
                "ids": [q["id"] for q in checks.pages[path]],
                "stems": [(q["id"], plain(q["stem"])) for q in checks.pages[path]],
            }
            for path in sorted(checks.pages, key=lambda p: (order.get(p, len(order)), p))
            if path.startswith(f"{section}/")
        ]
        if rows:
            sections.append({"id": section, "title": SECTION_TITLES[section], "rows": rows})
    exercises = [{**e, "url": ctx.url_to(e["page"])} for e in EXERCISES]
    total = sum(len(r["ids"]) for s in sections for r in s["rows"])
    return renderer.env.get_template("checks_progress.html.j2").render(
        sections=sections, exercises=exercises, total=total, pages=sum(len(s["rows"]) for s in sections),
        section_id=SECTION_ID,
    )



def first_cited_in_checks(markdown: str, references: str, order: list[str]) -> str:
    """The reference list, its back-links pointed at the checks for sources first cited there.

    A source's first citation carries the ``cite-<key>`` anchor; when that is inside the checks' answers
    (which the browser takes out of the page until a learner answers), the back-link goes to the
    questions instead.
    """
    at = markdown.find(f"{{ #{SECTION_ID} }}")
    if at < 0:
        return references
    for key in order:
        if f'id="cite-{key}"' in markdown[at:]:
            references = references.replace(f'href="#cite-{key}"', f'href="#{SECTION_ID}"')
    return references
