"""The one table of simulator-link parameters (cocm_content/simlinks.py) agrees with the explainer."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
from cocm_content import simlinks
from cocm_content.data import load_content
from cocm_content.render import PageContext, Renderer
from cocm_content.simlinks import LINK, PARAMS, VIEW_NAMES, VIEWS, describe, link_table
from cocm_content.simulator.app import render_app

from explainer import api
from explainer.params import Fidelity

ROOT = Path(__file__).resolve().parents[2]


def create(**overrides) -> dict:
    return json.loads(api.call(json.dumps({"op": "create", "args": {"scenario": "clinic", "overrides": overrides}})))


RANGED = [p for p in PARAMS if p.api and p.kind in ("int", "number")]


@pytest.mark.parametrize("param", RANGED, ids=[p.name for p in RANGED])
def test_each_limit_is_where_the_explainer_stops(param):
    step = 1 if param.kind == "int" else 0.5
    if param.name != "caseload":  # a caseload at its top is a slow run; its refusal above it is the check
        assert create(**{param.api: param.high})["ok"], f"{param.name}={param.high} is a run the explainer accepts"
    assert create(**{param.api: param.low})["ok"]
    for beyond in (param.low - step, param.high + step):
        answer = create(**{param.api: beyond})
        assert not answer["ok"], f"the explainer refuses {param.name}={beyond}, so a link must not offer it"


def test_switches_name_the_explainers_fidelity_switches():
    switches = {f.name for f in fields(Fidelity)}
    assert {p.api for p in PARAMS if p.kind == "switch"} <= switches
    for param in (p for p in PARAMS if p.kind == "switch"):
        assert create(fidelity={param.api: False})["result"]["settings"]["fidelity"][param.api] is False


def test_the_data_schema_and_the_page_table_come_from_the_same_rows():
    assert list(LINK.fields) == [p.name for p in PARAMS]
    for param in RANGED:
        assert (LINK.fields[param.name].low, LINK.fields[param.name].high) == (param.low, param.high)
    table = link_table({"clinic", "walkthrough"})
    assert [row["name"] for row in table] == [p.name for p in PARAMS]
    assert next(row for row in table if row["kind"] == "view")["choices"] == list(VIEWS)
    assert next(row for row in table if row["kind"] == "scenario")["choices"] == ["clinic", "walkthrough"]


def test_the_simulator_tabs_and_the_link_labels_read_one_table_of_view_names():
    content = load_content(ROOT)
    html = render_app(Renderer(content), PageContext("simulator/index.md", lambda path: "../" + path))
    tabs = re.findall(r'role="tab" id="cc-tab-([a-z]+)".*?>([^<]+)</button>', html, re.S)
    assert tabs == [(view, VIEW_NAMES[view].tab) for view in VIEWS], "the page's tabs, in the order links use"
    for view in VIEWS:
        label = describe({"scenario": "clinic", "week": 3, "view": view}, content.scenarios)
        assert label.endswith(f"week 3, {VIEW_NAMES[view].words}")


def test_no_second_table_names_the_views():
    """A module quoting three or more of the views' names restates simlinks.VIEW_NAMES; it should read it."""
    hooks = Path(simlinks.__file__).parent
    files = [p for p in hooks.rglob("*.py") if p.name != "simlinks.py"]
    files += sorted((ROOT / "docs" / "assets" / "javascripts" / "simulator").glob("*.js"))
    names = [name for view in VIEW_NAMES.values() for name in (view.tab, view.words)]
    for path in files:
        text = path.read_text(encoding="utf-8")
        quoted = [name for name in names if re.search(r"[\"']" + re.escape(name) + r"[\"']", text)]
        assert len(quoted) < 3, f"{path.name} names the views again ({quoted}); read cocm_content.simlinks.VIEW_NAMES"
