"""Reflective questions, workshop plans and simulator links: valid data, precise errors, working links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from cocm_content.data import load_content
from cocm_content.datafiles import PHASES, PRINCIPLES, ROLES
from cocm_content.markup import heading_ids, markers_in_text
from cocm_content.schema import ContentError
from cocm_content.simlinks import (
    PARAMETERS,
    VIEWS,
    all_simulator_links,
    api_overrides,
    expected,
    load_scenarios,
    query,
    url,
)
from cocm_content.simulator import check_explainer_sources
from cocm_content.simulator.teaching import data_value, format_value, rule_anchor

from .conftest import ROOT, docs_page_exists
from .test_data import edit

SCENARIO_IDS = sorted(p.stem for p in (ROOT / "content" / "scenarios").glob("*.json"))


def anchors(path: str) -> set[str] | None:
    page = ROOT / "docs" / path
    return heading_ids(page.read_text(encoding="utf-8")) if page.is_file() else None


def load(root: Path):
    return load_content(root, docs_page_exists, anchors)


def errors_for(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root)
    return caught.value.errors


@pytest.fixture(scope="module")
def content():
    return load(ROOT)


@pytest.fixture
def teach_copy(content_copy) -> Path:
    """content_copy with the scenario files too, so that simulator links can be checked."""
    shutil.copytree(ROOT / "content" / "scenarios", content_copy / "content" / "scenarios")
    return content_copy


def question(entries, qid):
    return next(e for e in entries if e["id"] == qid)


# The data as it is ---------------------------------------------------------------------------------

def test_every_question_has_a_theme_a_principle_and_a_source(content):
    themes = {t["id"] for t in content.question_themes}
    for q in content.reflective_questions:
        assert q["theme"] in themes, q["id"]
        assert q["principle"] in PRINCIPLES, q["id"]
        cites, _, bad = markers_in_text(q["why"])
        assert cites and not bad, f"{q['id']}: 'why' cites no source"
        assert set(cites) <= set(content.sources), q["id"]
        assert "\n" not in q["why"].strip(), f"{q['id']}: 'why' is more than one line"
        assert set(q["roles"]) <= set(ROLES) and q["roles"], q["id"]


def test_questions_cover_every_theme_role_and_principle(content):
    questions = content.reflective_questions
    assert len(questions) >= 30
    assert len(content.question_themes) >= 7
    for theme in content.question_themes:
        assert sum(q["theme"] == theme["id"] for q in questions) >= 3, theme["id"]
    for role in ROLES:
        assert sum(role in q["roles"] for q in questions) >= 5, role
    assert {q["principle"] for q in questions} == set(PRINCIPLES)
    assert sum("simulator" in q for q in questions) >= 20


def test_the_seven_themes_of_the_issue_are_there(content):
    assert {t["id"] for t in content.question_themes} >= {
        "fidelity", "not-improving", "engagement", "score-and-judgement", "fit", "sustaining", "team-roles",
    }


def test_workshop_plans_of_60_and_90_minutes_add_up(content):
    plans = {p["minutes"]: p for p in content.workshops}
    assert set(plans) >= {60, 90}
    for minutes, plan in plans.items():
        assert sum(step["minutes"] for step in plan["steps"]) == minutes, plan["id"]
        phases = [step["phase"] for step in plan["steps"]]
        assert {"predict", "experience", "reflect"} <= set(phases), plan["id"]
        assert set(phases) <= set(PHASES)
        assert phases.index("predict") < phases.index("experience") < phases.index("reflect"), plan["id"]
        for step in plan["steps"]:
            if step["phase"] == "experience":
                assert step["simulator"] and step["notice"], step["title"]


def test_workshop_misconceptions_exist(content):
    myths = {m["id"] for m in content.misconceptions}
    used = {m for plan in content.workshops for step in plan["steps"] for m in step.get("misconceptions", [])}
    assert used and used <= myths


def test_the_questions_and_workshops_count_as_citing(content):
    assert "content/reflective_questions.yml" in content.data_citations["aims-pc"]
    assert "content/workshops.yml" in content.data_citations["impact-abs"]


# Simulator links ----------------------------------------------------------------------------------

def test_scenarios_come_from_the_scenario_files():
    assert SCENARIO_IDS, "content/scenarios/ has no scenario files"
    assert sorted(load_scenarios(ROOT)) == SCENARIO_IDS


def test_every_simulator_link_parses_to_what_the_data_says():
    links = all_simulator_links(load_content(ROOT))
    assert len(links) >= 30
    labels = [label for label, _, _ in links]
    assert len(labels) == len(set(labels))
    for label, link_url, want in links:
        parts = urlsplit(link_url)
        assert parts.path == "simulator/", label
        params = parse_qs(parts.query, strict_parsing=True)
        assert all(len(v) == 1 for v in params.values()), label
        params = {k: v[0] for k, v in params.items()}
        assert list(params) == [p for p in PARAMETERS if p in params], f"{label}: parameters out of order"
        assert params["scenario"] in SCENARIO_IDS, label
        assert params["view"] in VIEWS, label
        assert int(params["week"]) == want["week"], label
        assert set(params) <= set(PARAMETERS), label
        if want["view"] == "patient":
            assert params["patient"] == want["patient"], label
        for name in ("registry", "measurement", "review", "stepup"):
            if name in want:
                assert params[name] == ("1" if want[name] else "0"), label
        if want.get("present"):
            assert params["present"] == "1", label


def test_links_are_built_in_one_place():
    link = {"scenario": "understaffed", "week": 12, "view": "registry", "review": False, "fte": 0.5, "present": True}
    assert query(link) == "?scenario=understaffed&week=12&view=registry&present=1&review=0&fte=0.5"
    assert url(link, "../../simulator/").startswith("../../simulator/?scenario=understaffed")
    assert expected(link) == {"scenario": "understaffed", "week": 12, "view": "registry", "present": True,
                              "review": False, "fte": 0.5}
    assert api_overrides(link) == {"care_manager_fte": 0.5, "fidelity": {"review": False}}


def _explainer():
    from explainer import api

    session = api.Api()

    def call(op, **args):
        response = json.loads(session.call(json.dumps({"op": op, "args": args})))
        assert response["ok"], f"{op} {args}: {response.get('error')}"
        return response["result"]

    return call


def test_each_link_opens_the_stated_state_in_the_explainer():
    """Build every linked state through the explainer's API, as the simulator page does from the query."""
    call = _explainer()
    for label, _, want in all_simulator_links(load_content(ROOT)):
        link = dict(want)
        overrides = api_overrides(link)
        view = call("create", scenario=link["scenario"], overrides=overrides)
        if link["week"] > view["week"]:  # a scenario may open mid-programme; the page steps from there
            view = call("step", token=view["token"], weeks=link["week"] - view["week"])
        assert view["week"] == link["week"], label
        assert view["scenario"]["id"] == link["scenario"], label
        settings = view["settings"]
        for switch, on in overrides.get("fidelity", {}).items():
            assert settings["fidelity"][switch] is on, f"{label}: {switch} is not {on}"
        for name in ("care_manager_fte", "consultant_hours_per_week"):
            if name in overrides:
                assert settings["staffing"][name] == overrides[name], f"{label}: {name}"
        if "patients" in overrides:
            assert settings["panel"]["patients"] == overrides["patients"], label
        if "seed" in overrides:
            assert settings["seed"] == overrides["seed"], label
        if link["view"] == "patient":
            patient = call("patient", token=view["token"], id=link["patient"])
            assert patient["patient"]["id"] == link["patient"], label


