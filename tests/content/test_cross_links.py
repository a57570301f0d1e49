"""The newer pages are reachable from the pages a reader would come from, and link back to them."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from .conftest import ROOT

DOCS = ROOT / "docs"
LINK = re.compile(r"\]\((?![a-z]+:)([^)\s]+\.md)(?:#[^)\s]*)?\)")

# page -> the pages a reader would come from; each must link to the page, and the page to each.
NEIGHBOURS = {
    "evidence/special-populations.md": [
        "evidence/populations.md",
        "model/measurement.md",
        "evidence/newer-evidence.md",
    ],
    "evidence/newer-evidence.md": [
        "evidence/impact.md",
        "evidence/cochrane.md",
        "evidence/limits.md",
    ],
    "practice/equity-and-language.md": [
        "evidence/populations.md",
        "practice/cautions.md",
        "evidence/special-populations.md",
    ],
    "practice/care-manager-week.md": [
        "model/team.md",
        "practice/implementation-and-fidelity.md",
        "practice/training.md",
    ],
}


def links_from(page: str, docs: Path = DOCS) -> set[str]:
    """The site pages that ``<docs>/<page>`` links to, as paths relative to ``docs``."""
    text = (docs / page).read_text(encoding="utf-8")
    base = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(base, target)) for target in LINK.findall(text)}


def test_link_pattern_resolves_relative_paths_and_drops_anchors(tmp_path):
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "x.md").write_text("[a](../model/team.md#roles) [b](y.md) [c](https://e.org/z.md)")
    assert links_from("evidence/x.md", tmp_path) == {"model/team.md", "evidence/y.md"}


@pytest.mark.parametrize(("page", "neighbour"), [(p, n) for p, ns in NEIGHBOURS.items() for n in ns])
def test_new_page_and_its_neighbour_link_both_ways(page, neighbour):
    assert (DOCS / page).is_file(), f"docs/{page} is missing"
    assert page in links_from(neighbour), f"docs/{neighbour} does not link to {page}"
    assert neighbour in links_from(page), f"docs/{page} does not link back to {neighbour}"
