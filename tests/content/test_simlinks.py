"""The one table of simulator-link parameters (cocm_content/simlinks.py) agrees with the explainer."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from cocm_content.simlinks import LINK, PARAMS, VIEWS, link_table
from cocm_content.simulator.app import TAB_LABELS

from explainer import api
from explainer.params import Fidelity


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
    assert list(TAB_LABELS) == list(VIEWS), "the view tabs follow the views a link can open, in order"
