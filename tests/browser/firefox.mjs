// Drives Debian's firefox-esr through puppeteer-core over WebDriver BiDi (Firefox speaks it itself, so
// there is no separate driver) for tests/browser/test_firefox.py, which runs this file and checks what
// it prints: one JSON object on stdout.
//
//   node tests/browser/firefox.mjs pages <base-url> <path>...    each page: status, console errors, other origins
//   node tests/browser/firefox.mjs simulator <base-url> <folder>  boot, a held review, a week's step, a CSV export
//   node tests/browser/firefox.mjs layout <base-url>              issue 12 points 1-2 (firefox_layout.mjs)
//   node tests/browser/firefox.mjs controls <base-url>            issue 12 points 3-5 (firefox_controls.mjs)
//   node tests/browser/firefox.mjs touch <base-url>               issue 12 point 6 (firefox_touch.mjs)
//
// How Firefox is launched and watched is in firefox_browser.mjs. The simulator is found by its data-cc-*
// hooks only: [data-cc-app-ready], [data-cc-hold-review], [data-cc-action="next"], [data-cc-week-label]
// and [data-cc-action="export-csv"] here, more in the scenario modules.
import { readdirSync, statSync, watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { appReady, documentStatus, launch, watchedPage, weekLabel, weekShown } from "./firefox_browser.mjs";
import { controls } from "./firefox_controls.mjs";
import { layout } from "./firefox_layout.mjs";
import { touch } from "./firefox_touch.mjs";

const [scenario, base, ...rest] = process.argv.slice(2);

// The name of the first download to finish in folder. Firefox first writes an empty placeholder and
// name.part beside it, then moves name.part onto the placeholder.
function downloaded(folder) {
  return new Promise((resolve) => {
    const watcher = watch(folder, () => {
      const names = readdirSync(folder);
      const done = names.find((name) => !name.endsWith(".part") && statSync(join(folder, name)).size > 0);
      if (done && !names.some((name) => name.endsWith(".part"))) {
        watcher.close();
        resolve(done);
      }
    });
  });
}

async function pages(browser, paths) {
  const report = {};
  for (const path of paths) {
    const { page, seen } = await watchedPage(browser, base);
    await page.goto(base + path, { waitUntil: "networkidle0" });
    if (path.startsWith("simulator/")) await appReady(page);
    report[path] = { status: await documentStatus(page), ...seen };
    await page.close();
  }
  return report;
}

async function simulator(browser, folder) {
  const { page, seen } = await watchedPage(browser, base);
  await page.goto(base + "simulator/?scenario=impact-like&week=6&view=review");
  await appReady(page);
  const result = { booted: true };
  await page.click("[data-cc-hold-review]");
  await weekShown(page, 7);
  result.afterReview = await weekLabel(page);
  await page.click("[data-cc-action='next']");
  await weekShown(page, 8);
  result.afterStep = await weekLabel(page);
  const file = downloaded(folder);
  await page.click("[data-cc-action='export-csv']");
  result.exportName = await file;
  result.exportText = await readFile(join(folder, result.exportName), "utf8");
  return { ...result, ...seen };
}

const SCENARIOS = {
  pages: (browser) => pages(browser, rest),
  simulator: (browser) => simulator(browser, rest[0]),
  layout: (browser) => layout(browser, base),
  controls: (browser) => controls(browser, base),
  touch: (browser) => touch(browser, base),
};

if (!SCENARIOS[scenario]) throw new Error(`unknown scenario ${scenario}: one of ${Object.keys(SCENARIOS).join(", ")}`);
const browser = await launch({ downloads: scenario === "simulator" ? rest[0] : null, clipboard: scenario === "controls" });
try {
  process.stdout.write(JSON.stringify(await SCENARIOS[scenario](browser)) + "\n");
} finally {
  await browser.close();
}
