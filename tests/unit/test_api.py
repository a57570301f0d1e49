"""The JSON API: every operation, the response shape, and clear errors that never raise."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import api, rules, scenarios
from explainer.review import ACTIONS


def ask(op: str, client=None, **args):
    """Call the API as the browser does; return the parsed response."""
    request = json.dumps({"op": op, "args": args})
    return json.loads((client or api).call(request))


def ok(op: str, client=None, **args):
    response = ask(op, client, **args)
    assert response["ok"], response.get("error")
    return response["result"]


def test_existing_operations_still_work():
    assert ok("score", answers=[1] * 9, baseline=18)["total"] == 9
    assert {i["name"] for i in ok("instruments")["instruments"]} == {"PHQ-9", "GAD-7"}


def test_listings():
    listed = ok("scenarios")["scenarios"]
    assert {"impact-like", "walkthrough"} <= {s["id"] for s in listed}
    assert all(s["synthetic"] and s["description"] for s in listed)
    assert ok("scenario", id="walkthrough")["scenario"]["script"]
    assert {a["id"] for a in ok("arms")["arms"]} >= {"usual-care", "cocm", "name-only", "co-location"}
    described = ok("rules")
    assert {r["name"] for r in described["rules"]} == {r.name for r in rules.RULES}
    assert all({"value", "unit", "explanation", "source"} <= set(r) for r in described["rules"])
    assert {f["name"] for f in described["flags"]} >= {"safety", "new", "not_improving", "overdue", "response",
                                                      "remission", "relapse_plan_due", "ready_for_discharge"}
    assert ok("calibration")["targets"]["cocm"]["response_rate"] == 0.45


def test_a_session_create_step_decide_patient_undo_reset():
    client = api.Api()
    view = ok("create", client, scenario="impact-like", overrides={"patients": 60, "seed": 3})
    assert view["week"] == 0 and view["synthetic"] and len(view["registry"]["rows"]) == 60
    assert view["narration"][0].startswith("Week 0.")
    view = ok("step", client, token=view["token"], weeks=6)
    assert view["week"] == 6 and len(view["narration"]) == 6
    agenda = view["agenda"]
    assert len(agenda["items"]) <= agenda["slots"]
    chosen = [item["id"] for item in agenda["items"][:3]]
    decided = ok("decide", client, token=view["token"], discuss=chosen, recommend={chosen[-1]: "continue"})
    assert decided["week"] == 7 and decided["decisions"] == 1 and "review" in decided["review"]
    history = ok("patient", client, token=decided["token"], id=chosen[-1], reveal=True)
    assert history["patient"]["id"] == chosen[-1] and history["timeline"] and "hidden_profile" in history
    assert all(sum(m["phq9_items"]) == m["phq9"] for m in history["measurements"])
    back = ok("undo", client, token=decided["token"])
    assert back["week"] == 6 and back["token"] == view["token"]
    assert ok("reset", client, token=decided["token"])["week"] == 0
    csv = ok("registry", client, token=decided["token"], format="csv")["csv"]
    assert csv.startswith("# SYNTHETIC DATA")
    held = ok("state", token=decided["token"])
    assert held["week"] == 7 and held["decisions"][0]["week"] == 6


def test_stateless_call_and_cached_api_agree():
    client = api.Api()
    first = ok("create", client, scenario="co-location", overrides={"patients": 30})
    stepped_cached = ask("step", client, token=first["token"], weeks=4)
    stepped_stateless = ask("step", token=first["token"], weeks=4)
    assert stepped_cached == stepped_stateless
    assert ask("restore", token=stepped_cached["result"]["token"]) == ask("registry", client,
                                                                         token=stepped_cached["result"]["token"])


def test_imported_scenario_object_works_and_travels_in_the_token():
    scenario = ok("scenario", id="comorbid")["scenario"]
    scenario.update(id="my-clinic", title="My clinic", weeks=10)
    view = ok("create", scenario=scenario, overrides={"patients": 20})
    assert view["scenario"]["id"] == "my-clinic"
    assert ok("step", token=view["token"], weeks=10)["done"] is True


def test_outcomes_by_arm_over_time():
    result = ok("outcomes", scenario="impact-like", arms=["usual-care", "cocm"], every=13, patients=200)
    assert [a["arm"] for a in result["arms"]] == ["usual-care", "cocm"]
    series = result["arms"][1]["series"]
    assert [point["week"] for point in series] == [0, 13, 26, 39, 52]
    assert result["arms"][1]["final"]["response_rate"] > result["arms"][0]["final"]["response_rate"]


def test_run_in_bulk():
    summary = ok("run", scenario="impact-like", arm="usual-care", patients=300, seed=5, weeks=26)
    assert summary["n_patients"] == 300 and summary["weeks"] == 26
    for key in ("response_rate", "remission_rate", "lost_to_follow_up"):
        assert key in summary


@pytest.mark.parametrize(("request_text", "message"), [
    ("not json", "not valid JSON"),
    ('["op"]', "must be a JSON object"),
    ('{"op": "fly"}', "Unknown operation 'fly'"),
    ('{"op": "scenarios", "args": []}', "must be a JSON object"),
    ('{"op": "create", "args": {}}', "Missing argument(s): scenario"),
    ('{"op": "create", "args": {"scenario": "nope"}}', "Unknown scenario 'nope'"),
    ('{"op": "create", "args": {"scenario": "impact-like", "overrides": {"patients": 5000}}}', "at most 2000"),
    ('{"op": "create", "args": {"scenario": "impact-like", "overrides": {"weeks": -2}}}', "'weeks'"),
    ('{"op": "create", "args": {"scenario": "impact-like", "colour": 1}}', "Unknown argument(s) colour"),
    ('{"op": "create", "args": {"scenario": {"id": "x"}}}', "imported scenario: missing required field(s)"),
    ('{"op": "step", "args": {"token": "c1.abc.def"}}', "checksum does not match"),
    ('{"op": "run", "args": {"scenario": "impact-like", "patients": 0}}', "'patients'"),
    ('{"op": "outcomes", "args": {"scenario": "impact-like", "arms": ["x"]}}', "Unknown arm 'x'"),
])
def test_bad_requests_get_one_clear_error(request_text, message):
    response = json.loads(api.call(request_text))
    assert response["ok"] is False
    assert message in response["error"]


def test_decisions_are_checked_and_a_failed_decision_changes_nothing():
    client = api.Api()
    view = ok("create", client, scenario="impact-like", overrides={"patients": 40})
    token = ok("step", client, token=view["token"], weeks=3)["token"]
    refused = ask("decide", client, token=token, discuss=["S-9999"])
    assert refused["ok"] is False and "S-9999" in refused["error"]
    assert ok("registry", client, token=token) == ok("registry", token=token)
    usual = ok("create", scenario="impact-like", overrides={"arm": "usual-care", "patients": 20})
    assert "no caseload review" in ask("decide", token=usual["token"], discuss=[])["error"]
    end = ok("create", scenario="walkthrough", overrides={"weeks": 1})
    end = ok("step", token=end["token"])
    assert "last week" in ask("step", token=end["token"])["error"]
    assert "already at week 0" in ask("undo", token=view["token"])["error"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, width=32) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
ARG_NAMES = st.sampled_from(["scenario", "overrides", "token", "weeks", "discuss", "recommend", "id", "format",
                             "arms", "every", "patients", "seed", "arm", "reveal", "answers", "instrument"])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(api.OPERATIONS)), st.dictionaries(ARG_NAMES, JSON_VALUES, max_size=4))
def test_any_malformed_request_gets_an_answer_not_an_exception(op, args):
    response = json.loads(api.call(json.dumps({"op": op, "args": args})))
    assert response["ok"] in (True, False)
    if not response["ok"]:
        assert isinstance(response["error"], str) and response["error"]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(scenarios.OVERRIDES)), JSON_VALUES, max_size=3))
def test_any_overrides_are_checked_without_crashing(overrides):
    response = json.loads(api.call(json.dumps({"op": "create", "args": {"scenario": "walkthrough",
                                                                          "overrides": overrides}})))
    assert response["ok"] in (True, False)


VALID = api.Api()
VALID_TOKEN = json.loads(VALID.call(json.dumps({"op": "create", "args": {"scenario": "understaffed",
                                                                          "overrides": {"patients": 30}}})))
VALID_TOKEN = json.loads(VALID.call(json.dumps({"op": "step", "args": {"token": VALID_TOKEN["result"]["token"],
                                                                        "weeks": 5}})))["result"]["token"]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["step", "decide", "registry", "patient", "undo", "reset", "restore", "state", "outcomes"]),
       st.dictionaries(st.sampled_from(["weeks", "discuss", "recommend", "id", "format", "reveal", "every", "arms"]),
                       JSON_VALUES | st.lists(st.sampled_from(["S-0001", "S-0002", "S-0030", 3, "S-99"]), max_size=4)
                       | st.dictionaries(st.sampled_from(["S-0001", "S-0003", "x"]),
                                         st.sampled_from(list(ACTIONS) + [1, None]), max_size=2),
                       max_size=3))
def test_malformed_arguments_on_a_real_run_get_an_answer(op, args):
    response = json.loads(VALID.call(json.dumps({"op": op, "args": {"token": VALID_TOKEN, **args}})))
    assert response["ok"] in (True, False)


def test_the_api_keeps_its_names_and_the_table_the_learning_operations_plug_into():
    """explainer.api dispatches; its operations live in api_reference, api_runs and api_learning, and the
    names other modules import from it (api_learning, the build's simlinks) stay where they were."""
    from explainer import api_learning, api_reference, api_runs
    from explainer.api import INTERACTIVE_MAX_PATIENTS, Api, ApiError, _check_args  # noqa: F401

    assert list(api.OPERATIONS) == [*api_reference.OPERATIONS, *api_runs.OPERATIONS, *api_learning.OPERATIONS]
    assert all(api.OPERATIONS[name] is op for name, op in api_learning.OPERATIONS.items())
    with pytest.raises(ApiError, match="Unknown argument"):
        _check_args({"x": 1}, ("token",))
    refused = json.loads(api.call(json.dumps({"op": "create", "args": {
        "scenario": "clinic", "overrides": {"patients": INTERACTIVE_MAX_PATIENTS + 1}}})))
    assert not refused["ok"] and str(INTERACTIVE_MAX_PATIENTS) in refused["error"]


def test_a_prepared_answer_is_the_answer_a_call_gives_and_is_handed_out_once():
    opening = json.dumps({"op": "create", "args": {"scenario": "clinic", "overrides": {}}})
    prepared = api.Api()
    prepared.prepare(opening)
    assert len(prepared.prepared) == 1
    same_request_other_spacing = '{"args": {"overrides": {}, "scenario": "clinic"}, "op": "create"}'
    first = prepared.call(same_request_other_spacing)
    assert first == api.Api().call(opening)
    assert prepared.prepared == {}, "a prepared answer is handed out once"
    view = json.loads(first)["result"]
    stepped = json.loads(prepared.call(json.dumps({"op": "step", "args": {"token": view["token"], "weeks": 1}})))
    assert stepped["ok"] and stepped["result"]["week"] == view["week"] + 1


def test_the_module_session_keeps_the_prepared_opening_and_other_requests_are_answered_afresh():
    opening = json.dumps({"op": "create", "args": {"scenario": "clinic", "overrides": {}}})
    api.prepare_session(opening)
    answer = api.session()
    other = json.dumps({"op": "create", "args": {"scenario": "walkthrough", "overrides": {}}})
    assert json.loads(answer(other))["result"]["scenario"]["id"] == "walkthrough"
    assert api.session().__self__.prepared, "an unrelated request leaves the prepared answer in place"
    assert answer(opening) == api.call(opening)
    assert not api.session().__self__.prepared
    assert api.canonical("not json") is None
