"""Links that open the simulator in a stated state, built in one place.

Data files (reflective questions, workshop steps) describe a simulator state as a mapping::

    simulator: {scenario: understaffed, week: 12, view: registry, review: false, fte: 0.5}

and this module turns it into the query string that the simulator page reads, for example
``?scenario=understaffed&week=12&view=registry&review=0&fte=0.5``. The parameters, shared with
the simulator page:

* ``scenario``: a scenario id, one of the files in ``content/scenarios/*.json``;
* ``seed``: a whole number (optional; the scenario's own seed otherwise);
* ``week``: the week the simulator opens at;
* ``view``: ``registry``, ``patient``, ``review``, ``outcomes`` or ``walkthrough``;
* ``patient``: a synthetic patient id such as ``S-0007`` (only with ``view: patient``);
* ``present``: ``1`` for presenter mode;
* fidelity switches ``registry``, ``measurement``, ``review``, ``stepup`` (``0`` or ``1``);
* staffing: ``fte`` (care-manager full-time equivalents), ``hours`` (consultant hours a week),
  ``caseload`` (patients).

:func:`check_link` names every problem with a mapping; :func:`query` builds the query;
:func:`all_simulator_links` lists every link the site's data defines, for tests that open them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from .schema import SLUG, Field, Schema

ROOT = Path(__file__).resolve().parents[3]
SIMULATOR_PAGE = "simulator/index.md"
"""The docs path of the simulator page, which every link opens."""
SIMULATOR_URL = "simulator/"
"""The simulator page's URL relative to the site root."""
VIEWS = ("registry", "patient", "review", "caremanager", "outcomes", "walkthrough")
"""What the simulator shows first."""
VIEW_LABELS = {
    "registry": "registry view",
    "patient": "patient view",
    "review": "caseload review",
    "outcomes": "outcomes view",
    "walkthrough": "walkthrough",
}
KNOWN_SCENARIOS = ("impact-like", "walkthrough", "understaffed", "co-location", "comorbid")
"""Scenario ids agreed before their files existed; used only when content/scenarios/ has no files."""
SWITCHES = {
    "registry": "registry",
    "measurement": "measurement on schedule",
    "review": "weekly caseload review",
    "stepup": "step-up when not improving",
}
"""Fidelity switches a link can turn on (1) or off (0), with how a label names them."""
PARAMETERS = (
    "scenario", "seed", "week", "view", "patient", "present", *SWITCHES, "fte", "hours", "caseload",
)
"""Every query parameter, in the order a link writes them."""
PATIENT_ID = re.compile(r"S-\d{4}")
MAX_WEEK = 260
MAX_CASELOAD = 2000

LINK = Schema(
    fields={
        "scenario": Field(pattern=SLUG),
        "week": Field(kind="int", low=0, high=MAX_WEEK),
        "view": Field(choices=VIEWS),
        "patient": Field(required=False, pattern=PATIENT_ID),
        "seed": Field(kind="int", required=False, low=0, high=2**53),
        "present": Field(kind="bool", required=False),
        **{name: Field(kind="bool", required=False) for name in SWITCHES},
        "fte": Field(kind="number", required=False, low=0.1, high=10),
        "hours": Field(kind="number", required=False, low=0, high=40),
        "caseload": Field(kind="int", required=False, low=1, high=MAX_CASELOAD),
    },
    rules=(
        lambda link: (
            "field 'patient' is needed when 'view' is 'patient'"
            if link.get("view") == "patient" and not link.get("patient")
            else None
        ),
        lambda link: (
            "field 'patient' only goes with 'view: patient'"
            if link.get("patient") and link.get("view") != "patient"
            else None
        ),
    ),
)
"""The shape of a simulator-link mapping in a data file."""


@dataclass(frozen=True)
class Scenario:
    """What link checks and labels need to know about one scenario file."""

    id: str
    title: str
    weeks: int | None = None
    patients: int | None = None


def load_scenarios(root: Path = ROOT) -> dict[str, Scenario]:
    """Scenarios by id, read from ``content/scenarios/*.json``; the agreed ids if there are no files yet."""
    folder = root / "content" / "scenarios"
    found: dict[str, Scenario] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            data = {}  # the explainer's own scenario checks report a broken file; the id still counts
        data = data if isinstance(data, dict) else {}
        panel = data.get("panel") if isinstance(data.get("panel"), dict) else {}
        weeks, patients = data.get("weeks"), panel.get("patients")
        found[path.stem] = Scenario(
            id=path.stem,
            title=str(data.get("title") or path.stem),
            weeks=weeks if isinstance(weeks, int) and not isinstance(weeks, bool) else None,
            patients=patients if isinstance(patients, int) and not isinstance(patients, bool) else None,
        )
    return found or {sid: Scenario(sid, sid) for sid in KNOWN_SCENARIOS}


