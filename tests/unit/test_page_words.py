"""The simulator page's fixed words (explainer/page_words.py): each template takes exactly the values the
page's modules fill it with, the API answers the same words, and every word the page's JavaScript reads
is one the explainer writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Formatter

import pytest

from explainer import api, page_words
from explainer.page_words import PAGE_WORDS

ROOT = Path(__file__).resolve().parents[2]
SIMULATOR_JS = ROOT / "docs" / "assets" / "javascripts" / "simulator"
READERS = ("app.js", "walkthrough.js", "link-state.js", "settings.js", "trainer.js", "main.js")
"""The modules that read the page's words (as ``words.NAME``; elsewhere ``words`` is an API answer's)."""
APP_TEMPLATE = ROOT / "scripts" / "hooks" / "cocm_content" / "templates" / "simulator" / "app.html.j2"

FILLED_WITH = {
    "week_label": {"week", "weeks"},
    "run_replaced": {"done", "week"},
    "run_back": {"week"},
    "link_problems": {"problems"},
    "link_past_the_end": {"weeks", "asked"},
    "link_not_opened": {"reason"},
    "no_such_scenario": {"text"},
    "no_such_view": {"text"},
    "bad_patient_id": {"text"},
    "bad_switch": {"name", "words"},
    "not_a_whole_number": {"words", "low", "high"},
    "not_a_number": {"words", "low", "high"},
    "out_of_range": {"words", "low", "high", "text"},
    "import_not_json": {"file", "reason"},
    "import_refused": {"file", "reason"},
    "imported": {"title", "file"},
    "walk_progress": {"step", "steps", "week"},
    "walk_default_prompt": {"week"},
    "walk_run_to": {"week"},
    "walk_happened_by": {"week"},
}
"""The values the page fills each template with (its fill(words.NAME, {...}) call); the rest are fixed words."""


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("name", sorted(PAGE_WORDS))
def test_each_template_takes_exactly_the_values_the_page_fills_it_with(name):
    assert placeholders(PAGE_WORDS[name]) == FILLED_WITH.get(name, set())
    values = {key: f"<{key}>" for key in FILLED_WITH.get(name, ())}
    filled = page_words.words(name, **values)
    assert "{" not in filled and "}" not in filled
    assert all(value in filled for value in values.values())


def test_a_sentence_reads_with_its_values_in_place():
    assert page_words.words("week_label", week=3, weeks=52) == "Week 3 of 52"
    assert page_words.words("link_past_the_end", weeks=52, asked=60) == (
        "This scenario runs for 52 weeks; the link asks for week 60.")
    assert page_words.words("not_a_whole_number", words="week", low=0, high=260) == (
        "the week must be a whole number from 0 to 260")
    with pytest.raises(KeyError):
        page_words.words("run_back")


def test_no_name_is_given_twice_across_the_groups():
    groups = (page_words.RUN_WORDS, page_words.LINK_WORDS, page_words.SHARING_WORDS, page_words.WALKTHROUGH_WORDS)
    assert sum(len(group) for group in groups) == len(PAGE_WORDS)


def test_the_api_answers_the_page_words_and_takes_no_arguments():
    answer = json.loads(api.call(json.dumps({"op": "page_words"})))
    assert answer == {"ok": True, "result": PAGE_WORDS}
    refused = json.loads(api.call(json.dumps({"op": "page_words", "args": {"week": 3}})))
    assert not refused["ok"] and "week" in refused["error"]


def test_every_word_the_page_reads_is_written_by_the_explainer_and_every_word_is_read():
    read = set()
    for name in READERS:
        read |= set(re.findall(r"\bwords\.(\w+)", (SIMULATOR_JS / name).read_text(encoding="utf-8")))
    unknown = read - set(PAGE_WORDS)
    assert not unknown, f"the simulator's JavaScript reads words the explainer does not write: {sorted(unknown)}"
    used = read | set(re.findall(r"\bwords\.(\w+)", APP_TEMPLATE.read_text(encoding="utf-8")))
    assert set(PAGE_WORDS) <= used, f"words nothing shows: {sorted(set(PAGE_WORDS) - used)}"
