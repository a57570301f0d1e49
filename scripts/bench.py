"""Speed figures as ratios against a baseline measured in the same run.

Model throughput (scripts/bench_model.py) is measured in CPython and inside Pyodide under Node,
each against a pure-Python loop in the same runtime. In Chromium: the time until the build-time
registry is painted, set against Pyodide's boot; the time from a click on "Next week" to the
redrawn registry for a 100-patient caseload (in the DOM, and laid out and painted), with the 25 rows
the page opens with and with all 100 shown; and the Pyodide files fetched by pages that are not the
simulator (there should be none).

Time to interactive (TTI) of the simulator page, cold (fresh browser context) and warm (reload
in the same context), is divided by the time a bare ``loadPyodide()`` page served from the same
site takes to boot: the physical floor. Both are read from the User Timing mark
``cc-interactive`` (the simulator sets it once Python has drawn its first state; the bare page
once ``loadPyodide()`` has returned) (milliseconds since navigation start). Runs alternate between the two pages
and the medians are reported, because these machines are shared and noisy; each load starts after the
browser has been idle for SETTLE_MS.

Run with ``scripts/bench`` (which builds the site first); ``--runs N`` sets the repeats.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import bench_model  # noqa: E402  (needs the paths above)

BARE_DIR = "__bench__"
BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide boot</title></head>
<body><p id="state">booting</p>
<script>
  const worker = new Worker("bare-worker.mjs", { type: "module" });
  worker.onmessage = () => {
    performance.mark("cc-interactive");
    document.getElementById("state").textContent = "ready";
  };
</script></body></html>
"""
BARE_WORKER = """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
self.postMessage("ready");
"""
# Waits for the mark without polling: Playwright's wait_for_function polls on every animation frame,
# which makes the page paint all through the boot and taxes a heavy page more than the bare one.
AWAIT_READY = """() => new Promise((resolve, reject) => {
  const marked = () => performance.getEntriesByName('cc-interactive').length > 0;
  if (marked()) return resolve();
  const watch = new PerformanceObserver(() => {
    if (marked()) { watch.disconnect(); resolve(); }
  });
  watch.observe({ type: 'mark' });
  setTimeout(() => reject(new Error('no cc-interactive mark within 180 s')), 180000);
})"""
READY_TIME = "() => performance.getEntriesByName('cc-interactive')[0].startTime"


class Handler(SimpleHTTPRequestHandler):
    """Static files with module-script and wasm MIME types; silent."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".wasm": "application/wasm"}

    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(site: Path, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


BOOT_STAGES = ("worker-started", "python-started", "package-installed", "explainer-imported", "interactive")
"""The simulator's User Timing marks (cc-<stage>), in the order the boot passes them."""
STAGE_TIMES = """(stages) => Object.fromEntries(
  stages.map((stage) => [stage, performance.getEntriesByName('cc-' + stage)[0]?.startTime]))"""


SETTLE_MS = 3000
"""Idle time before each timed load, as a reader who reloads takes. Without it the previous page's
teardown competes with the next load: in a Chromium trace the old worker was still running 150 ms
into the reload, and in one run the warm simulator took 5.1 s against 4.7 s with the pause (the bare
boot 4.36 s against 4.30 s)."""


def time_to_ready(page, url: str | None) -> dict:
    """Load (or, with url None, reload) a page; return the times of its boot stages in ms (interactive last)."""
    page.wait_for_timeout(SETTLE_MS)
    if url is None:
        page.reload()
    else:
        page.goto(url)
    page.evaluate(AWAIT_READY)
    return page.evaluate(STAGE_TIMES, list(BOOT_STAGES))


def measure_tti(browser, base: str, runs: int) -> dict:
    """Median cold and warm TTI of the simulator and of the bare boot, in ms, and their ratios.

    Also the median time at which the simulator's boot passed each stage, cold, to show where it goes.
    """
    pages = {"simulator": base + "simulator/", "bare": base + f"{BARE_DIR}/bare.html"}
    samples = {(name, kind): [] for name in pages for kind in ("cold", "warm")}
    # One untimed pass, so the first-launch costs of the browser itself fall on neither side.
    for url in pages.values():
        context = browser.new_context()
        time_to_ready(context.new_page(), url)
        context.close()
    for _ in range(runs):
        for name, url in pages.items():
            context = browser.new_context()
            page = context.new_page()
            samples[(name, "cold")].append(time_to_ready(page, url))
            samples[(name, "warm")].append(time_to_ready(page, None))
            context.close()
    medians = {f"{name}_{kind}_ms": round(statistics.median(run["interactive"] for run in stage_times))
               for (name, kind), stage_times in samples.items()}
    for kind in ("cold", "warm"):
        medians[f"tti_ratio_{kind}"] = round(medians[f"simulator_{kind}_ms"] / medians[f"bare_{kind}_ms"], 3)
    # A first visit on a fast link restores the snapshot, which passes no python-started or
    # package-installed mark: a stage is given only from the runs that passed it.
    passed = {stage: [run[stage] for run in samples[("simulator", "cold")] if run[stage] is not None]
              for stage in BOOT_STAGES}
    medians["simulator_cold_stages_ms"] = {stage: round(statistics.median(times))
                                           for stage, times in passed.items() if times}
    return medians


