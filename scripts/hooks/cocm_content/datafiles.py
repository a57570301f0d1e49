"""The schema of every curated data file, ``content/<stem>.yml``, by stem (:data:`FILES`): the fields
each entry has, their patterns and limits, and the rules across an entry's fields. The labels pages show
for a source's kind, a question's role and principle and a workshop step's phase live here too.

:mod:`cocm_content.data` loads the files against these schemas and checks the references between them.
"""

from __future__ import annotations

import re
from typing import Any

from .markup import markers_in_text
from .schema import SLUG, Field, Schema
from .simlinks import LINK

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
