"""Links that open the simulator in a stated state, built in one place.

Data files (reflective questions, workshop steps) describe a simulator state as a mapping::

    simulator: {scenario: understaffed, week: 12, view: registry, review: false, fte: 0.5}

and this module turns it into the query string that the simulator page reads, for example
``?scenario=understaffed&week=12&view=registry&review=0&fte=0.5``. :data:`PARAMS` is the one table
of parameters, their limits and their explainer names, shared with the simulator page.

:func:`check_link` names every problem with a mapping; :func:`query` builds the query;
:func:`all_simulator_links` lists every link the site's data defines, for tests that open them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from explainer.api import INTERACTIVE_MAX_PATIENTS
from explainer.params import CARE_MANAGER_FTE_LIMITS, CONSULTANT_HOURS_LIMITS, MAX_SEED, MAX_WEEKS
from explainer.present import FIDELITY_WORDS

from .schema import SLUG, Field, Schema

ROOT = Path(__file__).resolve().parents[3]
SIMULATOR_PAGE = "simulator/index.md"
"""The docs path of the simulator page, which every link opens."""
SIMULATOR_URL = "simulator/"
"""The simulator page's URL relative to the site root."""


@dataclass(frozen=True)
class View:
    """How the site names one simulator view: ``tab``, the heading of its tab on the simulator page, and
    ``words``, how a link's label names it ("Understaffed ..., week 12, registry view")."""

    tab: str
    words: str


VIEW_NAMES = {
    "registry": View("Registry", "registry view"),
    "review": View("Caseload review", "caseload review"),
    "patient": View("Patient", "patient view"),
    "outcomes": View("Outcomes", "outcomes view"),
    "walkthrough": View("Guided walkthrough", "walkthrough"),
    "caremanager": View("Care manager", "care manager's week"),
}
"""What the simulator can show first, in the order of its view tabs: the one table of the views' names,
read by the simulator page's tabs (cocm_content/simulator/app.py) and by every link label here."""
VIEWS = tuple(VIEW_NAMES)
KNOWN_SCENARIOS = ("impact-like", "walkthrough", "understaffed", "co-location", "comorbid")
"""Scenario ids agreed before their files existed; used only when content/scenarios/ has no files."""
PATIENT_ID = re.compile(r"S-\d{4}")


@dataclass(frozen=True)
class Param:
    """One query parameter of a simulator link.

    ``kind``: ``scenario`` (an id), ``view`` (one of :data:`VIEWS`), ``patient`` (``S-0007``),
    ``flag`` (``1`` or absent), ``switch`` (``0`` off, ``1`` on), ``int`` or ``number`` within
    ``low``-``high``. ``api`` is the explainer's name for it (an override, or a fidelity switch);
    ``words`` is how labels and messages name it.
    """

    name: str
    kind: str
    words: str
    api: str | None = None
    low: float | None = None
    high: float | None = None


PARAMS = (
    Param("scenario", "scenario", "scenario"),
    Param("seed", "int", "seed", api="seed", low=0, high=MAX_SEED),
    Param("week", "int", "week", low=0, high=MAX_WEEKS),
    Param("view", "view", "view"),
    Param("patient", "patient", "patient"),
    Param("present", "flag", "presenter mode"),
    Param("registry", "switch", FIDELITY_WORDS["registry"], api="registry"),
    Param("measurement", "switch", FIDELITY_WORDS["measurement"], api="measurement"),
    Param("review", "switch", FIDELITY_WORDS["review"], api="review"),
    Param("stepup", "switch", FIDELITY_WORDS["step_up"], api="step_up"),
    Param("fte", "number", "care-manager FTE", api="care_manager_fte",
          low=CARE_MANAGER_FTE_LIMITS[0], high=CARE_MANAGER_FTE_LIMITS[1]),
    Param("hours", "number", "consultant hours a week", api="consultant_hours_per_week",
          low=CONSULTANT_HOURS_LIMITS[0], high=CONSULTANT_HOURS_LIMITS[1]),
    Param("caseload", "int", "caseload size", api="patients", low=1, high=INTERACTIVE_MAX_PATIENTS),
)
"""The one table of link parameters, in the order a link writes them. The limits are the explainer's
own (explainer.params, explainer.api), so a link the site accepts is a run the explainer accepts;
the simulator page gets this table (:func:`link_table`) and link-state.js reads links with it."""
PARAMETERS = tuple(p.name for p in PARAMS)
"""Every query parameter, in the order a link writes them."""
BY_NAME = {p.name: p for p in PARAMS}
SWITCHES = {p.name: p.words for p in PARAMS if p.kind == "switch"}
"""Fidelity switches a link can turn on (1) or off (0), with how a label names them."""
API_OVERRIDES = {p.name: p.api for p in PARAMS if p.api and p.kind in ("int", "number")}
"""Query parameter -> the explainer API's override name."""
API_SWITCHES = {p.name: p.api for p in PARAMS if p.kind == "switch"}
"""Query parameter -> the explainer's fidelity switch."""
MAX_WEEK = BY_NAME["week"].high
MAX_CASELOAD = BY_NAME["caseload"].high


def link_table(scenario_ids) -> list[dict[str, Any]]:
    """The parameter table as the simulator page reads it (JSON-ready), with the allowed scenarios and
    views and the patient-id pattern filled in."""
    allowed = {"scenario": sorted(scenario_ids), "view": list(VIEWS)}
    return [{**asdict(p), "choices": allowed.get(p.kind), "pattern": PATIENT_ID.pattern if p.kind == "patient"
             else None} for p in PARAMS]


def _field(param: Param) -> Field:
    """The data-file schema field for one parameter."""
    if param.kind == "scenario":
        return Field(pattern=SLUG)
    if param.kind == "view":
        return Field(choices=VIEWS)
    if param.kind == "patient":
        return Field(required=False, pattern=PATIENT_ID)
    if param.kind in ("flag", "switch"):
        return Field(kind="bool", required=False)
    return Field(kind=param.kind, required=param.name == "week", low=param.low, high=param.high)


LINK = Schema(
    fields={p.name: _field(p) for p in PARAMS},
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
    parts = [scenario.title if scenario else link["scenario"], f"week {link['week']}", VIEW_NAMES[link["view"]].words]
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


def page_link(link: dict[str, Any] | None, simulator_url: str, scenarios: dict[str, Scenario]) -> dict | None:
    """What a page shows for a link: its URL from the page, its plain label and its bare query."""
    if not link:
        return None
    return {"url": url(link, simulator_url), "label": describe(link, scenarios), "query": url(link, "")}


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


def all_simulator_links(content) -> list[tuple[str, str, dict[str, Any]]]:
    """Every simulator link the site's data defines, as (label, URL from the site root, expected state).

    ``content`` is the loaded content (``data.load_content``), passed in so that this module and
    data.py, which checks links with it, do not import each other. The URL is relative to the site
    root (``simulator/?scenario=...``); join it to the served site's base URL to open it. The
    expected state is :func:`expected` of the link.
    """
    out = []
    for stem, entries in (("reflective_questions", content.reflective_questions), ("workshops", content.workshops)):
        for label, link in links_in(stem, entries):
            out.append((label, url(link), expected(link)))
    return out
