"""The built knowledge checks: each page's questions as labelled groups with a live region, no answer in
the questions themselves, the answers only in a closed disclosure for readers without JavaScript, the
page's citations numbered with the page's own, and "What I have covered" listing every page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from tests.site.test_teach_pages import find, parse, text

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "scripts" / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

from cocm_content import render  # noqa: E402
from cocm_content.checks import EXERCISES, SECTIONS  # noqa: E402

pytestmark = pytest.mark.site

PROGRESS_PAGE = "reference/progress/index.html"
CHECK_FILES = sorted((ROOT / "content" / "checks").glob("*/*.yml"))


def url_of(rel_yml: Path) -> str:
    """The page's folder in the built site: ``model/team/``, or ``model/`` for ``model/index.md``."""
    return f"{rel_yml.parent.name}/" + ("" if rel_yml.stem == "index" else f"{rel_yml.stem}/")


def built(rel_yml: Path) -> str:
    return url_of(rel_yml) + "index.html"


def questions_of(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def plain(markdown: str) -> str:
    """A field's words as the page shows them, up to its first citation or glossary marker (which the
    page turns into a number or a link with a tooltip)."""
    return render.plain(re.split(r"\[@|\[\[", markdown)[0])


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_question_is_a_group_with_a_legend_options_and_a_live_region(site_dir, path):
    page = parse(site_dir, built(path))
    questions = questions_of(path)
    section = find(page, "div", data_cc_checks=f"{path.parent.name}/{path.stem}")
    assert len(section) == 1
    forms = find(section[0], "form", data_cc_check=True)
    assert [f["attrs"]["data-cc-check"] for f in forms] == [q["id"] for q in questions]
    for form, question in zip(forms, questions, strict=True):
        legend = find(form, "legend")
        assert len(find(form, "fieldset")) == 1 and len(legend) == 1
        assert plain(question["stem"]) in text(legend[0])
        radios = find(form, "input", type="radio")
        assert len(radios) == len(question["options"])
        assert len({r["attrs"]["name"] for r in radios}) == 1
        for radio, option in zip(radios, question["options"], strict=True):
            label = find(form, "label", for_=radio["attrs"]["id"])
            assert len(label) == 1 and text(label[0]) == plain(option["text"])
            # Nothing in the question itself tells which option is right.
            assert set(radio["attrs"]) == {"type", "id", "name", "value"}
        region = find(form, "div", data_cc_check_feedback=True)
        assert len(region) == 1 and region[0]["attrs"].get("aria-live") == "polite" and text(region[0]) == ""
        assert text(find(form, "button", type="submit")[0]) == "Check answer"


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_feedback_is_only_in_the_closed_disclosure_and_cites_like_the_page(site_dir, path):
    page = parse(site_dir, built(path))
    section = find(page, "div", data_cc_checks=True)[0]
    details = find(section, "details", data_cc_checks_answers=True)
    assert len(details) == 1 and "open" not in details[0]["attrs"]
    assert text(find(details[0], "summary")[0]) == "Show the answers"
    outside = text({"children": [c for c in section["children"] if c is not details[0]]})
    references = {li["attrs"]["id"] for li in find(page, "li") if li["attrs"].get("id", "").startswith("ref-")}
    for question in questions_of(path):
        block = find(details[0], "div", data_cc_check_answer=question["id"])[0]
        assert plain(next(o for o in question["options"] if o["correct"])["text"]) in text(find(block, "p")[0])
        for option in question["options"]:
            words = plain(option["feedback"])
            assert words[:60] in text(block)
            assert words[:60] not in outside, "feedback shown outside the answers disclosure"
        cited = {a["attrs"]["href"][1:] for a in find(block, "a") if a["attrs"].get("href", "").startswith("#ref-")}
        assert f"ref-{question['source']}" in cited
        assert cited <= references, "a citation in the checks has no entry in the page's reference list"


def test_pages_without_checks_do_not_load_the_module(site_dir):
    with_checks = {built(p) for p in CHECK_FILES} | {PROGRESS_PAGE}
    for html in site_dir.rglob("*.html"):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        source = html.read_text(encoding="utf-8")
        has = re.search(r'<script type="module" src="[^"]*assets/javascripts/checks\.mjs"', source) is not None
        assert has == (rel in with_checks), rel


def test_every_page_with_checks_is_listed_on_what_i_have_covered(site_dir):
    page = parse(site_dir, PROGRESS_PAGE)
    rows = {r["attrs"]["data-cc-progress-page"]: r for r in find(page, "tr", data_cc_progress_page=True)}
    assert set(rows) == {f"{p.parent.name}/{p.stem}" for p in CHECK_FILES}
    for path in CHECK_FILES:
        row = rows[f"{path.parent.name}/{path.stem}"]
        assert row["attrs"]["data-cc-progress-ids"].split() == [q["id"] for q in questions_of(path)]
        assert find(row, "a")[0]["attrs"]["href"].endswith(f"{url_of(path)}#check-your-understanding")
    headings = [text(h) for h in find(page, "h2")]
    assert [h for h in headings if h in ("The model", "Evidence", "Practice")] == [
        {"model": "The model", "evidence": "Evidence", "practice": "Practice"}[s]
        for s in SECTIONS if (ROOT / "content" / "checks" / s).is_dir()
    ]
    assert [e["attrs"]["data-cc-progress-exercise"] for e in find(page, "li", data_cc_progress_exercise=True)] == [
        e["id"] for e in EXERCISES
    ]


def test_what_i_have_covered_says_where_answers_live_and_what_the_record_is_not(site_dir):
    page = parse(site_dir, PROGRESS_PAGE)
    words = text(page)
    assert "Your answers stay in this browser." in words
    assert "nothing is sent anywhere" in words
    record = find(page, "section", data_cc_record=True)
    assert len(record) == 1
    assert "This record is not continuing-education credit." in text(record[0])
    assert find(record[0], "time", data_cc_record_date=True)
    buttons = {text(b) for b in find(page, "button")}
    assert {"Download my answers (JSON)", "Clear my answers", "Undo", "Print the completion record"} <= buttons


def test_the_print_stylesheet_prints_only_the_record(site_dir):
    css = (site_dir / "assets" / "stylesheets" / "checks-print.css").read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    assert "body:has([data-cc-record]) .md-typeset > :not(.cc-record)" in block
    for chrome in (".md-header", ".md-sidebar", ".md-footer", ".md-tabs"):
        assert f"body:has([data-cc-record]) {chrome}" in block
    source = (site_dir / PROGRESS_PAGE).read_text(encoding="utf-8")
    assert re.search(r'<link rel="stylesheet" href="[^"]*checks-print\.css">', source)


def test_the_service_worker_keeps_the_checks_code(site_dir):
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    for asset in ("checks.mjs", "checks/store.mjs", "checks/questions.mjs", "checks/progress.mjs"):
        assert f'"assets/javascripts/{asset}"' in worker
    for sheet in ("checks.css", "checks-print.css"):
        assert f'"assets/stylesheets/{sheet}"' in worker
