"""Every built page: no console error, nothing from another origin, zero axe-core violations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SIMULATOR_PATH = "simulator/"


def page_paths(site: Path) -> list[str]:
    """URL paths of every HTML page in the built site, found in the folder (not in the nav)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith("assets/"):
            continue
        paths.append(relative.removesuffix("index.html"))
    return paths


def built_pages() -> list[str]:
    """Pages of the site scripts/test built, read when pytest collects the tests."""
    site = Path(os.environ.get("COCM_SITE_DIR", ROOT / "build" / "test-site"))
    found = page_paths(site) if (site / "index.html").is_file() else []
    return found or [""]


@pytest.mark.parametrize("path", built_pages())
def test_page_is_clean_and_accessible(watched_page, site_server, path):
    page = watched_page
    response = page.goto(site_server + path, wait_until="load")
    status = response.status if response else None
    assert status == 200 or (path == "404.html" and status == 404), f"{path} answered {status}"
    page.wait_for_load_state("networkidle")
    count, report = axe_violations(page)
    assert count == 0, f"{path}: axe-core found violations:\n{report}"
    assert page.watch.foreign_requests == [], f"{path} requested other origins: {page.watch.foreign_requests}"
    assert page.watch.console_errors == [], f"{path} logged errors: {page.watch.console_errors}"
    if path != SIMULATOR_PATH:
        pyodide_files = [url for url in page.watch.requests if "/assets/pyodide/" in url]
        assert pyodide_files == [], f"{path} downloaded Pyodide files it does not need: {pyodide_files}"


def test_every_page_is_covered(built_site):
    """The parametrised list above is the site's real list of pages, simulator included."""
    assert built_pages() == page_paths(built_site), "build the site first (scripts/test does) so every page is checked"
    assert SIMULATOR_PATH in page_paths(built_site)
