"""No citation or glossary marker reaches a reader as raw text.

A marker the content hook does not recognise (for example a ``[[term|id]]`` split over two lines)
is left in the page as literal brackets; only code samples may show marker syntax.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.site

SKIPPED = {"script", "style", "code", "pre"}
MARKERS = ("[[", "[@")


class _ProseText(HTMLParser):
    """Visible text outside scripts, styles and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def _prose(html: str) -> str:
    parser = _ProseText()
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split())


def test_no_page_shows_a_raw_marker(site_dir, site_pages):
    problems = []
    for rel in site_pages:
        text = _prose((site_dir / rel).read_text(encoding="utf-8"))
        for marker in MARKERS:
            at = text.find(marker)
            if at >= 0:
                problems.append(f"{rel}: ...{text[max(0, at - 40):at + 40]}...")
    assert problems == [], "\n".join(problems)


def test_a_split_marker_would_be_caught():
    html = "<article><p>A [[general behavioral health\nintegration|general-bhi]] code.</p><code>[@ok]</code></article>"
    assert "[[" in _prose(html)
    assert "[@" not in _prose(html)
