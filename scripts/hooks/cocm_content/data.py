"""Load and validate the curated content in ``content/*.yml``.

:func:`load_content` reads every file, checks each against its schema and then checks the
references between them (a glossary entry's sources exist, a see-also id exists, a pathway's page
exists, any ``[@key]`` or ``[[term]]`` written inside a field resolves, a reflective question's theme
and page exist, a workshop step's misconceptions exist, every simulator link names a real scenario).
It raises :class:`~cocm_content.schema.ContentError` listing every problem, or returns a
:class:`Content`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import markers_in_text
from .schema import SLUG, ContentError, Field, Schema, entry_label, load_yaml, validate_entries
from .simlinks import LINK, Scenario, check_link, links_in, load_scenarios

KINDS = ("trial", "study", "review", "guidance", "instrument", "policy", "commentary")
"""Kinds of source, in the order the bibliography shows them.

``study`` (observational, validation or implementation studies that are not randomised trials)
extends the six kinds first agreed, so that a registry analysis is not labelled a trial.
"""
KIND_LABELS = {
    "trial": "Randomised trials",
    "study": "Other studies",
    "review": "Systematic reviews and meta-analyses",
    "guidance": "Guidance and implementation resources",
    "instrument": "Measures and their validation",
    "policy": "Payment and policy",
    "commentary": "Commentary and secondary summaries",
}
DOI = re.compile(r"10\.\d{4,9}/\S+")
URL = re.compile(r"https?://\S+")
DOCS_PATH = re.compile(r"[a-z0-9_/-]+\.md")
DOCS_LINK = re.compile(r"(?P<path>[a-z0-9_/-]+\.md)(?:#(?P<anchor>[a-z0-9_-]+))?")
"""A docs path with an optional heading anchor, e.g. ``practice/cautions.md#cultural-humility``."""
ROLES = {
    "care-manager": "Care manager",
    "consultant": "Psychiatric consultant",
    "primary-care-provider": "Primary care provider",
    "trainee": "Trainee",
}
"""Who a reflective question is for, with the label the page shows."""
PRINCIPLES = {
    "patient-centered-team-care": "Patient-centered team care",
    "population-based-care": "Population-based care",
    "measurement-based-treatment-to-target": "Measurement-based treatment to target",
    "evidence-based-care": "Evidence-based care",
    "accountable-care": "Accountable care",
}
"""The five AIMS principles (aims-principles), by id, in the AIMS order."""
PHASES = {
    "setup": "Set-up",
    "predict": "Predict",
    "experience": "Experience",
    "reflect": "Reflect",
    "wrap-up": "Wrap-up",
}
"""Workshop step phases: Predict, Experience, Reflect (after SERC's interactive lecture demonstrations),
plus set-up and wrap-up."""
WHY_LONGEST = 300


def _year(value: Any) -> str | None:
    if isinstance(value, int) and 1900 <= value <= 2100:
        return None
    if value == "n.d.":
        return None
    return "must be a year such as 2002, or 'n.d.' when the source has no date"


def _doi_or_url(entry: dict[str, Any]) -> str | None:
    if not entry.get("doi") and not entry.get("url"):
        return "field 'doi' or 'url' is missing (give at least one)"
    return None


SOURCES = Schema(
    key="key",
    min_entries=1,
    fields={
        "key": Field(pattern=SLUG),
        "authors": Field(),
        "year": Field(kind="any", check=_year),
        "title": Field(),
        "venue": Field(),
        "doi": Field(required=False, pattern=DOI),
        "url": Field(required=False, pattern=URL),
        "kind": Field(choices=KINDS),
        "short": Field(required=False),
        "note": Field(required=False),
    },
    rules=(_doi_or_url,),
)
GLOSSARY = Schema(
    key="id",
    min_entries=25,
    fields={
        "id": Field(pattern=SLUG),
        "term": Field(),
        "definition": Field(),
        "see_also": Field(kind="list", required=False, pattern=SLUG),
        "sources": Field(kind="list", min_items=1, pattern=SLUG),
    },
)
MISCONCEPTIONS = Schema(
    key="id",
    min_entries=8,
    fields={
        "id": Field(pattern=SLUG),
        "claim": Field(),
        "truth": Field(),
        "sources": Field(kind="list", min_items=1, pattern=SLUG),
    },
)
SMART_OBJECTIVES = Schema(
    key="id",
    min_entries=3,
    fields={
        "id": Field(pattern=SLUG),
        "goal": Field(),
        "objective": Field(),
        "mechanism": Field(),
        "sources": Field(kind="list", min_items=1, pattern=SLUG),
    },
)
PATHWAY_STEP = Schema(fields={"page": Field(pattern=DOCS_PATH), "why": Field()})
PATHWAYS = Schema(
    key="audience",
    min_entries=4,
    fields={
        "audience": Field(pattern=SLUG),
        "title": Field(),
        "description": Field(),
        "pages": Field(kind="entries", min_items=2, item=PATHWAY_STEP),
    },
)


