"""Offline after one visit, in Chromium: the service worker, its caches, the reload prompt and the snapshot.

Each test serves its own copy of the built site (tests/browser/offline_server.py), so it can stop the
server, deploy a changed build under the same address, or make the snapshot fail.
"""

from __future__ import annotations

import gzip
import json
import os

import pytest

from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS
from tests.browser.offline_server import BASE, SiteServer, copy_site, rename_build

pytestmark = pytest.mark.browser

SIMULATOR = "simulator/"
STATUS = "[data-cc-offline]"


@pytest.fixture
def site_copy(built_site, tmp_path):
    return copy_site(built_site, tmp_path / "site")


@pytest.fixture
def server(site_copy):
    serving = SiteServer(site_copy)
    serving.start()
    yield serving
    serving.stop()


def manifest(site) -> dict:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(text.split("const MANIFEST = ", 1)[1].split(";\n", 1)[0])


def snapshot_path(site) -> str:
    return next(entry[0] for entry in manifest(site)["files"] if "pyodide-snapshot-" in entry[0])


def wait_for_status(page, state: str) -> str:
    """Wait until the footer's offline status is in state; return its text."""
    page.wait_for_function(f"(s) => document.querySelector('{STATUS}')?.dataset.ccOffline === s", arg=state,
                           timeout=PYTHON_READY_TIMEOUT_MS)
    return page.text_content(STATUS)


def open_simulator(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'",
                           timeout=PYTHON_READY_TIMEOUT_MS)


def step_a_week(page) -> None:
    """Run one week and wait until Python has drawn it."""
    before = page.text_content("[data-cc-week-label]")
    page.get_by_role("button", name="Next week").click()
    page.wait_for_function("(before) => document.querySelector('[data-cc-week-label]').textContent !== before",
                           arg=before)


def boot_marks(page) -> list[str]:
    return page.evaluate("() => performance.getEntriesByType('mark').map((mark) => mark.name)")


def visit_once(page) -> None:
    """One visit: the home page, then the simulator by a link (instant navigation), until all is stored."""
    page.goto(BASE)
    wait_for_status(page, "pages")
    page.get_by_role("link", name="Simulator", exact=True).first.click()
    page.wait_for_function("() => location.pathname.endsWith('/simulator/')")
    page.wait_for_function("() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'",
                           timeout=PYTHON_READY_TIMEOUT_MS)
    wait_for_status(page, "simulator")


def test_the_worker_controls_pages_and_reading_pages_fetch_no_python(page, server, site_copy):
    page.goto(BASE)
    text = wait_for_status(page, "pages")
    assert "Available offline" in text and "MB" in text
    assert page.evaluate("() => navigator.serviceWorker.controller?.scriptURL") == BASE + "sw.js"
    page.get_by_role("link", name="What Collaborative Care is").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/model/')")
    assert page.text_content(STATUS) == text, "the status is drawn again after instant navigation"
    page.goto(BASE + "reference/glossary/")
    wait_for_status(page, "pages")
    cache = page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('cocm-offline-'))")
    assert cache == ["cocm-offline-" + manifest(site_copy)["build"]]
    assert not [path for path in server.paths if "/assets/pyodide/" in path], server.paths


def test_every_page_search_and_the_simulator_work_offline_after_one_visit(page, context, server, site_copy):
    visit_once(page)
    server.stop()
    context.set_offline(True)
    for url, _, _, group in manifest(site_copy)["files"]:
        if group != "page" or url == "404.html":
            continue
        page.goto(BASE + url)
        assert page.locator("h1").first.is_visible(), url
        assert "988" in page.text_content("body"), url
    page.goto(BASE)
    page.keyboard.press("/")
    page.keyboard.type("registry")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    open_simulator(page, BASE + SIMULATOR)
    step_a_week(page)
    assert {"cc-started-from-snapshot", "cc-stored-wasm-used"} <= set(boot_marks(page)), boot_marks(page)
    page.goto(BASE + "no-such-page/")
    assert page.text_content("h1") == "Page not found"


def test_a_new_build_prompts_a_reload_and_never_mixes_versions(page, built_site, server, site_copy, tmp_path):
    visit_once(page)
    old_build = manifest(site_copy)["build"]
    new_site = tmp_path / "new"
    new_site.mkdir()
    new_site = copy_site(site_copy, new_site / "site")
    model_page = new_site / "model" / "index.html"
    model_page.write_text(model_page.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1),
                          encoding="utf-8")
    with (new_site / "assets" / "stylesheets" / "site.css").open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n/* new build */\n")
    new_build = rename_build(new_site)["build"]
    server.folder = new_site

    page.goto(BASE + "model/")
    wait_for_status(page, "update")
    assert page.get_attribute('meta[name="cocm-build"]', "content") == old_build
    assert "(new build)" not in page.text_content("h1")
    stylesheet = page.evaluate("async () => (await fetch('../assets/stylesheets/site.css')).text()")
    assert "new build" not in stylesheet, "an old page was given a new asset"

    page.get_by_role("button", name="New version: reload").click()
    page.wait_for_function("(build) => document.querySelector('meta[name=\"cocm-build\"]')?.content === build",
                           arg=new_build, timeout=PYTHON_READY_TIMEOUT_MS)
    wait_for_status(page, "simulator")
    assert "(new build)" in page.text_content("h1")
    names = page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('cocm-offline-'))")
    assert names == ["cocm-offline-" + new_build]
    open_simulator(page, BASE + SIMULATOR)
    assert "cc-started-from-snapshot" in boot_marks(page), "the simulator came along to the new build"


