"""The built pages for supervisors and trainers: questions, workshop plans and the simulator's own rules."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from cocm_content.data import load_content
from cocm_content.simlinks import PARAMETERS, VIEWS, all_simulator_links
from cocm_content.simulator.teaching import data_value, format_value, rule_anchor

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.site

QUESTIONS_PAGE = "teach/reflective-questions/index.html"
GUIDE_PAGE = "teach/facilitator-guide/index.html"
MODEL_PAGE = "teach/how-the-simulator-works/index.html"
SIMULATOR_PAGE = "simulator/index.html"
SCENARIO_IDS = {p.stem for p in (ROOT / "content" / "scenarios").glob("*.json")}


def read_yaml(stem: str):
    return yaml.safe_load((ROOT / "content" / f"{stem}.yml").read_text(encoding="utf-8"))


class Tree(HTMLParser):
    """A minimal element tree: enough to look inside one list item or one table row."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "#root", "attrs": {}, "children": [], "text": []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "children": [], "text": []}
        self.stack[-1]["children"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1]["text"].append(data)
        self.stack[-1]["children"].append(data)


def parse(site: Path, rel: str) -> dict:
    tree = Tree()
    tree.feed((site / rel).read_text(encoding="utf-8"))
    return tree.root


def walk(node):
    yield node
    for child in node["children"]:
        if isinstance(child, dict):
            yield from walk(child)


def find(node, tag=None, **attrs):
    out = []
    for el in walk(node):
        if tag and el["tag"] != tag:
            continue
        ok = True
        for name, want in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            have = el["attrs"].get(name)
            if name == "class":
                ok = have is not None and want in have.split()
            else:
                ok = have is not None if want is True else have == want
            if not ok:
                break
        if ok:
            out.append(el)
    return out


def text(node) -> str:
    parts = []
    for child in node["children"]:
        parts.append(text(child) if isinstance(child, dict) else child)
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def questions_page(site_dir):
    return parse(site_dir, QUESTIONS_PAGE)


@pytest.fixture(scope="module")
def guide_page(site_dir):
    return parse(site_dir, GUIDE_PAGE)


@pytest.fixture(scope="module")
def model_page(site_dir):
    return parse(site_dir, MODEL_PAGE)


# Reflective questions ----------------------------------------------------------------------------

def test_every_question_is_rendered_with_its_theme_principle_and_source(questions_page):
    items = {el["attrs"]["data-cc-rq-question"]: el for el in find(questions_page, "li", data_cc_rq_question=True)}
    data = read_yaml("reflective_questions")
    assert set(items) == {q["id"] for q in data}
    for q in data:
        item = items[q["id"]]
        assert item["attrs"]["id"] == f"q-{q['id']}"
        assert item["attrs"]["data-theme"] == q["theme"]
        assert item["attrs"]["data-roles"].split() == q["roles"]
        labels = [text(dt) for dt in find(item, "dt")]
        expected = ["Why it matters", "Principle", "For", "Read more"]
        assert labels == expected + (["See it in the simulator"] if "simulator" in q else []), q["id"]
        why = find(item, "dd", class_="cc-rq__why")[0]
        assert [a for a in find(why, "a") if a["attrs"].get("href", "").startswith("#ref-")], f"{q['id']}: no source"
        principle = [a for a in find(item, "a") if "model/principles/#" in a["attrs"].get("href", "")]
        assert principle, f"{q['id']}: no link to its principle"
        toggle = find(item, "button", data_cc_rq_toggle=True)[0]
        assert toggle["attrs"]["aria-pressed"] == "false"
        assert toggle["attrs"]["aria-describedby"] == f"q-{q['id']}-text"
        note = find(item, "textarea")[0]
        assert find(item, "label", **{"for": note["attrs"]["id"]}), f"{q['id']}: notes field has no label"
        assert bool(find(item, "a", class_="cc-simlink")) == ("simulator" in q), q["id"]


def test_filters_are_labelled_form_controls(questions_page):
    fieldsets = find(questions_page, "fieldset")
    assert [text(find(f, "legend")[0]) for f in fieldsets] == ["Themes", "For"]
    themes = [el["attrs"]["value"] for el in find(fieldsets[0], "input")]
    assert themes == [t["id"] for t in read_yaml("question_themes")]
    roles = [el["attrs"]["value"] for el in find(fieldsets[1], "input")]
    assert roles == ["care-manager", "consultant", "primary-care-provider", "trainee"]
    form = find(questions_page, "form", data_cc_rq_filters=True)[0]
    for box in find(form, "input"):
        assert box["attrs"]["type"] == "checkbox"
    assert len(find(questions_page, "label", class_="cc-rq__check")) == len(themes) + len(roles)
    status = find(questions_page, "p", data_cc_rq_status=True)[0]
    assert status["attrs"]["role"] == "status" and status["attrs"]["aria-live"] == "polite"


