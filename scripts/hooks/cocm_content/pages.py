"""Checks on the Markdown pages under ``docs/``: front matter and markers, with file and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from mkdocs.utils.meta import get_data

from .data import Content
from .markup import scan
from .simulator import AFTER_MARKDOWN, EXPLAINER_SHORTCODES

EXPLAINER = "explainer/rules.py"
"""The label under which the simulator's rule, flag and calibration sources are counted as cited."""

OLD_SIMULATOR_SHORTCODE = re.compile(r"<!--\s*simulator\s*:\s*([a-z0-9-]*)")
"""The simulator page's former shortcode syntax, which would now pass through as a silent comment."""
REQUIRED_META = ("title", "summary", "takeaways", "reviewed")
TAKEAWAYS = (3, 5)
SHORTCODE_DATA = {
    "glossary": "content/glossary.yml",
    "misconceptions": "content/misconceptions.yml",
    "smart-objectives": "content/smart_objectives.yml",
    "pathways": "content/pathways.yml",
    "bibliography": None,
    "reflective-questions": "content/reflective_questions.yml",
    "workshops": "content/workshops.yml",
    "checks-progress": None,
    **{name: EXPLAINER for name in EXPLAINER_SHORTCODES},
    **{name: None for name in AFTER_MARKDOWN},
}
"""Every shortcode the hook renders, and the data file it shows (its citations count for the page).

The ``simulator-*`` tables show the explainer's own rules; their sources count under :data:`EXPLAINER`.
The simulator page's interactive parts (``simulator-app``, ``simulator-phq9-scorer``) cite nothing."""


@dataclass
class PageScan:
    """What one page's source says: its metadata, citations, terms and shortcodes."""

    meta: dict[str, Any]
    cites: list[tuple[str, int]] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)
    shortcodes: list[tuple[str, int]] = field(default_factory=list)


def check_meta(meta: dict[str, Any], label: str) -> list[str]:
    """Problems with a page's front matter, each naming the file and the field."""
    errors = []
    for name in REQUIRED_META:
        value = meta.get(name)
        if value is None or (isinstance(value, str | list) and not value):
            errors.append(f"{label}: front matter field '{name}' is missing or empty")
            continue
        if name in ("title", "summary") and (not isinstance(value, str) or not value.strip()):
            errors.append(f"{label}: front matter field '{name}' must be non-empty text")
        if name == "takeaways":
            if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
                errors.append(f"{label}: front matter field 'takeaways' must be a list of non-empty texts")
            elif not TAKEAWAYS[0] <= len(value) <= TAKEAWAYS[1]:
                errors.append(
                    f"{label}: front matter field 'takeaways' has {len(value)} items; "
                    f"give {TAKEAWAYS[0]} to {TAKEAWAYS[1]}"
                )
        if name == "reviewed" and not isinstance(value, dt.date):
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                errors.append(f"{label}: front matter field 'reviewed' is '{value}', not an ISO date (YYYY-MM-DD)")
    return errors


def scan_page(source: str, label: str, content: Content) -> tuple[PageScan, list[str]]:
    """Read one page's source; return what it uses and every problem, with line numbers."""
    errors: list[str] = []
    try:
        _, meta = get_data(source)
    except Exception as exc:  # a YAML error in front matter: report it like any other problem
        return PageScan(meta={}), [f"{label}: front matter is not valid YAML: {exc}"]
    if not meta and source.startswith("---"):
        errors.append(f"{label}: front matter could not be read (check the YAML between the '---' lines)")
    errors.extend(check_meta(meta, label))
    page = PageScan(meta=meta)
    for kind, value, line in scan(source):
        where = f"{label}:{line}"
        if kind == "cite":
            if value not in content.sources:
                errors.append(f"{where}: unknown source key '{value}' (not in content/sources.yml)")
            page.cites.append((value, line))
        elif kind == "term":
            if value not in content.glossary:
                errors.append(f"{where}: unknown glossary term '{value}' (not in content/glossary.yml)")
            page.terms.append((value, line))
        elif kind == "shortcode":
            if value not in SHORTCODE_DATA:
                errors.append(
                    f"{where}: unknown shortcode '<!-- render: {value} -->' "
                    f"(known: {', '.join(sorted(SHORTCODE_DATA))})"
                )
            page.shortcodes.append((value, line))
        elif kind == "bad-cite":
            errors.append(f"{where}: malformed citation {value} (write [@key] or [@key1; @key2])")
        elif kind == "bad-term":
            errors.append(f"{where}: malformed glossary marker {value} (write [[term-id]] or [[shown text|term-id]])")
        elif kind == "bad-shortcode":
            errors.append(f"{where}: malformed shortcode {value} (write <!-- render: name --> on its own line)")
    for match in OLD_SIMULATOR_SHORTCODE.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        errors.append(f"{label}:{line}: '{match.group(0)} -->' is the old syntax; "
                      f"write <!-- render: simulator-{match.group(1)} -->")
    return page, errors


def uncited_sources(content: Content, pages: dict[str, PageScan]) -> list[str]:
    """Source keys that no page and no data file cites, in file order."""
    cited = {key for page in pages.values() for key, _ in page.cites} | set(content.data_citations)
    return [key for key in content.sources if key not in cited]