def test_a_missing_snapshot_leaves_a_working_simulator(page, server, site_copy):
    server.failures["/" + snapshot_path(site_copy)] = (404, b"not here")
    open_simulator(page, BASE + SIMULATOR)
    assert "simulator could not be stored" in wait_for_status(page, "simulator-failed")
    step_a_week(page)
    open_simulator(page, BASE + SIMULATOR)
    assert "cc-python-started" in boot_marks(page) and "cc-started-from-snapshot" not in boot_marks(page)
    step_a_week(page)


def test_a_corrupt_snapshot_falls_back_to_a_cold_start_and_says_so(page, server, site_copy):
    snapshot = site_copy / snapshot_path(site_copy)
    snapshot.write_bytes(gzip.compress(os.urandom(1 << 20)))
    rename_build(site_copy)
    visit_once(page)
    open_simulator(page, BASE + SIMULATOR)
    marks = boot_marks(page)
    assert "cc-snapshot-failed" in marks and "cc-started-from-snapshot" not in marks
    assert "could not be used" in page.text_content("[data-cc-boot-status]")
    step_a_week(page)


def test_without_service_workers_the_site_works_as_before(browser, server):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(BASE)
        page.get_by_role("link", name="Simulator", exact=True).first.click()
        page.wait_for_function("() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'",
                               timeout=PYTHON_READY_TIMEOUT_MS)
        step_a_week(page)
        assert page.locator(STATUS).count() == 0, "no offline status where nothing can be stored"
        assert {"cc-python-started", "cc-started-from-snapshot"} & set(boot_marks(page))
        assert page.evaluate("() => navigator.serviceWorker?.controller ?? null") is None
    finally:
        context.close()


def test_a_first_visit_fetches_the_snapshot_on_a_fast_link_and_starts_cold_on_a_slow_one(browser, server):
    """The worker measures the link on the lock file: loopback restores the fetched snapshot, and a link
    throttled to 1.5 Mb/s (Chromium's emulation) chooses the cold start; the throttle is lifted once the
    choice is made, so the test does not wait for 14 MB at that speed."""
    fast = browser.new_context()
    open_simulator(fast.new_page(), BASE + SIMULATOR)
    marks = boot_marks(fast.pages[0])
    assert "cc-snapshot-fetch-chosen" in marks and "cc-started-from-snapshot" in marks, marks
    fast.close()

    slow = browser.new_context()
    page = slow.new_page()
    network = slow.new_cdp_session(page)
    network.send("Network.enable")
    conditions = {"offline": False, "latency": 20, "downloadThroughput": 1.5e6 / 8, "uploadThroughput": 1.5e6 / 8}
    network.send("Network.emulateNetworkConditions", conditions)
    try:
        page.goto(BASE + SIMULATOR, wait_until="commit")
        chosen = "() => performance.getEntriesByType('mark').some((mark) => mark.name.endsWith('-chosen'))"
        page.wait_for_function(chosen, timeout=PYTHON_READY_TIMEOUT_MS)
        unthrottled = {**conditions, "downloadThroughput": -1, "uploadThroughput": -1, "latency": 0}
        network.send("Network.emulateNetworkConditions", unthrottled)
        page.wait_for_function("() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'",
                               timeout=PYTHON_READY_TIMEOUT_MS)
        marks = boot_marks(page)
        assert "cc-cold-boot-chosen" in marks and "cc-python-started" in marks, marks
        assert "cc-started-from-snapshot" not in marks
        step_a_week(page)
    finally:
        slow.close()


def test_a_first_visit_downloads_the_simulator_once(page, context, server, site_copy):
    """The service worker stores the files the simulator's worker downloaded (its copies, checked against
    the manifest's sha256) instead of fetching them again; the WebAssembly comes gzipped; the snapshot,
    sent gzipped, is stored inflated (the size the manifest gives and the footer counts); offline, the
    next visit starts from the stored snapshot."""
    open_simulator(page, BASE + SIMULATOR)
    wait_for_status(page, "simulator")
    gets = [path.split("?")[0] for path in server.paths]
    for path in ("pyodide.asm.wasm.gz", "python_stdlib.zip", "pyodide-lock.json", snapshot_path(site_copy)):
        name = path.rsplit("/", 1)[-1]
        assert sum(got.endswith("/" + name) for got in gets) == 1, (name, gets)
    assert not [got for got in gets if got.endswith("/pyodide.asm.wasm")], "the unpacked WebAssembly is never sent"
    stored = page.evaluate("""async (url) => {
      const bytes = new Uint8Array(await (await caches.match(url)).arrayBuffer());
      return { size: bytes.length, gzipped: bytes[0] === 0x1f && bytes[1] === 0x8b };
    }""", BASE + snapshot_path(site_copy))
    size = next(entry[2] for entry in manifest(site_copy)["files"] if entry[0] == snapshot_path(site_copy))
    assert stored == {"size": size, "gzipped": False}, stored
    assert size > 2 * (site_copy / snapshot_path(site_copy)).stat().st_size, "the manifest gives the inflated size"
    server.stop()
    context.set_offline(True)
    open_simulator(page, BASE + SIMULATOR)
    assert "cc-started-from-snapshot" in boot_marks(page)
    step_a_week(page)