def test_what_learners_should_notice_holds_in_the_model():
    """The workshop plans tell learners what they will see; the model must still show it."""
    call = _explainer()

    def responders(scenario):
        return {a["arm"]: a["final"]["response_rate"] for a in call("outcomes", scenario=scenario, every=52)["arms"]}

    impact = responders("impact-like")
    assert impact["cocm"] - impact["usual-care"] >= 0.15, "the IMPACT-like gap has shrunk"
    assert impact["cocm"] <= 0.5, "'more than half still short of a response' no longer holds"
    partial = responders("name-only")
    assert abs(partial["name-only"] - partial["usual-care"]) < abs(partial["name-only"] - partial["cocm"])
    for arm in ("cocm-no-registry", "cocm-no-measurement", "cocm-no-review", "cocm-no-step-up"):
        assert partial[arm] < partial["cocm"], f"{arm} no longer falls short of full Collaborative Care"
    co = responders("co-location")
    assert abs(co["co-location"] - co["usual-care"]) < abs(co["co-location"] - co["cocm"]), "co-location drifted"
    view = call("create", scenario="understaffed")
    view = call("step", token=view["token"], weeks=12)
    counts = view["registry"]["statistics"]["flag_counts"]
    assert counts["overdue"] >= 0.25 * view["registry"]["statistics"]["active"], "overdue flags no longer pile up"
    waiting = counts["safety"] + counts["new"] + counts["not_improving"]
    assert view["agenda"]["slots"] < waiting, "the review hour no longer fills before the list ends"
    tiers = [item["tier"] for item in view["agenda"]["items"]]
    order = ["safety", "new", "not_improving", "other"]
    assert tiers == sorted(tiers, key=order.index), "the agenda is no longer safety, new, not improving, rest"
    view = call("create", scenario="comorbid")
    row = call("step", token=view["token"], weeks=26)["registry"]["rows"][0]
    assert "phq9_latest" in row and "gad7_latest" in row


