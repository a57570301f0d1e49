// Shared by the Firefox drivers (firefox.mjs and the scenario modules it runs): Debian's firefox-esr
// launched through puppeteer-core over WebDriver BiDi, a page that records what went wrong, and waits
// on the simulator's data-cc-* hooks. Every wait is on a condition in the page, never on a clock.
import puppeteer from "puppeteer-core";

// A generous bound on a Pyodide boot in Firefox on a loaded two-core machine: a hang fails, not blocks.
export const PYTHON_READY_MS = 180_000;

// FIREFOX names the browser binary. The profile prefers reduced motion, as the Chromium tests do;
// with a downloads folder it saves there without asking; with clipboard it lets the page's script
// read the clipboard (Firefox otherwise asks the user with a "Paste" menu, which a test cannot click).
export async function launch({ downloads = null, clipboard = false } = {}) {
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
  if (clipboard) prefs["dom.events.testing.asyncClipboard"] = true;
  return puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: prefs,
  });
}

// A page that records console errors, uncaught errors and requests to any origin but the site's.
export async function watchedPage(browser, base) {
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

// The HTTP status of the page's own document, as the page received it (Navigation Timing's
// responseStatus; from the service worker too). Not goto's response: over BiDi, puppeteer-core links a
// navigation to its request from an event that can arrive after the load event, and goto then answers
// null for a page served fine (1 run in 5 of the 34 pages on a loaded two-core machine).
export const documentStatus = (page) =>
  page.evaluate(() => performance.getEntriesByType("navigation")[0]?.responseStatus ?? null);

export async function appReady(page) {
  await page.waitForSelector("[data-cc-app][data-cc-app-ready='true']", { timeout: PYTHON_READY_MS });
}

// The page shows this week, every registry row included: rows off screen get their new words just
// after the frame that shows the week (registry.js rowsOnScreen), from a timeout set in an earlier
// animation frame than the one awaited here.
export async function weekShown(page, week) {
  await page.waitForFunction(
    (label) => document.querySelector("[data-cc-week-label]")?.textContent.startsWith(label),
    { timeout: PYTHON_READY_MS }, `Week ${week} `,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}

export const weekLabel = (page) => page.$eval("[data-cc-week-label]", (el) => el.textContent.trim());
export const innerText = (page, selector) => page.$eval(selector, (el) => el.innerText);

// Shown as Playwright's is_visible means it: in the page, with a box, and not visibility: hidden.
export const visible = (page, selector) => page.evaluate((css) => {
  const el = document.querySelector(css);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
}, selector);

// How far the page itself scrolls sideways, in CSS px (0 or less: it does not).
export const sideways = (page) => page.evaluate(() =>
  document.documentElement.scrollWidth - document.documentElement.clientWidth);
