// Issue 12 points 1 and 2 in Firefox, mirroring tests/browser/test_simulator_layout.py: the simulator's
// app layout at laptop and phone widths, and a presenter link to the outcomes of a scenario with many
// arms. Two boots: impact-like at 1280x800 (then narrowed to 320 px) and name-only at 1024x768.
// Returns what it measured; test_firefox.py judges it.
import { appReady, PYTHON_READY_MS, sideways, visible, watchedPage } from "./firefox_browser.mjs";

// Registry rows wholly inside both the window and the registry's own box.
const rowsInView = () => {
  const wrap = document.querySelector("[data-cc-registry]").getBoundingClientRect();
  const bottom = Math.min(innerHeight, wrap.bottom);
  return Array.from(document.querySelectorAll("[data-cc-registry-body] tr")).filter((tr) => {
    const r = tr.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= bottom + 0.5;
  }).length;
};

// Each column heading, with how far it reaches past the registry's visible box (>0: clipped).
const columns = () => {
  const wrap = document.querySelector("[data-cc-registry]").getBoundingClientRect();
  return Array.from(document.querySelectorAll("[data-cc-registry-table] thead th"), (th) => {
    const r = th.getBoundingClientRect();
    return { name: th.innerText.trim(), clippedPx: Math.max(r.right - wrap.right, wrap.left - r.left, r.right - innerWidth) };
  });
};

// The outcomes chart, drawn once Python has run every arm (seconds in Firefox on a busy machine).
const chartShown = (page) => page.waitForSelector("[data-cc-outcomes] svg[role=img]", { timeout: PYTHON_READY_MS });

// Two frames: the registry's rows (content-visibility: auto) are laid out for where they now are.
const painted = (page) => page.evaluate(() => new Promise((resolve) =>
  requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function laptop(page, base) {
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(base + "simulator/?scenario=impact-like&week=8&view=registry");
  await appReady(page);
  const seen = {
    navigationSidebar: await visible(page, ".md-sidebar--primary"),
    contentsSidebar: await visible(page, ".md-sidebar--secondary"),
  };
  await page.evaluate(() => document.querySelector("#cc-panel-registry").scrollIntoView({ block: "start" }));
  await painted(page);
  seen.rowsInView = await page.evaluate(rowsInView);
  seen.columns = await page.evaluate(columns);
  seen.registryWidths = await page.evaluate(() => {
    const wrap = document.querySelector("[data-cc-registry]");
    return { scroll: wrap.scrollWidth, client: wrap.clientWidth };
  });
  seen.sideways = await sideways(page);
  return seen;
}

// The same page narrowed to a phone of 320 CSS px, through each of the views the Chromium test opens.
async function narrow(page) {
  await page.setViewport({ width: 320, height: 640 });
  const seen = { registry: await sideways(page) };
  for (const view of ["review", "outcomes"]) {
    await page.click(`[data-cc-tab="${view}"]`);
    await page.waitForFunction(
      (tab) => document.querySelector(`[data-cc-tab="${tab}"]`).getAttribute("aria-selected") === "true", {}, view);
    if (view === "outcomes") await chartShown(page);
    seen[view] = await sideways(page);
  }
  return seen;
}

async function presenter(page, base) {
  await page.setViewport({ width: 1024, height: 768 });
  await page.goto(base + "simulator/?scenario=name-only&week=52&view=outcomes&present=1");
  await appReady(page);
  await chartShown(page);
  return page.evaluate(() => {
    const box = document.querySelector("[data-cc-outcomes]");
    const series = Array.from(box.querySelectorAll(".cc-chart__series"));
    return {
      introOpen: document.querySelector("[data-cc-intro]").hasAttribute("open"),
      focused: document.activeElement.id,
      tabTop: document.querySelector("[data-cc-tab=outcomes]").getBoundingClientRect().top,
      textPx: Array.from(box.querySelectorAll("svg text"),
        (t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a),
      series: series.length,
      tableRows: box.querySelector("table").querySelectorAll("tbody tr").length,
      strokes: series.map((group) => {
        const line = group.querySelector("polyline");
        return line ? getComputedStyle(line).stroke + "|" + getComputedStyle(line).strokeDasharray : null;
      }),
      labels: Array.from(box.querySelectorAll(".cc-chart__label"), (t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
      table: box.querySelector("table").innerText,
      caption: box.querySelector("figcaption").innerText,
    };
  });
}

export async function layout(browser, base) {
  const { page, seen } = await watchedPage(browser, base);
  const result = { laptop: await laptop(page, base) };
  result.narrow = await narrow(page);
  result.presenter = await presenter(page, base);
  return { ...result, ...seen };
}