def test_session_tools_and_privacy_note(questions_page):
    session = find(questions_page, "section", data_cc_rq_session=True)[0]
    buttons = {text(b) for b in find(session, "button")}
    assert {"Print handout", "Export notes", "Clear all notes", "Empty the session list"} <= buttons
    assert "Your list and notes stay in this browser." in text(session)
    assert "Do not type anything that could identify a patient." in text(session)


def test_no_inline_script_or_event_handler(site_dir):
    html = (site_dir / QUESTIONS_PAGE).read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+=", html), "inline event handler attribute"
    for match in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "src=" not in match.group(1) and 'type="application/json"' not in match.group(1):
            assert "cc-rq" not in match.group(2), "reflective-questions code in an inline script"


def test_the_print_stylesheet_shows_only_the_session_list(site_dir):
    css = (site_dir / "assets" / "stylesheets" / "reflective-questions-print.css").read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    assert "body:has(.cc-rq__session--filled) .md-typeset > :not(.cc-rq__session)" in block
    for chrome in (".md-header", ".md-sidebar", ".md-footer", ".md-tabs"):
        assert f"body:has(.cc-rq__session--filled) {chrome}" in block
    assert ".cc-rq__session--filled .cc-rq__lines" in block


# Simulator links --------------------------------------------------------------------------------

