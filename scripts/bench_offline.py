"""Offline and snapshot speed in Chromium, at loopback speed and throttled to 10 and 1.5 Mb/s.

For each network speed (Chromium's own emulation, ``Network.emulateNetworkConditions`` over CDP, with
20 ms of latency when throttled; it applies to the page and its dedicated worker, not to the service
worker, whose downloads start only once Python is ready), in fresh browser contexts:

- ``bare_cold_ms``: a bare ``loadPyodide()`` page, first visit: the baseline of every ratio;
- ``bare_snapshot_first_ms``: a bare page that fetches the memory snapshot over the network and restores
  it (what a snapshot on a first visit would cost);
- ``first_visit_ms``: the simulator page, first visit (no service worker yet: the worker fetches the
  snapshot or starts cold, by the rate it measured; ``first_visit_boot`` says which, run by run);
- ``return_ms``: the simulator again, once the service worker has stored it (snapshot from the cache);
- ``offline_ms``: the same with the browser offline;
- ``return_cold_ms``: a return visit with the snapshot deleted from the cache (cold boot from the cache).

Times are to the ``cc-interactive`` mark (ms since navigation start). Also the bytes of Pyodide and of
the snapshot that reading pages fetch, counted by the server (so the service worker's own downloads
count), and those a first visit to the simulator fetches until the service worker has stored it, with
any file sent twice. Called by ``scripts/bench`` (bench.py); runs alone on a built site with
``COCM_BENCH_SITE=build/bench-site python scripts/bench_offline.py``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path[:0] = [str(Path(__file__).resolve().parent)]

from bench import AWAIT_READY, BARE_DIR, READY_TIME, Handler  # noqa: E402  (needs the path above)

SPEEDS = {"loopback": None, "10 Mb/s": 10e6, "1.5 Mb/s": 1.5e6}
"""Network speeds in bits per second (None: not throttled)."""
LATENCY_MS = 20
SETTLE_MS = 1000
READING_PAGES = ("", "model/", "evidence/impact/", "reference/glossary/")
SNAPSHOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare snapshot restore</title></head>
<body><script>
  const worker = new Worker("bare-snapshot-worker.mjs", { type: "module" });
  worker.onmessage = () => performance.mark("cc-interactive");
</script></body></html>
"""
SNAPSHOT_WORKER = """import { loadPyodide, version } from "../assets/pyodide/pyodide.mjs";
import * as python from "../assets/javascripts/sim-boot.mjs";
const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const lockfile = await (await fetch(indexURL + "pyodide-lock.json")).json();
const [snapshot, wheel] = await Promise.all([bytes(indexURL + python.snapshotFileName(version, lockfile)),
  bytes(indexURL + python.explainerEntry(lockfile).file_name)]);
const options = { indexURL, lockFileContents: lockfile, packageBaseUrl: indexURL };
python.startExplainer(await python.restoreSnapshot(loadPyodide, options, snapshot, wheel));
self.postMessage("ready");
"""
FORGET_SNAPSHOT = """async () => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url.includes('pyodide-snapshot-')) await cache.delete(request);
    }
  }
}"""
STORED = "() => document.querySelector('[data-cc-offline]')?.dataset.ccOffline"


class CountingServer:
    """Serves the site and adds up the bytes of each file it sends (0 for a 304 Not Modified)."""

    def __init__(self, site: Path, port: int):
        self.sent: list[tuple[str, int]] = []
        owner = self

        class Counting(Handler):
            def do_GET(self):  # noqa: N802 (the base class names it so)
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                self.status = 0
                result = super().do_GET()
                sent = self.status == 200 and path.is_file()
                owner.sent.append((self.path, path.stat().st_size if sent else 0))
                return result

            def send_response(self, code, message=None):
                self.status = code
                return super().send_response(code, message)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Counting, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def fresh_page(browser, bits_per_second):
    context = browser.new_context()
    page = context.new_page()
    if bits_per_second:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        rate = bits_per_second / 8
        session.send("Network.emulateNetworkConditions", {"offline": False, "latency": LATENCY_MS,
                                                          "downloadThroughput": rate, "uploadThroughput": rate})
    return context, page


def time_to_interactive(page, url: str) -> float:
    page.wait_for_timeout(SETTLE_MS)
    page.goto(url, timeout=600_000)
    page.evaluate(AWAIT_READY)
    return page.evaluate(READY_TIME)


def wait_until_stored(page) -> None:
    page.wait_for_function(f"() => ({STORED})() === 'simulator'", timeout=600_000)