# Bad data is named precisely ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("change", "expected_error"),
    [
        (lambda q: q.update(why="It matters a great deal."), "field 'why' must cite at least one source"),
        (lambda q: q.update(why="First line [@aims-pc]\nsecond line"), "field 'why' must be one line"),
        (lambda q: q.update(theme="nowhere"), "field 'theme' is 'nowhere', not a theme"),
        (lambda q: q.update(roles=["care-manager", "janitor"]), "field 'roles' item #2 'janitor' does not match"),
        (lambda q: q.update(roles=["trainee", "trainee"]), "field 'roles' names a role twice"),
        (lambda q: q.update(principle="kindness"), "field 'principle' is 'kindness'; expected one of"),
        (lambda q: q.update(page="model/nowhere.md"), "page 'model/nowhere.md' does not exist"),
        (lambda q: q.update(page="model/team.md#no-such-heading"), "has no heading '#no-such-heading'"),
        (lambda q: q.pop("principle"), "field 'principle' is missing"),
        (lambda q: q["simulator"].update(scenario="atlantis"), "field 'simulator': field 'scenario' is 'atlantis'"),
        (lambda q: q["simulator"].update(view="dashboard"), "field 'view' is 'dashboard'; expected one of"),
        (lambda q: q["simulator"].update(week=400), "field 'week' is 400; it must be at most 260"),
        (lambda q: q["simulator"].update(week=53), "field 'week' is 53, but scenario 'impact-like' runs for 52"),
        (lambda q: q["simulator"].update(patient="S-0001"), "field 'patient' only goes with 'view: patient'"),
        (lambda q: q["simulator"].update(view="patient"), "field 'patient' is needed when 'view' is 'patient'"),
        (lambda q: q["simulator"].update(review="no"), "field 'review' must be true or false"),
        (lambda q: q["simulator"].update(colour="red"), "field 'colour' is not a known field"),
    ],
)
def test_bad_question_is_named_with_file_entry_and_field(teach_copy, change, expected_error):
    edit(teach_copy, "reflective_questions", lambda es: change(question(es, "ten-weeks-no-change")))
    errors = errors_for(teach_copy)
    assert any(
        e.startswith("content/reflective_questions.yml: entry 'ten-weeks-no-change'") and expected_error in e
        for e in errors
    ), "\n".join(errors)