def _simlinks(site_dir: Path, rel: str, page: dict) -> list[tuple[str, dict[str, str]]]:
    out = []
    for a in find(page, "a", class_="cc-simlink"):
        href = a["attrs"]["href"]
        parts = urlsplit(href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
        assert (site_dir / target / "index.html").is_file(), f"{rel}: {href} does not reach a page"
        assert f"{target}/index.html" == SIMULATOR_PAGE, f"{rel}: {href} does not open the simulator"
        params = parse_qs(parts.query, strict_parsing=True)
        assert all(len(values) == 1 for values in params.values()), href
        out.append((href, {k: v[0] for k, v in params.items()}))
    return out


@pytest.mark.parametrize("rel", [QUESTIONS_PAGE, GUIDE_PAGE, MODEL_PAGE])
def test_every_simulator_link_names_a_known_scenario_and_a_valid_view(site_dir, rel):
    links = _simlinks(site_dir, rel, parse(site_dir, rel))
    assert links, f"{rel} has no simulator links"
    for href, params in links:
        assert set(params) <= set(PARAMETERS), f"{rel}: {href} has unknown parameters"
        assert params.get("scenario") in SCENARIO_IDS, f"{rel}: {href} names an unknown scenario"
        assert params.get("view") in VIEWS, f"{rel}: {href} names an unknown view"
        assert params.get("week", "").isdigit(), f"{rel}: {href} has no whole-number week"
        assert ("patient" in params) == (params["view"] == "patient"), href
        for switch in ("registry", "measurement", "review", "stepup", "present"):
            assert params.get(switch, "1") in ("0", "1"), href


def test_the_built_links_are_the_links_in_the_data(site_dir):
    built = set()
    for rel in (QUESTIONS_PAGE, GUIDE_PAGE):
        for href, _ in _simlinks(site_dir, rel, parse(site_dir, rel)):
            built.add("?" + urlsplit(href).query)
    data = {"?" + urlsplit(link_url).query for _, link_url, _ in all_simulator_links(load_content(ROOT))}
    assert data - built == set(), "links in the data that no page shows"


# Facilitator guide ------------------------------------------------------------------------------

def test_workshop_timetables_add_up_and_steps_have_what_they_need(guide_page):
    plans = {el["attrs"]["data-cc-plan"]: el for el in find(guide_page, "div", class_="cc-plan")}
    data = read_yaml("workshops")
    assert set(plans) == {p["id"] for p in data}
    assert {int(el["attrs"]["data-minutes"]) for el in plans.values()} >= {60, 90}
    for plan in data:
        table = find(plans[plan["id"]], "table")[0]
        minutes = [int(td["attrs"]["data-cc-minutes"]) for td in find(table, "td", data_cc_minutes=True)]
        total = int(find(table, "td", data_cc_total=True)[0]["attrs"]["data-cc-total"])
        assert sum(minutes) == plan["minutes"] == total, plan["id"]
        assert len(minutes) == len(plan["steps"])
        phases = [text(find(tr, "td")[1]) for tr in find(find(table, "tbody")[0], "tr")]
        assert phases == [{"setup": "Set-up", "wrap-up": "Wrap-up"}.get(s["phase"], s["phase"].capitalize())
                          for s in plan["steps"]], plan["id"]


def test_guide_has_checklist_accessibility_and_honesty(guide_page):
    body = text(guide_page)
    for phrase in ("Offline set-up checklist", "scripts/serve", "http://127.0.0.1:8000/", "present=1",
                   "Presenter mode", "Accessibility notes", "data table", "Colour is never the only cue",
                   "does not predict", "What learners should notice", "Misconceptions to expect"):
        assert phrase in body, f"facilitator guide lacks {phrase!r}"


# How the simulator works ------------------------------------------------------------------------

def _rules():
    from explainer import rules

    return rules


def test_the_rule_tables_show_the_values_in_the_code(model_page):
    rules = _rules()
    rows = {el["attrs"]["data-cc-rule"]: el for el in find(model_page, "tr", data_cc_rule=True)}
    assert set(rows) == {rule.name for rule in rules.RULES}, "rules missing from, or extra on, the page"
    for rule in rules.RULES:
        row = rows[rule.name]
        value = getattr(rules, rule.name) if hasattr(rules, rule.name) else rule.value
        assert value == rule.value, f"{rule.name}: the Rule and the constant disagree"
        assert row["attrs"]["id"] == rule_anchor(rule.name)
        shown = find(row, "data")[0]
        assert shown["attrs"]["value"] == data_value(value), rule.name
        assert text(shown) == format_value(value, rule.unit), rule.name
        cells = find(row, "td")
        assert rule.unit in text(cells[0]), rule.name
        assert text(cells[2]) == rule.basis, rule.name
        assert [a for a in find(cells[3], "a") if a["attrs"]["href"] == f"#ref-{rule.source}"], rule.name


def test_key_thresholds_match_the_measures_module(model_page):
    from explainer import measures, rules

    rows = {el["attrs"]["data-cc-rule"]: el for el in find(model_page, "tr", data_cc_rule=True)}

    def shown(name):
        return find(rows[name], "data")[0]["attrs"]["value"]

    assert shown("RESPONSE_DROP") == data_value(measures.RESPONSE_DROP)
    assert shown("REMISSION_BELOW") == data_value(measures.REMISSION_BELOW)
    assert shown("SAFETY_ITEM_MIN") == data_value(measures.SAFETY_ITEM_MIN)
    assert shown("NOT_IMPROVING_WEEKS") == data_value(rules.NOT_IMPROVING_WEEKS)
    assert shown("OVERDUE_ACUTE_DAYS") == data_value(rules.OVERDUE_ACUTE_DAYS)
    assert shown("CONSULTANT_HOURS_PER_FTE") == data_value(rules.CONSULTANT_HOURS_PER_FTE)


def test_the_flags_table_reads_the_same_constants(model_page):
    from explainer import registry

    rules = _rules()
    rows = {el["attrs"]["data-cc-flag"]: el for el in find(model_page, "tr", data_cc_flag=True)}
    assert set(rows) == {flag.name for flag in registry.FLAGS}
    named = rules.rules_by_name()
    for flag in registry.FLAGS:
        values = [d["attrs"]["value"] for d in find(rows[flag.name], "data")]
        assert values == [data_value(named[name].value) for name in flag.constants], flag.name
        assert [a for a in find(rows[flag.name], "a") if a["attrs"].get("href") == f"#ref-{flag.source}"]


def test_the_calibration_is_rendered_from_the_code(model_page):
    from explainer import calibration

    rows = {el["attrs"]["data-cc-target"]: el for el in find(model_page, "tr", data_cc_target=True)}
    assert set(rows) == set(calibration.TARGETS)
    for arm, target in calibration.TARGETS.items():
        values = [float(d["attrs"]["value"]) for d in find(rows[arm], "data")]
        assert values == [target["response_rate"], *target["band"]], arm
    body = text(model_page)
    assert calibration.CALIBRATION["statement"] in body
    for item in calibration.CALIBRATION["not_reproduced"]:
        assert item in body
    assert "What the simulator does not model" in body
    assert "illustration, not a prediction" in body
