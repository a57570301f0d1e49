"""The site in Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (firefox.mjs).

Every page loads with no console error and nothing from another origin, and the simulator boots,
holds a caseload review, steps a week and exports its registry. Each test runs firefox.mjs under Node
and checks the JSON it prints.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.test_every_page import built_pages
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

DRIVER = Path(__file__).with_name("firefox.mjs")
RUN_TIMEOUT_S = 900
"""A generous bound on one run, which may boot Python: the run fails instead of hanging the suite."""


def firefox() -> str:
    executable = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")
    if not executable:
        pytest.fail("No Firefox found: install Debian's 'firefox-esr' package (scripts/test does this as root).")
    return executable


def run_firefox(*args: str) -> dict:
    """Run firefox.mjs with these arguments; return the JSON report it prints."""
    result = subprocess.run(["node", str(DRIVER), *args], cwd=ROOT, env={**os.environ, "FIREFOX": firefox()},
                            capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    assert result.returncode == 0, f"firefox.mjs {args[0]} failed:\n{result.stderr[-4000:]}"
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def firefox_pages(site_server) -> dict:
    """What each built page did in Firefox, by path (one browser for all the pages)."""
    return run_firefox("pages", site_server, *built_pages())


@pytest.mark.parametrize("path", built_pages())
def test_page_is_clean_in_firefox(firefox_pages, path):
    seen = firefox_pages[path]
    assert seen["status"] == 200 or (path == "404.html" and seen["status"] == 404), f"{path} answered {seen['status']}"
    assert seen["foreignRequests"] == [], f"{path} requested other origins: {seen['foreignRequests']}"
    assert seen["consoleErrors"] == [], f"{path} logged errors: {seen['consoleErrors']}"


def test_simulator_boots_reviews_steps_and_exports_in_firefox(site_server, tmp_path):
    seen = run_firefox("simulator", site_server, str(tmp_path))
    assert seen["afterReview"].startswith("Week 7 "), "holding the week-6 review runs the week"
    assert seen["afterStep"].startswith("Week 8 ")
    assert seen["exportName"] == "cocm-registry-SYNTHETIC-impact-like-week-8.csv"
    lines = seen["exportText"].strip().splitlines()
    assert lines[0].startswith("# SYNTHETIC DATA") and len(lines) == 2 + 100
    assert seen["foreignRequests"] == [] and seen["consoleErrors"] == [], seen
