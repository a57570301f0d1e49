"""Fixtures for the content tests: a scratch copy of content/ (pytest puts scripts/hooks on the path)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cocm_content.datafiles import FILES

ROOT = Path(__file__).resolve().parents[2]


def docs_page_exists(path: str) -> bool:
    """Whether ``docs/<path>`` is a Markdown page of the site."""
    return path.endswith(".md") and (ROOT / "docs" / path).is_file()


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A project root in tmp_path holding a copy of every content data file, to break on purpose."""
    (tmp_path / "content").mkdir()
    for stem in FILES:
        shutil.copy(ROOT / "content" / f"{stem}.yml", tmp_path / "content" / f"{stem}.yml")
    return tmp_path
