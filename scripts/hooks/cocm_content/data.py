"""Load and validate the curated content in ``content/*.yml``.

:func:`load_content` reads every file, checks each against its schema and then checks the
references between them (a glossary entry's sources exist, a see-also id exists, a pathway's page
exists, any ``[@key]`` or ``[[term]]`` written inside a field resolves). It raises
:class:`~cocm_content.schema.ContentError` listing every problem, or returns a :class:`Content`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .markup import markers_in_text
from .schema import SLUG, ContentError, Field, Schema, entry_label, load_yaml, validate_entries

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
FILES: dict[str, Schema] = {
    "sources": SOURCES,
    "glossary": GLOSSARY,
    "misconceptions": MISCONCEPTIONS,
    "smart_objectives": SMART_OBJECTIVES,
    "pathways": PATHWAYS,
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


def _string_fields(entry: Any) -> list[tuple[str, str]]:
    if not isinstance(entry, dict):
        return []
    out = []
    for name, value in entry.items():
        if isinstance(value, str):
            out.append((name, value))
    return out


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


def load_content(root: Path, page_exists: Callable[[str], bool] | None = None) -> Content:
    """Read and validate every file in ``root/content``; raise ContentError listing all problems.

    ``page_exists`` answers whether a docs path such as ``practice/payment.md`` exists; without it,
    pathway pages are not checked.
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
    if errors:
        raise ContentError(errors)
    return Content(
        sources={e["key"]: e for e in data["sources"]},
        glossary={e["id"]: e for e in data["glossary"]},
        misconceptions=data["misconceptions"],
        smart_objectives=data["smart_objectives"],
        pathways=data["pathways"],
        data_citations=cited,
    )
