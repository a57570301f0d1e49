"""Scenario files: every one valid and synthetic; bad ones rejected with file, field and problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import describe, scenarios
from explainer.model import Simulation
from explainer.params import ARMS, ParamError

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_SCENARIOS = {"impact-like", "walkthrough", "understaffed", "co-location", "comorbid"}


def valid() -> dict:
    return json.loads((ROOT / "content" / "scenarios" / "impact-like.json").read_text())


def test_required_scenarios_exist_and_are_complete():
    listed = {item["id"]: item for item in scenarios.listing()}
    assert set(listed) >= REQUIRED_SCENARIOS
    for scenario in scenarios.load_all():
        assert scenario["synthetic"] is True
        for field in scenarios.REQUIRED_FIELDS:
            assert field in scenario, f"{scenario['id']} lacks {field}"
        assert scenario["arm"] in ARMS
        assert len(scenario["description"]) > 40


def test_repository_fallback_is_used_when_the_package_has_no_copy():
    assert Path(str(scenarios.scenario_directory())).resolve() == (ROOT / "content" / "scenarios").resolve()


def test_understaffed_and_comorbid_say_what_they_claim():
    understaffed = scenarios.load("understaffed")["_params"]
    assert understaffed.caseload_per_fte == 200 and understaffed.staffing.consultant_hours_per_week == 1
    co_location = scenarios.load("co-location")["_params"].fidelity
    assert co_location.colocated_therapist and not (co_location.registry or co_location.measurement
                                                    or co_location.review)
    comorbid = scenarios.load("comorbid")["_params"].panel
    assert dict(comorbid.condition_shares)["both"] >= 0.5 and comorbid.chronic_illness_share >= 0.8


def test_walkthrough_script_happens_in_the_run():
    scenario = scenarios.load("walkthrough")
    params = scenario["_params"]
    assert params.panel.patients == 1 and params.fixed_patients[0]["age"] == 70
    sim = Simulation(params)
    sim.run(params.weeks)
    patient = sim.patients[0]
    happened = {(item["week"], item["kind"]) for item in describe.timeline(patient)}
    for step in scenario["script"]:
        assert (step["week"], step["event"]) in happened, f"script step did not happen: {step}"
    scores = {week: phq for week, phq, _, _, _ in patient.measurements}
    for step in scenario["script"]:
        for claimed in re.findall(r"(?:PHQ-9 is|scores) (\d+)", step["note"]):
            assert scores[step["week"]] == int(claimed), f"note disagrees with the run: {step['note']}"


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("title"), "missing required field(s): title"),
    (lambda d: d.update(synthetic=False), "'synthetic' must be true"),
    (lambda d: d.update(colour="blue"), "unknown field(s) colour"),
    (lambda d: d["staffing"].update(care_manager_fte="one"), "'staffing.care_manager_fte' must be a number"),
    (lambda d: d["panel"].update(patients=-4), "'panel.patients' must be a whole number"),
    (lambda d: d["panel"].update(condition_shares={"depression": 0.5, "anxiety": 0.2, "both": 0.2}), "add up to 1"),
    (lambda d: d.update(arm="magic"), "Unknown arm 'magic'"),
    (lambda d: d.update(fidelity={"registry": "yes"}), "'fidelity.registry' must be true or false"),
    (lambda d: d.update(arm="usual-care", fidelity={"review": True}), "needs a care manager"),
    (lambda d: d["cadence"].update(not_improving_weeks=20), "'cadence.not_improving_weeks'"),
    (lambda d: d.update(start_date="soon"), "'start_date' must be a date"),
    (lambda d: d.update(script=[{"week": 1, "patient": "S-0001", "event": "magic", "note": "x"}]), "'script[0].event'"),
])
def test_bad_scenarios_name_the_file_and_the_field(change, message):
    data = valid()
    change(data)
    with pytest.raises(scenarios.ScenarioError) as error:
        scenarios.check_scenario(data, "broken.json")
    assert str(error.value).startswith("broken.json: ")
    assert message in str(error.value)


def test_bad_json_file_is_reported_with_line(tmp_path, monkeypatch):
    (tmp_path / "oops.json").write_text('{"id": "oops",\n  "title": }')
    monkeypatch.setattr(scenarios, "scenario_directory", lambda: tmp_path)
    with pytest.raises(scenarios.ScenarioError, match=r"oops.json: not valid JSON at line 2"):
        scenarios.load("oops")
    (tmp_path / "oops.json").write_text(json.dumps({**valid(), "id": "other"}))
    with pytest.raises(scenarios.ScenarioError, match="must match the file name"):
        scenarios.load("oops")


def test_unknown_scenario_lists_the_known_ones():
    with pytest.raises(scenarios.ScenarioError, match="choose one of: .*impact-like"):
        scenarios.load("nope")


def test_overrides_are_validated():
    params = scenarios.load("impact-like")["_params"]
    changed = scenarios.apply_overrides(params, {"patients": 150, "care_manager_fte": 0.5, "seed": 9, "weeks": 20,
                                                 "consultant_hours_per_week": 1, "fidelity": {"step_up": False}})
    assert changed.panel.patients == 150 and changed.caseload_per_fte == 300
    assert changed.fidelity.step_up is False and changed.fidelity.review is True
    assert scenarios.apply_overrides(params, {"arm": "usual-care"}).fidelity.care_manager is False
    for bad, message in (({"patients": 0}, "'patients'"), ({"weeks": -1}, "'weeks'"), ({"seed": "x"}, "'seed'"),
                         ({"care_manager_fte": -2}, "'care_manager_fte'"), ({"colour": 1}, "Unknown setting"),
                         ({"fidelity": {"registry": 1}}, "true or false"), ({"arm": "x"}, "Unknown arm"),
                         ({"not_improving_weeks": 3}, "'not_improving_weeks'"), ({"patients": 10**9}, "'patients'")):
        with pytest.raises(ParamError, match=message):
            scenarios.apply_overrides(params, bad)


def test_packaged_scenarios_are_preferred_when_present(tmp_path, monkeypatch):
    package = tmp_path / "explainer"
    (package / "scenarios").mkdir(parents=True)
    (package / "scenarios" / "impact-like.json").write_text(json.dumps(valid()))
    monkeypatch.setattr(scenarios, "PACKAGE_DIR", package)
    assert scenarios.scenario_directory() == package / "scenarios"
    assert [s["id"] for s in scenarios.load_all()] == ["impact-like"]


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**7, 10**7) | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
PLACES = st.sampled_from(
    [(field,) for field in scenarios.SCENARIO_FIELDS]
    + [("panel", name) for name in ("patients", "age_min", "age_max", "female_share", "condition_shares",
                                    "phq9_mean", "enrolment_weeks", "engagement_mean")]
    + [("staffing", name) for name in ("care_manager_fte", "consultant_hours_per_week", "cases_per_consultant_hour")]
    + [("cadence", name) for name in ("acute_every_weeks", "not_improving_weeks")]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PLACES, ANY_JSON), min_size=1, max_size=3))
def test_any_edit_to_a_scenario_is_accepted_or_refused_cleanly(edits):
    data = valid()
    for place, value in edits:
        target = data
        for key in place[:-1]:
            target = target.setdefault(key, {}) if isinstance(target.get(key, {}), dict) else {}
        target[place[-1]] = value
    try:
        checked = scenarios.check_scenario(data, "edited.json")
    except scenarios.ScenarioError as error:
        assert str(error).startswith("edited.json: ")
    else:
        Simulation(checked["_params"]).step()