def test_patient_beyond_the_panel_is_reported(teach_copy):
    def change(entries):
        question(entries, "two-point-rise")["simulator"]["patient"] = "S-0999"

    edit(teach_copy, "reflective_questions", change)
    assert any("field 'patient' is 'S-0999', but scenario 'impact-like' has 100 patients" in e
               for e in errors_for(teach_copy))


def test_a_theme_without_questions_is_reported(teach_copy):
    edit(teach_copy, "question_themes", lambda es: es.append({"id": "empty", "title": "E", "description": "D"}))
    assert "content/question_themes.yml: entry 'empty': no reflective question has this theme" in errors_for(teach_copy)


def test_minutes_that_do_not_add_up_are_reported(teach_copy):
    edit(teach_copy, "workshops", lambda es: es[0]["steps"][0].update(minutes=6))
    plan = yaml.safe_load((ROOT / "content" / "workshops.yml").read_text(encoding="utf-8"))[0]
    expected_error = (f"content/workshops.yml: entry '{plan['id']}': the steps' minutes add up to "
                      f"{plan['minutes'] + 1}, not the plan's {plan['minutes']}")
    assert expected_error in errors_for(teach_copy)


def test_workshop_step_problems_are_reported(teach_copy):
    def change(entries):
        steps = entries[0]["steps"]
        experience = next(s for s in steps if s["phase"] == "experience")
        experience.pop("simulator")
        predict = next(s for s in steps if s["phase"] == "predict")
        predict.pop("prompt")
        predict["misconceptions"] = ["flat-earth"]
        steps[0]["phase"] = "lecture"

    edit(teach_copy, "workshops", change)
    errors = errors_for(teach_copy)
    assert any("an 'experience' step needs a 'simulator' link" in e for e in errors)
    assert any("a 'predict' step needs a 'prompt'" in e for e in errors)
    assert any("names unknown misconception 'flat-earth'" in e for e in errors)
    assert any("field 'phase' is 'lecture'; expected one of" in e for e in errors)


def test_unknown_source_inside_a_workshop_step_is_reported(teach_copy):
    edit(teach_copy, "workshops", lambda es: es[0]["steps"][2].update(notice="Look [@nobody-2020]."))
    assert any("content/workshops.yml: entry '" in e and "steps item #3: notice' cites unknown source 'nobody-2020'"
               in e for e in errors_for(teach_copy))


# Helpers -------------------------------------------------------------------------------------------

def test_heading_ids_follow_the_toc_extension():
    text = (
        "---\ntitle: T\n---\n# Title\n\n## 1. Patient-centered team care\n\n## A score informs judgement; "
        "it does not replace it\n\n## Items { #custom-id }\n\n## The [[registry|registry]] and [@aims-pc] you\n\n"
        "```\n## not a heading\n```\n"
    )
    ids = heading_ids(text)
    assert {"1-patient-centered-team-care", "a-score-informs-judgement-it-does-not-replace-it", "custom-id",
            "the-registry-and-you"} <= ids
    assert "not-a-heading" not in ids


def test_rule_values_are_shown_plainly():
    assert format_value(0.5, "fraction of baseline") == "0.5 (50%)"
    assert format_value(0.004, "probability per week") == "0.004 (0.4%)"
    assert format_value([8, 12], "weeks") == "8 to 12"
    assert format_value(10, "weeks") == "10"
    assert data_value((8, 12)) == "8,12" and data_value(0.5) == "0.5"
    assert rule_anchor("NOT_IMPROVING_WEEKS") == "rule-not-improving-weeks"


def test_every_simulator_source_is_in_the_bibliography(content):
    assert check_explainer_sources(set(content.sources)) == []