def one_run(browser, base: str, bits_per_second) -> dict:
    times = {}
    for name, url in (("bare_cold_ms", f"{base}{BARE_DIR}/bare.html"),
                      ("bare_snapshot_first_ms", f"{base}{BARE_DIR}/bare-snapshot.html")):
        context, page = fresh_page(browser, bits_per_second)
        times[name] = time_to_interactive(page, url)
        context.close()
    context, page = fresh_page(browser, bits_per_second)
    times["first_visit_ms"] = time_to_interactive(page, base + "simulator/")
    chosen = page.evaluate("() => performance.getEntriesByType('mark').map((mark) => mark.name)")
    times["first_visit_boot"] = "snapshot" if "cc-snapshot-fetch-chosen" in chosen else "cold"
    wait_until_stored(page)
    times["return_ms"] = time_to_interactive(page, base + "simulator/")
    context.set_offline(True)
    times["offline_ms"] = time_to_interactive(page, base + "simulator/")
    context.set_offline(False)
    page.evaluate(FORGET_SNAPSHOT)
    times["return_cold_ms"] = time_to_interactive(page, base + "simulator/")
    context.close()
    return times


def reading_page_bytes(browser, server: CountingServer, base: str) -> dict:
    """Bytes of Pyodide files and of the snapshot sent while a fresh reader opens pages other than the simulator."""
    server.sent.clear()
    context, page = fresh_page(browser, None)
    for path in READING_PAGES:
        page.goto(base + path)
        page.wait_for_function(f"() => ['pages', 'simulator'].includes(({STORED})())")
    context.close()
    return {
        "pyodide_bytes": sum(size for path, size in server.sent if "/assets/pyodide/" in path),
        "snapshot_bytes": sum(size for path, size in server.sent if "pyodide-snapshot-" in path),
        "all_bytes": sum(size for _, size in server.sent),
    }


def first_visit_bytes(browser, server: CountingServer, base: str) -> dict:
    """Bytes the server sends while a fresh browser opens the simulator once (no throttle) until the
    service worker has stored it, and the files it sent more than once (none: the worker's downloads
    are handed to the service worker)."""
    server.sent.clear()
    context, page = fresh_page(browser, None)
    page.goto(base + "simulator/")
    wait_until_stored(page)
    context.close()
    counts: dict[str, int] = {}
    for path, size in server.sent:
        counts[path] = counts.get(path, 0) + (size > 0)
    return {"all_bytes": sum(size for _, size in server.sent),
            "pyodide_bytes": sum(size for path, size in server.sent if "/assets/pyodide/" in path),
            "sent_twice": sorted(path for path, count in counts.items() if count > 1)}


def summarise(runs: list[dict]) -> dict:
    medians = {name: round(statistics.median(run[name] for run in runs)) for name in runs[0] if name.endswith("_ms")}
    medians["first_visit_boot"] = [run["first_visit_boot"] for run in runs]
    bare = medians["bare_cold_ms"]
    for name in ("first_visit_ms", "return_ms", "offline_ms", "return_cold_ms", "bare_snapshot_first_ms"):
        medians[name.removesuffix("_ms") + "_ratio"] = round(medians[name] / bare, 3)
    medians["runs"] = len(runs)
    return medians


def measure(browser, site: Path, port: int, runs: int, speeds=tuple(SPEEDS)) -> dict:
    """Every figure above, for each speed; fewer runs when throttled (a 1.5 Mb/s run takes minutes)."""
    (site / BARE_DIR).mkdir(exist_ok=True)
    (site / BARE_DIR / "bare-snapshot.html").write_text(SNAPSHOT_PAGE)
    (site / BARE_DIR / "bare-snapshot-worker.mjs").write_text(SNAPSHOT_WORKER)
    server = CountingServer(site, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        one_run(browser, base, None)  # untimed: the browser's first-launch costs fall on no figure
        results = {"reading_pages": reading_page_bytes(browser, server, base),
                   "first_visit_bytes": first_visit_bytes(browser, server, base)}
        for speed in filter(None, speeds):
            bits = SPEEDS[speed]
            count = runs if bits is None else (max(2, runs // 2) if bits >= 5e6 else 1)
            print(f"Offline bench at {speed}: {count} run(s)…", file=sys.stderr)
            results[speed] = summarise([one_run(browser, base, bits) for _ in range(count)])
    finally:
        server.close()
    return results


def main() -> None:
    site = Path(os.environ["COCM_BENCH_SITE"])
    port = int(os.environ.get("COCM_BENCH_PORT", "8766")) + 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repeats at loopback speed (default 3)")
    parser.add_argument("--speeds", default=",".join(SPEEDS), help="comma-separated, from: " + ", ".join(SPEEDS))
    options = parser.parse_args()
    from bench import BARE_PAGE, BARE_WORKER
    (site / BARE_DIR).mkdir(exist_ok=True)
    (site / BARE_DIR / "bare.html").write_text(BARE_PAGE)
    (site / BARE_DIR / "bare-worker.mjs").write_text(BARE_WORKER)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--disable-gpu"])
        print(json.dumps(measure(browser, site, port, options.runs, options.speeds.split(",")), indent=2))
        browser.close()


if __name__ == "__main__":
    main()
