"""Offline after one visit in Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi).

firefox_offline.mjs visits the home page and the simulator once, tells this test, which stops the
server (the network gone for this site), then opens pages and the simulator again and steps a week.
Firefox ESR runs the same service worker as Chromium (Cache Storage, module workers, fetch with
integrity), so the test expects the same result: every page opens from the cache, and the simulator
boots from its stored snapshot and steps. If a Firefox build could not store the site, the footer
would have said so during the visit and the test fails with that text, not with a broken page.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.browser.offline_server import BASE, SiteServer, copy_site
from tests.browser.test_firefox import DRIVER, RUN_TIMEOUT_S, firefox
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

OFFLINE_DRIVER = DRIVER.with_name("firefox_offline.mjs")
PATHS = ("", "model/", "evidence/impact/", "reference/glossary/", "no-such-page/")


def run_with_server_stopped(server: SiteServer) -> tuple[dict, dict]:
    """Run the driver; stop the server once it has visited; return its two reports."""
    driver = subprocess.Popen(["node", str(OFFLINE_DRIVER), BASE, *PATHS], cwd=ROOT, text=True,
                              env={**os.environ, "FIREFOX": firefox()},
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        visited = json.loads(driver.stdout.readline() or "{}").get("visited")
        server.stop()
        driver.stdin.write("offline\n")
        driver.stdin.flush()
        out, err = driver.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if driver.poll() is None:
            driver.kill()
    assert visited is not None and driver.returncode == 0, f"firefox_offline.mjs failed:\n{err[-4000:]}"
    return visited, json.loads(out)["offline"]


def test_firefox_works_offline_after_one_visit(built_site, tmp_path):
    server = SiteServer(copy_site(built_site, tmp_path / "site"))
    server.start()
    try:
        visited, offline = run_with_server_stopped(server)
    finally:
        server.stop()
    assert visited["serviceWorker"] and visited["controlled"], visited
    assert visited["home"]["state"] == "pages" and "Available offline" in visited["home"]["text"], visited
    assert visited["simulator"]["ready"] == "true", visited
    assert visited["stored"]["state"] == "simulator", f"Firefox did not store the simulator: {visited['stored']}"

    for path in PATHS[:-1]:
        seen = offline["pages"][path]
        assert "error" not in seen, f"{path or '/'} offline: {seen}"
        assert seen["heading"] and seen["crisisLine"], f"{path or '/'} offline: {seen}"
    assert offline["pages"]["no-such-page/"]["heading"] == "Page not found", offline["pages"]["no-such-page/"]
    assert offline["simulator"]["ready"] == "true", offline["simulator"]
    assert "cc-started-from-snapshot" in offline["simulator"]["marks"], offline["simulator"]
    assert offline["step"]["after"] != offline["step"]["before"], offline["step"]
    assert offline["pageErrors"] == [], offline["pageErrors"]
