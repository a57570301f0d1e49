// Drives Debian's firefox-esr through puppeteer-core over WebDriver BiDi (Firefox speaks it itself, so
// there is no separate driver) for tests/browser/test_firefox.py, which runs this file and checks what
// it prints: one JSON object on stdout.
//
//   node tests/browser/firefox.mjs pages <base-url> <path>...    each page: status, console errors, other origins
//   node tests/browser/firefox.mjs simulator <base-url> <folder>  boot, a held review, a week's step, a CSV export
//
// FIREFOX names the browser binary. The profile prefers reduced motion, as the Chromium tests do, and saves
// downloads to <folder> without asking. The simulator is found by its data-cc-* hooks only:
// [data-cc-app-ready], [data-cc-hold-review], [data-cc-action="next"], [data-cc-week-label] and
// [data-cc-action="export-csv"].
import { readdirSync, statSync, watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const PYTHON_READY_MS = 180_000;
const [scenario, base, ...rest] = process.argv.slice(2);

async function launch(downloads) {
  const prefs = { "ui.prefersReducedMotion": 1 };
  if (downloads) {
    Object.assign(prefs, {
      "browser.download.folderList": 2,
      "browser.download.dir": downloads,
      "browser.download.useDownloadDir": true,
      "browser.download.always_ask_before_handling_new_types": false,
      "browser.download.start_downloads_in_tmp_dir": false,
    });
  }
  return puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: prefs,
  });
}

// A page that records console errors, uncaught errors and requests to any origin but the site's.
async function watchedPage(browser) {
  const page = await browser.newPage();
  const origin = new URL(base).origin;
  const seen = { consoleErrors: [], foreignRequests: [] };
  page.on("console", (message) => { if (message.type() === "error") seen.consoleErrors.push(message.text()); });
  page.on("pageerror", (error) => seen.consoleErrors.push(String(error)));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) seen.foreignRequests.push(request.url());
  });
  return { page, seen };
}

async function appReady(page) {
  await page.waitForSelector("[data-cc-app][data-cc-app-ready='true']", { timeout: PYTHON_READY_MS });
}

async function weekShown(page, week) {
  await page.waitForFunction(
    (label) => document.querySelector("[data-cc-week-label]")?.textContent.startsWith(label),
    { timeout: PYTHON_READY_MS }, `Week ${week} `,
  );
}

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
    const { page, seen } = await watchedPage(browser);
    const response = await page.goto(base + path, { waitUntil: "networkidle0" });
    if (path.startsWith("simulator/")) await appReady(page);
    report[path] = { status: response ? response.status() : null, ...seen };
    await page.close();
  }
  return report;
}

async function simulator(browser, folder) {
  const { page, seen } = await watchedPage(browser);
  await page.goto(base + "simulator/?scenario=impact-like&week=6&view=review");
  await appReady(page);
  const result = { booted: true };
  await page.click("[data-cc-hold-review]");
  await weekShown(page, 7);
  result.afterReview = await page.$eval("[data-cc-week-label]", (el) => el.textContent.trim());
  await page.click("[data-cc-action='next']");
  await weekShown(page, 8);
  result.afterStep = await page.$eval("[data-cc-week-label]", (el) => el.textContent.trim());
  const file = downloaded(folder);
  await page.click("[data-cc-action='export-csv']");
  result.exportName = await file;
  result.exportText = await readFile(join(folder, result.exportName), "utf8");
  return { ...result, ...seen };
}

const browser = await launch(scenario === "simulator" ? rest[0] : null);
try {
  const report = scenario === "pages" ? await pages(browser, rest) : await simulator(browser, rest[0]);
  process.stdout.write(JSON.stringify(report) + "\n");
} finally {
  await browser.close();
}
