"""The debrief after a review the learner held: checklist points, patient by patient, and a session summary."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import api, debrief, rules

ROOT = Path(__file__).resolve().parents[2]


def clinic() -> tuple[api.Api, dict]:
    client = api.Api()
    return client, client.dispatch("create", {"scenario": "clinic"})


def point(review: dict, key: str) -> dict:
    return next(item for item in review["checklist"] if item["id"] == key)


def test_every_checklist_point_and_rule_cites_a_known_source():
    keys = {entry["key"] for entry in yaml.safe_load((ROOT / "content" / "sources.yml").read_text())}
    assert {item.source for item in debrief.CHECKLIST} <= keys
    client, view = clinic()
    held = client.dispatch("decide", {"token": view["token"], "discuss": []})
    for patient in client.dispatch("debrief", {"token": held["token"]})["latest"]["patients"]:
        assert patient["consultant"]["source"] in keys
        assert patient["consultant"]["rule"] in rules.rules_by_name()


def test_a_review_held_as_the_registry_and_consultant_would_shows_no_difference():
    client, view = clinic()
    agenda = [item["id"] for item in view["agenda"]["items"]]
    empty = client.dispatch("debrief", {"token": view["token"]})
    assert empty["latest"] is None and "not held a review" in empty["summary"]["text"]
    probe = client.dispatch("decide", {"token": view["token"], "discuss": agenda})
    advised = {p["id"]: p["consultant"]["action"]
               for p in client.dispatch("debrief", {"token": probe["token"]})["latest"]["patients"]}
    held = client.dispatch("decide", {"token": view["token"], "discuss": agenda, "recommend": advised})
    review = client.dispatch("debrief", {"token": held["token"]})["latest"]
    assert not any(item["differs"] for item in review["checklist"])
    assert all(p["same"] is True for p in review["patients"])
    assert review["counts"]["left_out"] == 0 and review["counts"]["differed"] == 0


def test_leaving_patients_off_and_overriding_advice_are_named_with_the_reason():
    client, view = clinic()
    agenda = view["agenda"]["items"]
    flagged = next(item["id"] for item in agenda if item["tier"] == "not_improving")
    kept = [item["id"] for item in agenda if item["tier"] != "new"]
    probe = client.dispatch("debrief", {"token": client.dispatch("decide", {"token": view["token"],
                                                                            "discuss": [flagged]})["token"]})
    advised = next(p for p in probe["latest"]["patients"] if p["id"] == flagged)["consultant"]["action"]
    other = "continue" if advised != "continue" else "direct-evaluation"
    held = client.dispatch("decide", {"token": view["token"], "discuss": kept, "recommend": {flagged: other}})
    review = client.dispatch("debrief", {"token": held["token"]})["latest"]
    new = [item["id"] for item in agenda if item["tier"] == "new"]
    assert point(review, "agenda")["differs"] and all(pid in point(review, "agenda")["finding"] for pid in new)
    assert point(review, "time")["differs"]
    assert point(review, "specific")["differs"] and flagged in point(review, "specific")["finding"]
    entry = next(p for p in review["patients"] if p["id"] == flagged)
    assert entry["same"] is False and entry["yours"]["action"] == other
    assert entry["why"] and "week" in entry["why"][0]
    assert entry["consultant"]["rule"] == "NOT_IMPROVING_WEEKS" and entry["consultant"]["source"] == "aims-pc"
    left = [p for p in review["patients"] if not p["on_your_list"]]
    assert sorted(p["id"] for p in left) == sorted(new)
    assert all("not on your list" in p["text"] for p in left)


@settings(max_examples=8, deadline=None)
@given(st.data())
def test_the_session_summary_adds_up_every_review(data):
    client, view = clinic()
    for _ in range(data.draw(st.integers(1, 3))):
        ids = [item["id"] for item in view["agenda"]["items"]]
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))) if ids else []
        view = client.dispatch("decide", {"token": view["token"], "discuss": chosen})
        view = client.dispatch("step", {"token": view["token"], "weeks": data.draw(st.integers(0, 2)) or 1})
    answer = client.dispatch("debrief", {"token": view["token"]})
    reviews = answer["reviews"]
    assert answer["summary"]["reviews"] == len(reviews) >= 1
    for key, total in answer["summary"]["totals"].items():
        assert total == sum(r["counts"][key] for r in reviews)
    for review in reviews:
        assert review["counts"]["discussed"] == sum(p["on_your_list"] for p in review["patients"])
        assert review["counts"]["left_out"] == sum(not p["on_your_list"] for p in review["patients"])
    assert answer == api.Api().dispatch("debrief", {"token": view["token"]})


def test_the_debrief_page_gets_every_sentence_and_label_from_python():
    client, view = clinic()
    agenda = [item["id"] for item in view["agenda"]["items"]]
    held = client.dispatch("decide", {"token": view["token"], "discuss": agenda[:-1]})
    answer = client.dispatch("debrief", {"token": held["token"]})
    review = answer["latest"]
    week = view["week"]
    assert review["heading"] == f"Debrief: Week {week} review (held at the start of week {week + 1})"
    agenda_point = point(review, "agenda")
    assert agenda_point["status"] == "A prioritised agenda (your choices differed)."
    assert agenda_point["text"].startswith(agenda_point["asks"]) and agenda[-1] in agenda_point["text"]
    left = next(p for p in review["patients"] if p["id"] == agenda[-1])
    assert (left["registry_text"], left["yours_text"]) == ("yes", "no")
    assert left["label"].startswith(left["name"]) and left["tier_label"] in left["label"]
    assert "not on your list" in left["detail"] and left["rule_line"].startswith(left["consultant"]["rule"] + ": ")
    assert len(answer["words"]["columns"]) == 5 and answer["words"]["caption"]