def check_link(link: dict[str, Any], scenarios: dict[str, Scenario]) -> list[str]:
    """Problems with a (schema-valid) link that need the scenario files: its id, its week, its patient."""
    sid = link.get("scenario")
    if not isinstance(sid, str):
        return []
    scenario = scenarios.get(sid)
    if scenario is None:
        return [f"field 'scenario' is '{sid}', which is not a scenario (known: {', '.join(sorted(scenarios))})"]
    errors = []
    week = link.get("week")
    if isinstance(week, int) and scenario.weeks is not None and week > scenario.weeks:
        errors.append(f"field 'week' is {week}, but scenario '{sid}' runs for {scenario.weeks} weeks")
    patient = link.get("patient")
    size = link.get("caseload") or scenario.patients
    number = int(patient[2:]) if isinstance(patient, str) and PATIENT_ID.fullmatch(patient) else None
    if number is not None and isinstance(size, int) and not 1 <= number <= size:
        errors.append(f"field 'patient' is '{patient}', but scenario '{sid}' has {size} patients")
    return errors


def _number(value: float) -> str:
    return f"{value:g}"


def params(link: dict[str, Any]) -> dict[str, str]:
    """The query parameters of a link as strings, in :data:`PARAMETERS` order."""
    out: dict[str, str] = {}
    for name in PARAMETERS:
        if name not in link:
            continue
        value = link[name]
        if name == "present":
            if value:
                out[name] = "1"
        elif isinstance(value, bool):
            out[name] = "1" if value else "0"
        elif isinstance(value, float):
            out[name] = _number(value)
        else:
            out[name] = str(value)
    return out


def query(link: dict[str, Any]) -> str:
    """The query string (with its leading ``?``) that opens the simulator in the link's state."""
    return "?" + urlencode(params(link), safe="-")


def url(link: dict[str, Any], simulator_url: str = SIMULATOR_URL) -> str:
    """The link's URL from a page whose relative URL to the simulator page is ``simulator_url``."""
    return simulator_url + query(link)


def expected(link: dict[str, Any]) -> dict[str, Any]:
    """The state the simulator should open in, as typed values (what a browser test compares)."""
    out: dict[str, Any] = {}
    for name in PARAMETERS:
        if name not in link:
            continue
        value = link[name]
        if name == "present" and not value:
            continue
        if name in ("fte", "hours"):
            value = float(value)
        out[name] = value
    return out


API_OVERRIDES = {
    "seed": "seed", "caseload": "patients", "fte": "care_manager_fte", "hours": "consultant_hours_per_week",
}
"""Query parameter -> the explainer API's override name (as the simulator page maps them)."""
API_SWITCHES = {"registry": "registry", "measurement": "measurement", "review": "review", "stepup": "step_up"}


def api_overrides(link: dict[str, Any]) -> dict[str, Any]:
    """The explainer API's ``overrides`` for a link, as the simulator page builds them from the query."""
    out: dict[str, Any] = {api: link[name] for name, api in API_OVERRIDES.items() if name in link}
    switches = {api: link[name] for name, api in API_SWITCHES.items() if name in link}
    if switches:
        out["fidelity"] = switches
    return out


def describe(link: dict[str, Any], scenarios: dict[str, Scenario]) -> str:
    """A plain label for a link, e.g. 'Understaffed ..., week 12, registry view, review off'."""
    scenario = scenarios.get(link["scenario"])
    parts = [scenario.title if scenario else link["scenario"], f"week {link['week']}", VIEW_LABELS[link["view"]]]
    if link.get("patient"):
        parts[-1] = f"patient {link['patient']}"
    for name, words in SWITCHES.items():
        if name in link:
            parts.append(f"{words} {'on' if link[name] else 'off'}")
    if "fte" in link:
        parts.append(f"{_number(link['fte'])} care-manager FTE")
    if "hours" in link:
        parts.append(f"{_number(link['hours'])} consultant hours a week")
    if "caseload" in link:
        parts.append(f"{link['caseload']} patients")
    if "seed" in link:
        parts.append(f"seed {link['seed']}")
    if link.get("present"):
        parts.append("presenter mode")
    return ", ".join(parts)


def links_in(stem: str, entries: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(label, link mapping) for every simulator link in one data file's entries."""
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        name = entry.get("id", f"#{index + 1}")
        if isinstance(entry.get("simulator"), dict):
            found.append((f"content/{stem}.yml: entry '{name}'", entry["simulator"]))
        for number, step in enumerate(entry.get("steps") or []):
            if isinstance(step, dict) and isinstance(step.get("simulator"), dict):
                found.append((f"content/{stem}.yml: entry '{name}': step {number + 1}", step["simulator"]))
    return found


def all_simulator_links(root: Path = ROOT) -> list[tuple[str, str, dict[str, Any]]]:
    """Every simulator link the site's data defines, as (label, URL from the site root, expected state).

    The URL is relative to the site root (``simulator/?scenario=...``); join it to the served site's
    base URL to open it. The expected state is :func:`expected` of the link.
    """
    from .data import load_content  # late import: data.py imports this module

    content = load_content(root)
    out = []
    for stem, entries in (("reflective_questions", content.reflective_questions), ("workshops", content.workshops)):
        for label, link in links_in(stem, entries):
            out.append((label, url(link), expected(link)))
    return out
