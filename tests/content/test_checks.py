"""Knowledge checks (content/checks/<section>/<page>.yml): every page of the three sections has them,
and every malformed file, question, option or reference is named by file, entry and field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from cocm_content.checks import MIN_QUESTIONS, SECTIONS, check_file, load_checks
from cocm_content.data import load_content
from cocm_content.markup import heading_ids

from .conftest import ROOT, docs_page_exists

CONTENT = load_content(ROOT, docs_page_exists)
SOURCES = set(CONTENT.sources)
TERMS = set(CONTENT.glossary)
LABEL = "content/checks/model/team.yml"
GOOD = [
    {
        "id": f"question-{n}",
        "stem": "Who prescribes in Collaborative Care?",
        "options": [
            {"text": "The primary care provider", "correct": True, "feedback": "Right [@mccist-team]."},
            {"text": "The psychiatric consultant", "correct": False, "feedback": "They advise [@aims-pc]."},
            {"text": "The care manager", "correct": False, "feedback": "They support it."},
        ],
        "source": "mccist-team",
        "anchor": "the-primary-care-provider",
    }
    for n in (1, 2, 3)
]
TEAM_ANCHORS = heading_ids((ROOT / "docs" / "model" / "team.md").read_text(encoding="utf-8"))


def problems(data) -> list[str]:
    errors, _ = check_file(data, LABEL, SOURCES, TERMS, TEAM_ANCHORS)
    return errors


def broken(change) -> list[str]:
    data = copy.deepcopy(GOOD)
    change(data)
    return problems(data)


def anchors_of(path: str) -> set[str] | None:
    page = ROOT / "docs" / path
    return heading_ids(page.read_text(encoding="utf-8")) if page.is_file() else None


def section_pages(section: str) -> list[str]:
    return sorted(f"{section}/{p.name}" for p in (ROOT / "docs" / section).glob("*.md"))


@pytest.mark.parametrize("docs_path", [p for s in SECTIONS for p in section_pages(s)])
def test_every_page_of_the_three_sections_has_its_checks(docs_path):
    path = ROOT / "content" / "checks" / docs_path.replace(".md", ".yml")
    assert path.is_file(), f"docs/{docs_path} has no knowledge checks: write {path.relative_to(ROOT)}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) >= MIN_QUESTIONS
    errors, _ = check_file(data, str(path.relative_to(ROOT)), SOURCES, TERMS, anchors_of(docs_path))
    assert errors == []


def test_the_project_checks_load_and_cite_their_sources():
    checks, errors = load_checks(ROOT, SOURCES, TERMS, docs_page_exists, anchors_of)
    assert errors == []
    assert set(checks.pages) >= {f"model/{p.name}" for p in (ROOT / "docs" / "model").glob("*.md")}
    assert "content/checks/model/team.yml" in checks.cited["mccist-team"]


def test_a_good_file_has_no_problems():
    assert problems(GOOD) == []


def test_too_few_questions():
    assert broken(lambda d: d.pop()) == [f"{LABEL}: needs at least 3 entries, has 2"]


def test_not_a_list():
    assert problems({"id": "x"}) == [f"{LABEL}: the file must hold a list of entries, not dict"]


@pytest.mark.parametrize("count", [2, 5])
def test_three_or_four_options(count):
    def change(d):
        d[0]["options"] = [dict(d[0]["options"][0])] + [dict(d[0]["options"][1]) for _ in range(count - 1)]

    assert broken(change) == [
        f"{LABEL}: entry 'question-1': field 'options' has {count} options; give 3 or 4"
    ]


def test_exactly_one_correct_option():
    def none_right(d):
        d[1]["options"][0]["correct"] = False

    def two_right(d):
        d[2]["options"][1]["correct"] = True

    assert broken(none_right) == [
        f"{LABEL}: entry 'question-2': field 'options' must have exactly one option with 'correct: true', has 0"
    ]
    assert broken(two_right) == [
        f"{LABEL}: entry 'question-3': field 'options' must have exactly one option with 'correct: true', "
        "has 2 (options 1, 2)"
    ]


def test_every_option_needs_feedback_and_a_true_or_false():
    def change(d):
        del d[0]["options"][2]["feedback"]
        d[0]["options"][1]["correct"] = "no"

    assert broken(change) == [
        f"{LABEL}: entry 'question-1': field 'options' item #2: field 'correct' must be true or false, not 'no'",
        f"{LABEL}: entry 'question-1': field 'options' item #3: field 'feedback' is missing",
    ]


def test_unknown_source_key_and_citation():
    def change(d):
        d[0]["source"] = "no-such-source"
        d[1]["options"][1]["feedback"] = "See [@not-a-key]."
        d[2]["stem"] = "What does a [[not-a-term]] do?"

    assert broken(change) == [
        f"{LABEL}: entry 'question-1': field 'source' names unknown source 'no-such-source' (not in content/sources.yml)",
        f"{LABEL}: entry 'question-2': field 'options item #2: feedback' cites unknown source 'not-a-key'",
        f"{LABEL}: entry 'question-3': field 'stem' uses unknown glossary term 'not-a-term'",
    ]


def test_malformed_citation_and_missing_heading():
    def change(d):
        d[0]["options"][0]["feedback"] = "Right [@Bad Key]."
        d[1]["anchor"] = "no-such-heading"

    assert broken(change) == [
        f"{LABEL}: entry 'question-1': field 'options item #1: feedback' has a malformed marker [@Bad Key]",
        f"{LABEL}: entry 'question-2': field 'anchor': the page has no heading '#no-such-heading'",
    ]


def test_duplicate_ids_and_unknown_fields():
    def change(d):
        d[1]["id"] = "question-1"
        d[2]["answer"] = 1

    found = broken(change)
    assert f"{LABEL}: entry 'question-1': field 'id' duplicates entry #1 (each id must be unique)" in found
    assert any(e.startswith(f"{LABEL}: entry 'question-3': field 'answer' is not a known field") for e in found)


def write(root: Path, rel: str, data) -> None:
    path = root / "content" / "checks" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_files_must_map_to_a_page_and_every_page_of_a_started_section_needs_one(tmp_path):
    write(tmp_path, "model/team.yml", GOOD)
    write(tmp_path, "model/no-such-page.yml", GOOD)
    write(tmp_path, "reference/glossary.yml", GOOD)
    write(tmp_path, "model/broken.yml", "{not: [valid")
    pages = ["model/team.md", "model/workflow.md", "evidence/impact.md", "reference/glossary.md"]
    checks, errors = load_checks(tmp_path, SOURCES, TERMS, docs_page_exists, anchors_of, pages=pages)
    assert list(checks.pages) == ["model/team.md"]
    assert errors == [
        "content/checks/model/broken.yml: there is no page docs/model/broken.md for these questions",
        "content/checks/model/no-such-page.yml: there is no page docs/model/no-such-page.md for these questions",
        "content/checks/reference/glossary.yml: checks files are content/checks/<section>/<page>.yml, "
        "sections model, evidence, practice",
        # model/ has a folder, so its pages need files; evidence/ has none yet, so it is not required.
        "docs/model/workflow.md: has no knowledge checks (write content/checks/model/workflow.yml)",
    ]


def test_unreadable_yaml_is_named(tmp_path):
    (tmp_path / "content" / "checks" / "model").mkdir(parents=True)
    (tmp_path / "content" / "checks" / "model" / "team.yml").write_text("- id: [unclosed\n", encoding="utf-8")
    _, errors = load_checks(tmp_path, SOURCES, TERMS, docs_page_exists, anchors_of)
    assert len(errors) == 1 and errors[0].startswith("content/checks/model/team.yml: is not valid YAML")


def test_a_source_first_cited_in_the_checks_gets_its_back_link_to_the_questions():
    from cocm_content.checks import first_cited_in_checks

    markdown = (
        'Prose <a href="#ref-a" id="cite-a">1</a>.\n\n## Check your understanding { #check-your-understanding }\n'
        '<a href="#ref-a">1</a> <a href="#ref-b" id="cite-b">2</a>'
    )
    refs = '<a class="cc-backref" href="#cite-a">&#8617;</a> <a class="cc-backref" href="#cite-b">&#8617;</a>'
    out = first_cited_in_checks(markdown, refs, ["a", "b"])
    assert out == '<a class="cc-backref" href="#cite-a">&#8617;</a> <a class="cc-backref" href="#check-your-understanding">&#8617;</a>'
    assert first_cited_in_checks("no checks here", refs, ["a", "b"]) == refs
