"""Every page's front matter and markers, and the marker syntax itself."""

from __future__ import annotations

import pytest
from cocm_content.data import load_content
from cocm_content.markup import scan
from cocm_content.pages import PageScan, check_meta, scan_page, uncited_sources
from cocm_content.render import PageContext, Renderer, short_reference

from .conftest import ROOT, docs_page_exists

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT, docs_page_exists)


@pytest.fixture(scope="module")
def scans(content) -> dict[str, PageScan]:
    out = {}
    for page in PAGES:
        result, errors = scan_page((DOCS / page).read_text(encoding="utf-8"), f"docs/{page}", content)
        assert errors == [], "\n".join(errors)
        out[page] = result
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_has_summary_takeaways_and_review_date(scans, page):
    meta = scans[page].meta
    assert meta["summary"].strip()
    assert 3 <= len(meta["takeaways"]) <= 5
    assert str(meta["reviewed"])[:4].isdigit()


@pytest.mark.parametrize("page", PAGES)
def test_page_cites_at_least_one_source(scans, page):
    data_shortcodes = {"glossary", "misconceptions", "smart-objectives", "bibliography"}
    scan_ = scans[page]
    assert scan_.cites or data_shortcodes & {name for name, _ in scan_.shortcodes}, f"docs/{page} cites no source"


def test_every_source_is_cited(content, scans):
    assert uncited_sources(content, scans) == []


def test_every_glossary_term_used_exists(content, scans):
    used = {term for s in scans.values() for term, _ in s.terms}
    assert used <= set(content.glossary)


def test_missing_front_matter_fields_are_named():
    errors = check_meta({"title": "T", "takeaways": ["a", "b", "c"], "reviewed": "22-11-2026"}, "docs/x.md")
    assert "docs/x.md: front matter field 'summary' is missing or empty" in errors
    assert any("front matter field 'reviewed' is '22-11-2026', not an ISO date" in e for e in errors)


def test_too_few_takeaways_is_an_error():
    meta = {"title": "T", "summary": "S.", "takeaways": ["only one"], "reviewed": "2026-11-22"}
    errors = check_meta(meta, "docs/x.md")
    assert errors == ["docs/x.md: front matter field 'takeaways' has 1 items; give 3 to 5"]


def test_unknown_key_term_and_shortcode_are_reported_with_file_and_line(content):
    source = "\n".join([
        "---", "title: T", "summary: S.", "takeaways: [a, b, c]", "reviewed: 2026-11-22", "---",
        "# T",
        "Text [@impact-abs; @not-a-source].",
        "A [[not-a-term]] and [[shown|registry]].",
        "<!-- render: nothing-here -->",
        "Bad [@Impact ABS] and [[Bad Term]].",
    ])
    _, errors = scan_page(source, "docs/x.md", content)
    assert "docs/x.md:8: unknown source key 'not-a-source' (not in content/sources.yml)" in errors
    assert "docs/x.md:9: unknown glossary term 'not-a-term' (not in content/glossary.yml)" in errors
    assert any(e.startswith("docs/x.md:10: unknown shortcode '<!-- render: nothing-here -->'") for e in errors)
    assert any(e.startswith("docs/x.md:11: malformed citation [@Impact ABS]") for e in errors)
    assert any(e.startswith("docs/x.md:11: malformed glossary marker [[Bad Term]]") for e in errors)


def test_the_old_simulator_shortcode_is_refused_with_the_new_syntax(content):
    front = "---\ntitle: T\nsummary: S.\ntakeaways: [a, b, c]\nreviewed: 2026-11-22\n---\n"
    source = front + "# T\n\n<!-- simulator: app -->\n"
    _, errors = scan_page(source, "docs/x.md", content)
    assert errors == ["docs/x.md:9: '<!-- simulator: app -->' is the old syntax; write <!-- render: simulator-app -->"]
    page, errors = scan_page(source.replace("simulator: app", "render: simulator-app"), "docs/x.md", content)
    assert errors == [] and page.shortcodes == [("simulator-app", 9)]


def test_markers_in_code_are_left_alone():
    text = "\n".join([
        "Cite [@impact-abs].",
        "```markdown",
        "[@not-scanned] [[not-scanned]]",
        "```",
        "Inline `[@also-not]` code, and <!-- [@comment] --> too.",
        "    ~~~",
        "    [[indented-fence]]",
        "    ~~~",
        "Then [[registry]].",
    ])
    assert list(scan(text)) == [("cite", "impact-abs", 1), ("term", "registry", 9)]


def test_citations_are_numbered_by_first_use_and_listed(content):
    ctx = PageContext("model/x.md", lambda p: "../../" + p.removesuffix(".md") + "/")
    renderer = Renderer(content)
    markdown = "A [@cochrane-abs]. B [@impact-abs; @cochrane-abs]. `[@impact-abs]`\n\nC [[registry]], [[registry]]."
    out, order = renderer.link_terms_and_citations(markdown, ctx)
    assert order == ["cochrane-abs", "impact-abs"]
    assert 'href="#ref-impact-abs"' in out and ">2</a>" in out
    assert "`[@impact-abs]`" in out
    assert out.count('aria-describedby="cc-tip-registry-1"') == 1
    assert out.count('href="../../reference/glossary/#term-registry"') == 2
    refs = renderer.references(order, ctx)
    assert refs.index('id="ref-cochrane-abs"') < refs.index('id="ref-impact-abs"')
    assert 'href="../../reference/bibliography/#src-impact-abs"' in refs


def test_short_reference_forms(content):
    assert short_reference({"authors": "Kroenke K, Spitzer RL, Williams JBW", "year": 2001}) == "Kroenke et al. 2001"
    assert short_reference({"authors": "Liu C-F et al.", "year": 2007}) == "Liu et al. 2007"
    assert short_reference({"authors": "Raney LE", "year": 2015}) == "Raney 2015"


def test_terms_in_headings_are_plain_links_and_indents_survive(content):
    ctx = PageContext("x.md", lambda p: p.removesuffix(".md") + "/")
    markdown = "## The [[registry]]\n\n!!! note\n\n    [@impact-abs] starts a line.\n\nA [[registry]]."
    out, _ = Renderer(content).link_terms_and_citations(markdown, ctx)
    heading, _, rest = out.partition("\n")
    assert "cc-term__tip" not in heading and 'href="reference/glossary/#term-registry"' in heading
    assert "\n    <sup" in out
    assert 'aria-describedby="cc-tip-registry-1"' in rest
