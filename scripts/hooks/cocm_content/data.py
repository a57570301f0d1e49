"""Load and validate the curated content in ``content/*.yml``.

:func:`load_content` reads every file, checks each against its schema and then checks the
references between them (a glossary entry's sources exist, a see-also id exists, a pathway's page
exists, any ``[@key]`` or ``[[term]]`` written inside a field resolves, a reflective question's theme
and page exist, a workshop step's misconceptions exist, every simulator link names a real scenario).
It raises :class:`~cocm_content.schema.ContentError` listing every problem, or returns a
:class:`Content`. Each file's schema is in :mod:`cocm_content.datafiles`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .datafiles import DOCS_LINK, FILES
from .markup import markers_in_text
from .schema import SLUG, ContentError, entry_label, load_yaml, validate_entries
from .simlinks import Scenario, check_link, links_in, load_scenarios


@dataclass(frozen=True)
class Content:
    """The validated data, each list in file order."""

    sources: dict[str, dict[str, Any]]
    glossary: dict[str, dict[str, Any]]
    misconceptions: list[dict[str, Any]]
    smart_objectives: list[dict[str, Any]]
    pathways: list[dict[str, Any]]
    data_citations: dict[str, list[str]]
    """Source key -> the data files (``content/<stem>.yml``) that cite it."""
    question_themes: list[dict[str, Any]] = field(default_factory=list)
    reflective_questions: list[dict[str, Any]] = field(default_factory=list)
    workshops: list[dict[str, Any]] = field(default_factory=list)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    """Simulator scenarios by id (from ``content/scenarios/*.json``), for link labels."""


def _string_fields(entry: Any) -> list[tuple[str, str]]:
    """Every text field of an entry, with text items of lists and nested steps, named for messages."""
    if not isinstance(entry, dict):
        return []
    out = []
    for name, value in entry.items():
        if isinstance(value, str):
            out.append((name, value))
        elif isinstance(value, list) and name not in _ID_LISTS:
            for i, item in enumerate(value, start=1):
                if isinstance(item, str):
                    out.append((f"{name} item #{i}", item))
                else:
                    out.extend((f"{name} item #{i}: {inner}", text) for inner, text in _string_fields(item))
    return out


_ID_LISTS = ("sources", "see_also", "roles", "misconceptions")
"""List fields that hold ids, not text with markers."""


def check_references(
    data: dict[str, list[dict[str, Any]]],
    page_exists: Callable[[str], bool] | None = None,
) -> tuple[list[str], dict[str, list[str]]]:
    """Cross-file problems, and which data files cite which source."""
    errors: list[str] = []
    cited: dict[str, list[str]] = {}
    source_keys = {e["key"] for e in data.get("sources", []) if isinstance(e, dict) and "key" in e}
    term_ids = {e["id"] for e in data.get("glossary", []) if isinstance(e, dict) and "id" in e}
    for stem, entries in data.items():
        schema = FILES[stem]
        label = f"content/{stem}.yml"
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            name = entry_label(entry, index, schema.key)
            for key in entry.get("sources") or []:
                if not isinstance(key, str):
                    continue
                if key not in source_keys:
                    errors.append(f"{label}: {name}: field 'sources' names unknown source '{key}'")
                elif label not in cited.setdefault(key, []):
                    cited[key].append(label)
            for term in entry.get("see_also") or [] if stem == "glossary" else []:
                if term not in term_ids:
                    errors.append(f"{label}: {name}: field 'see_also' names unknown glossary term '{term}'")
                elif term == entry.get("id"):
                    errors.append(f"{label}: {name}: field 'see_also' names the entry itself")
            for field_name, text in _string_fields(entry):
                if stem == "sources":
                    continue
                cites, terms, bad = markers_in_text(text)
                for key in cites:
                    if key not in source_keys:
                        errors.append(f"{label}: {name}: field '{field_name}' cites unknown source '{key}'")
                    elif label not in cited.setdefault(key, []):
                        cited[key].append(label)
                for term in terms:
                    if term not in term_ids:
                        errors.append(f"{label}: {name}: field '{field_name}' uses unknown glossary term '{term}'")
                for marker in bad:
                    errors.append(f"{label}: {name}: field '{field_name}' has a malformed marker {marker}")
            if stem == "pathways" and page_exists is not None:
                for i, step in enumerate(entry.get("pages") or []):
                    page = step.get("page") if isinstance(step, dict) else None
                    if isinstance(page, str) and not page_exists(page):
                        errors.append(f"{label}: {name}: field 'pages' item #{i + 1}: page '{page}' does not exist")
    return errors, cited


def check_teaching(
    data: dict[str, list[dict[str, Any]]],
    scenarios: dict[str, Scenario],
    page_exists: Callable[[str], bool] | None = None,
    anchor_ids: Callable[[str], set[str] | None] | None = None,
) -> list[str]:
    """Cross-file problems in the reflective questions and workshops: themes, pages, anchors, links."""
    errors: list[str] = []
    themes = {e.get("id") for e in data.get("question_themes", []) if isinstance(e, dict)}
    myths = {e.get("id") for e in data.get("misconceptions", []) if isinstance(e, dict)}
    questions = data.get("reflective_questions", [])
    for index, entry in enumerate(questions):
        if not isinstance(entry, dict):
            continue
        name = f"content/reflective_questions.yml: {entry_label(entry, index, 'id')}"
        theme = entry.get("theme")
        if isinstance(theme, str) and SLUG.fullmatch(theme) and theme not in themes:
            errors.append(f"{name}: field 'theme' is '{theme}', not a theme in content/question_themes.yml")
        link = DOCS_LINK.fullmatch(entry["page"]) if isinstance(entry.get("page"), str) else None
        if link and page_exists is not None:
            if not page_exists(link["path"]):
                errors.append(f"{name}: field 'page': page '{link['path']}' does not exist")
            elif link["anchor"] and anchor_ids is not None:
                ids = anchor_ids(link["path"])
                if ids is not None and link["anchor"] not in ids:
                    errors.append(f"{name}: field 'page': '{link['path']}' has no heading '#{link['anchor']}'")
    used = {e.get("theme") for e in questions if isinstance(e, dict)}
    for entry in data.get("question_themes", []):
        if isinstance(entry, dict) and entry.get("id") not in used:
            errors.append(
                f"content/question_themes.yml: entry '{entry.get('id')}': no reflective question has this theme"
            )
    for index, entry in enumerate(data.get("workshops", [])):
        if not isinstance(entry, dict):
            continue
        name = f"content/workshops.yml: {entry_label(entry, index, 'id')}"
        for number, step in enumerate(entry.get("steps") or [], start=1):
            for myth in step.get("misconceptions") or [] if isinstance(step, dict) else []:
                if isinstance(myth, str) and myth not in myths:
                    errors.append(f"{name}: step {number}: field 'misconceptions' names unknown misconception '{myth}'")
    for stem in ("reflective_questions", "workshops"):
        for label, link in links_in(stem, data.get(stem, [])):
            errors.extend(f"{label}: field 'simulator': {problem}" for problem in check_link(link, scenarios))
    return errors


def load_content(
    root: Path,
    page_exists: Callable[[str], bool] | None = None,
    anchor_ids: Callable[[str], set[str] | None] | None = None,
) -> Content:
    """Read and validate every file in ``root/content``; raise ContentError listing all problems.

    ``page_exists`` answers whether a docs path such as ``practice/payment.md`` exists; without it,
    pathway and question pages are not checked. ``anchor_ids`` gives the heading ids of a docs page
    (None when unknown), to check a question's ``page#anchor``.
    """
    errors: list[str] = []
    data: dict[str, list[dict[str, Any]]] = {}
    for stem, schema in FILES.items():
        label = f"content/{stem}.yml"
        parsed, problems = load_yaml(root / "content" / f"{stem}.yml", label)
        if not problems:
            problems = validate_entries(parsed, schema, label)
        errors.extend(problems)
        data[stem] = parsed if isinstance(parsed, list) else []
    ref_errors, cited = check_references(data, page_exists)
    errors.extend(ref_errors)
    scenarios = load_scenarios(root)
    errors.extend(check_teaching(data, scenarios, page_exists, anchor_ids))
    if errors:
        raise ContentError(errors)
    return Content(
        sources={e["key"]: e for e in data["sources"]},
        glossary={e["id"]: e for e in data["glossary"]},
        misconceptions=data["misconceptions"],
        smart_objectives=data["smart_objectives"],
        pathways=data["pathways"],
        data_citations=cited,
        question_themes=data["question_themes"],
        reflective_questions=data["reflective_questions"],
        workshops=data["workshops"],
        scenarios=scenarios,
    )