def _one_cited_line(value: Any) -> str | None:
    if "\n" in value.strip():
        return "must be one line"
    if len(value) > WHY_LONGEST:
        return f"must be one short line (at most {WHY_LONGEST} characters; it has {len(value)})"
    cites, _, _ = markers_in_text(value)
    if not cites:
        return "must cite at least one source, e.g. [@aims-pc]"
    return None


QUESTION_THEMES = Schema(
    key="id",
    min_entries=6,
    fields={"id": Field(pattern=SLUG), "title": Field(), "description": Field()},
)
REFLECTIVE_QUESTIONS = Schema(
    key="id",
    min_entries=6,
    fields={
        "id": Field(pattern=SLUG),
        "theme": Field(pattern=SLUG),
        "roles": Field(kind="list", min_items=1, pattern=re.compile("|".join(ROLES))),
        "principle": Field(choices=tuple(PRINCIPLES)),
        "question": Field(),
        "why": Field(check=_one_cited_line),
        "page": Field(pattern=DOCS_LINK),
        "simulator": Field(kind="mapping", required=False, item=LINK),
    },
    rules=(
        lambda e: (
            "field 'roles' names a role twice"
            if isinstance(e.get("roles"), list) and len(set(map(str, e["roles"]))) != len(e["roles"])
            else None
        ),
    ),
)


def _step_fits_its_phase(step: dict[str, Any]) -> str | None:
    phase = step.get("phase")
    if phase == "predict" and not step.get("prompt"):
        return "a 'predict' step needs a 'prompt' (the question learners answer before they see anything)"
    if phase == "experience" and not (step.get("simulator") and step.get("notice")):
        return "an 'experience' step needs a 'simulator' link and a 'notice' (what learners should see)"
    if phase == "reflect" and not step.get("prompt"):
        return "a 'reflect' step needs a 'prompt' for the discussion"
    return None


WORKSHOP_STEP = Schema(
    fields={
        "title": Field(),
        "phase": Field(choices=tuple(PHASES)),
        "minutes": Field(kind="int", low=1, high=60),
        "facilitator": Field(),
        "prompt": Field(required=False),
        "simulator": Field(kind="mapping", required=False, item=LINK),
        "notice": Field(required=False),
        "misconceptions": Field(kind="list", required=False, pattern=SLUG),
    },
    rules=(_step_fits_its_phase,),
)


def _minutes_add_up(entry: dict[str, Any]) -> str | None:
    steps = entry.get("steps")
    total = entry.get("minutes")
    if not isinstance(steps, list) or not isinstance(total, int):
        return None
    minutes = [s.get("minutes") for s in steps if isinstance(s, dict)]
    if not all(isinstance(m, int) and not isinstance(m, bool) for m in minutes):
        return None
    if sum(minutes) != total:
        return f"the steps' minutes add up to {sum(minutes)}, not the plan's {total}"
    return None


WORKSHOPS = Schema(
    key="id",
    min_entries=2,
    fields={
        "id": Field(pattern=SLUG),
        "title": Field(),
        "minutes": Field(kind="int", low=10, high=480),
        "audience": Field(),
        "goals": Field(kind="list", min_items=2),
        "before": Field(kind="list", required=False),
        "steps": Field(kind="entries", min_items=3, item=WORKSHOP_STEP),
    },
    rules=(_minutes_add_up,),
)
FILES: dict[str, Schema] = {
    "sources": SOURCES,
    "glossary": GLOSSARY,
    "misconceptions": MISCONCEPTIONS,
    "smart_objectives": SMART_OBJECTIVES,
    "pathways": PATHWAYS,
    "question_themes": QUESTION_THEMES,
    "reflective_questions": REFLECTIVE_QUESTIONS,
    "workshops": WORKSHOPS,
}
"""Every data file this package owns, by stem; each lives at ``content/<stem>.yml``."""


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
