"""Fixtures for the built-HTML tests: every page of the site, parsed once per session.

The site itself comes from the shared ``built_site`` fixture (tests/conftest.py), which builds it
once per session with ``mkdocs build --strict`` into a temporary folder, or reuses the folder that
``scripts/test`` built. Parsing uses only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest


@dataclass
class Element:
    """One start tag: its name and attributes."""

    tag: str
    attrs: dict[str, str]


@dataclass
class Page:
    """A built HTML page: its path relative to the site, its elements, ids and visible text."""

    path: str
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text: str = ""

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements with this tag (any if None) whose attributes contain each given value.

        A ``class_`` argument matches one class among several.
        """
        out = []
        for el in self.elements:
            if tag and el.tag != tag:
                continue
            ok = True
            for name, want in attrs.items():
                ok = want in el.attrs.get("class", "").split() if name == "class_" else el.attrs.get(name) == want
                if not ok:
                    break
            if ok:
                out.append(el)
        return out


class _Collector(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        values = {k: (v or "") for k, v in attrs}
        self.page.elements.append(Element(tag, values))
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(values[key])
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def parse(site: Path, path: Path) -> Page:
    page = Page(path.relative_to(site).as_posix())
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    page.text = " ".join(" ".join(collector.chunks).split())
    return page


@pytest.fixture(scope="session")
def site_dir(built_site) -> Path:
    return built_site


@pytest.fixture(scope="session")
def site_pages(built_site) -> dict[str, Page]:
    """Every HTML page of the site (not vendored assets), by path relative to the site."""
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages[rel] = parse(built_site, path)
    assert "index.html" in pages
    return pages


@pytest.fixture(scope="session")
def content_pages(site_pages) -> dict[str, Page]:
    """The pages built from docs/*.md (every page but the 404 page)."""
    return {rel: page for rel, page in site_pages.items() if rel != "404.html"}
