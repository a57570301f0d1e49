"""scripts/serve (mkdocs serve) rebuilds the site when anything the build reads changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.conftest import ROOT

pytestmark = pytest.mark.site

READ_BY_THE_BUILD = ["content", "explainer", "scripts/hooks", "overrides"]
"""Folders besides docs/ that the build reads: curated data, the shipped explainer, hooks, theme overrides."""


def test_serve_watches_every_folder_the_build_reads():
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch} | {Path(config.docs_dir).resolve()}
    for folder in READ_BY_THE_BUILD:
        assert (ROOT / folder).is_dir(), folder
        assert (ROOT / folder).resolve() in watched, f"mkdocs serve would not rebuild on changes to {folder}/"