STEP_IN_PAGE = """async () => {
  const label = document.querySelector('[data-cc-week-label]');
  const target = 'Week ' + (Number(label.textContent.split(' ')[1]) + 1) + ' ';
  const start = performance.now();
  let inDom;
  document.querySelector('[data-cc-action="next"]').click();
  await new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (label.textContent.startsWith(target)) { inDom = performance.now() - start; watch.disconnect(); resolve(); }
    });
    watch.observe(label, { childList: true, characterData: true, subtree: true });
  });
  await new Promise((resolve) => requestAnimationFrame(
    () => scheduler.postTask(resolve, { priority: 'user-blocking' })));
  return [inDom, performance.now() - start];
}"""
"""Click "Next week" once; return [ms until the new week is in the DOM, ms until its frame is painted].

The label is written in the same task as the table, and its mutation record is delivered once that
task's drawing code has run: that is the time to the DOM. The frame that follows lays out and paints
the change; a task posted from its animation frame callback runs once that frame's main-thread work
(style, layout, paint, commit to the compositor) is done. It is posted at user-blocking priority: a
plain timeout would queue behind the timeout the page itself sets from the same frame to ask the
worker for the following week (app.js lookAhead), which is not part of drawing this week and would
add that work, 2-4 ms in a Chromium trace, to every step.
"""


STEP_PAUSE_MS = 300
"""Pause before each timed click, shorter than a reader takes to look at a week (and than Play's
900 ms): the page computes the next week as soon as one is painted, and a click finds it waiting."""


def step_after_pause(page) -> list[float]:
    """One timed click on "Next week" after STEP_PAUSE_MS: [ms to the DOM, ms to the painted frame]."""
    page.wait_for_timeout(STEP_PAUSE_MS)
    return page.evaluate(STEP_IN_PAGE)


def measure_page(browser, base: str, steps: int) -> dict:
    """Registry paint versus Python ready, click-to-table time of one week, Pyodide files on other pages."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "simulator/?scenario=impact-like")
    page.wait_for_function("() => document.querySelector('[data-cc-app]')?.dataset.ccAppReady === 'true'",
                           timeout=180_000)
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    rows_at_load = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    ready = page.evaluate(READY_TIME)
    timings = [step_after_pause(page) for _ in range(steps)]
    page.click('[data-cc-action="all-rows"]')
    page.wait_for_function("() => document.querySelectorAll('[data-cc-registry-body] tr').length === 100")
    all_rows = [step_after_pause(page) for _ in range(steps)]
    other_pages = {}
    fetched: list[str] = []
    simulator_code = ("/assets/pyodide/", "/assets/javascripts/simulator/", "/sim-worker.mjs")
    page.on("request", lambda request: any(part in request.url for part in simulator_code)
            and fetched.append(request.url))
    for path in ("", "model/", "evidence/impact/", "reference/glossary/"):
        fetched.clear()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        other_pages[path or "/"] = len(fetched)
    context.close()
    return {
        "registry_painted_ms": round(paint),
        "registry_in_dom_ms": round(rows_at_load),
        "python_ready_ms": round(ready),
        "registry_before_python_ratio": round(paint / ready, 3),
        "step_click_to_table_ms_median": round(statistics.median(dom for dom, _ in timings), 1),
        "step_click_to_table_ms_max": round(max(dom for dom, _ in timings), 1),
        "step_click_to_painted_ms_median": round(statistics.median(painted for _, painted in timings), 1),
        "step_all_100_rows_click_to_table_ms_median": round(statistics.median(dom for dom, _ in all_rows), 1),
        "step_all_100_rows_click_to_painted_ms_median": round(statistics.median(painted for _, painted in all_rows), 1),
        "simulator_files_on_other_pages": other_pages,
    }


def measure_model_runtimes(site: Path) -> dict:
    """bench_model in CPython and in Pyodide under Node (the wheel and runtime the site ships)."""
    node = shutil.which("node")
    pyodide = json.loads(subprocess.run(
        [node, str(ROOT / "scripts" / "bench_pyodide.mjs"), str(site / "assets" / "pyodide")],
        check=True, capture_output=True, text=True).stdout)
    return {"cpython": bench_model.measure_model(), "pyodide_node": pyodide}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats per page and condition (default 5)")
    parser.add_argument("--only", choices=("model", "tti", "page", "offline"), action="append",
                        help="measure only these parts (repeatable; default all)")
    options = parser.parse_args()
    parts = set(options.only or ("model", "tti", "page", "offline"))
    site = Path(os.environ["COCM_BENCH_SITE"])
    port = int(os.environ.get("COCM_BENCH_PORT", "8766"))
    (site / BARE_DIR).mkdir(exist_ok=True)
    (site / BARE_DIR / "bare.html").write_text(BARE_PAGE)
    (site / BARE_DIR / "bare-worker.mjs").write_text(BARE_WORKER)
    results = {}
    if "model" in parts:
        print("Measuring model throughput in CPython and in Pyodide under Node…", file=sys.stderr)
        results["model"] = measure_model_runtimes(site)
    server = serve(site, port)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--disable-gpu"])
            base = f"http://127.0.0.1:{port}/"
            if "tti" in parts:
                print("Measuring time to interactive in Chromium…", file=sys.stderr)
                results["time_to_interactive"] = measure_tti(browser, base, options.runs)
            if "page" in parts:
                print("Measuring the simulator page in Chromium…", file=sys.stderr)
                results["simulator_page"] = measure_page(browser, base, steps=15)
            if "offline" in parts:
                print("Measuring offline use and the memory snapshot in Chromium…", file=sys.stderr)
                import bench_offline  # here, as it imports this module's helpers
                results["offline"] = bench_offline.measure(browser, site, port + 1, options.runs)
            browser.close()
    finally:
        server.shutdown()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
