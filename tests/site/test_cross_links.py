"""The pages a reader comes from link, in their text, to the pages on safety, bipolar screening,
substance use, levels of integration and telehealth, and those pages link back.

Only links inside the page's article count: the navigation and the previous/next footer link to
every page, so they would prove nothing.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.site

SAFETY = "practice/suicide-risk-and-safety.md"
BIPOLAR = "practice/bipolar-screening.md"
SUBSTANCE = "practice/substance-use.md"
LEVELS = "model/integration-levels.md"
TELEHEALTH = "practice/telehealth-and-rural.md"
CROSS_LINKS = [
    ("model/team.md", TELEHEALTH),
    (TELEHEALTH, "model/team.md"),
    (TELEHEALTH, LEVELS),
    ("misconceptions.md", LEVELS),
    ("model/index.md", LEVELS),
    (LEVELS, "misconceptions.md"),
    (LEVELS, "model/index.md"),
    ("evidence/populations.md", SUBSTANCE),
    (SUBSTANCE, "evidence/populations.md"),
    (SUBSTANCE, SAFETY),
    ("practice/treatment-planning.md", BIPOLAR),
    (BIPOLAR, "practice/treatment-planning.md"),
    (BIPOLAR, "model/workflow.md"),
    ("model/measurement.md", SAFETY),
    ("practice/cautions.md", SAFETY),
    ("simulator/index.md", SAFETY),
    (SAFETY, "model/measurement.md"),
    (SAFETY, "practice/cautions.md"),
    (SAFETY, "simulator/index.md"),
]
"""(page a reader comes from, page it must link to in its text), as docs/ paths."""


class _ArticleLinks(HTMLParser):
    """The href of every link inside the page's <article> element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def _built(docs_path: str) -> str:
    """Where mkdocs (directory URLs) writes a docs/ page, relative to the site."""
    stem = docs_path.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"


def _linked_pages(site: Path, page_rel: str) -> set[str]:
    """Site-relative HTML files that the article of page_rel links to."""
    parser = _ArticleLinks()
    parser.feed((site / page_rel).read_text(encoding="utf-8"))
    out = set()
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), unquote(parts.path)))
        out.add(target + "/index.html" if not target.endswith(".html") else target)
    return out


@pytest.mark.parametrize(("source", "target"), CROSS_LINKS, ids=[f"{s}->{t}" for s, t in CROSS_LINKS])
def test_page_links_to_the_page_a_reader_needs_next(site_dir, source, target):
    linked = _linked_pages(site_dir, _built(source))
    assert _built(target) in linked, f"docs/{source} does not link to docs/{target} in its text"


def test_article_links_ignore_the_navigation(site_dir):
    # The glossary page's navigation links to the safety page; its article does not.
    page = _built("reference/glossary.md")
    assert "suicide-risk-and-safety/" in (site_dir / page).read_text(encoding="utf-8")
    assert _built(SAFETY) not in _linked_pages(site_dir, page)
