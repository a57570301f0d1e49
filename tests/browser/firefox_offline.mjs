// Offline after one visit in Debian's firefox-esr (puppeteer-core over WebDriver BiDi), for
// tests/browser/test_offline_firefox.py, which serves the site and stops its server when told.
//
//   node tests/browser/firefox_offline.mjs <base-url> <path>...
//
// 1. One visit: the home page until the footer says the pages are stored, then the simulator until
//    Python is ready and the footer has settled (simulator stored, or why not).
// 2. Prints {"visited": {...}} as one line and waits for a line on stdin (the test stops the server).
// 3. Opens each path again and the simulator, steps a week there, and prints {"offline": {...}}.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";
import { documentStatus, PYTHON_READY_MS } from "./firefox_browser.mjs";

const SETTLED = ["simulator", "simulator-failed", "failed"];
const [base, ...paths] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const status = (page) => page.evaluate(() => {
  const box = document.querySelector("[data-cc-offline]");
  return box ? { state: box.dataset.ccOffline, text: box.textContent.trim() } : null;
});

async function waitForStatus(page, states) {
  await page.waitForFunction((wanted) => wanted.includes(document.querySelector("[data-cc-offline]")?.dataset.ccOffline),
    { timeout: PYTHON_READY_MS }, states);
  return status(page);
}

// The simulator's state once its boot has settled: ready (with the boot's User Timing marks) or failed.
async function simulatorSettled(page) {
  await page.waitForFunction(() => ["true", "failed"].includes(document.querySelector("[data-cc-simulator]")?.dataset.ccReady),
    { timeout: PYTHON_READY_MS });
  return page.evaluate(() => ({
    ready: document.querySelector("[data-cc-simulator]").dataset.ccReady,
    bootStatus: document.querySelector("[data-cc-boot-status]")?.textContent.trim() ?? "",
    bootError: document.querySelector("[data-cc-boot-error]:not([hidden])")?.textContent.trim() ?? "",
    marks: performance.getEntriesByType("mark").map((mark) => mark.name),
  }));
}

async function stepAWeek(page) {
  await page.waitForSelector("[data-cc-app][data-cc-app-ready='true']", { timeout: PYTHON_READY_MS });
  const before = await page.$eval("[data-cc-week-label]", (el) => el.textContent.trim());
  await page.click("[data-cc-action='next']");
  await page.waitForFunction((was) => document.querySelector("[data-cc-week-label]").textContent.trim() !== was,
    { timeout: PYTHON_READY_MS }, before);
  return { before, after: await page.$eval("[data-cc-week-label]", (el) => el.textContent.trim()) };
}

async function open(page, url) {
  try {
    await page.goto(url, { waitUntil: "load" });
    const heading = await page.$eval("h1", (el) => el.textContent.trim()).catch(() => null);
    const text = await page.evaluate(() => document.body?.innerText ?? "");
    return { status: await documentStatus(page), heading, crisisLine: text.includes("988") };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX,
  headless: true,
  defaultViewport: { width: 1280, height: 800 },
  extraPrefsFirefox: { "ui.prefersReducedMotion": 1 },
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(base, { waitUntil: "load" });
  const visited = {
    serviceWorker: await page.evaluate(() => "serviceWorker" in navigator),
    home: await waitForStatus(page, ["pages", "failed"]),
  };
  await page.goto(base + "simulator/", { waitUntil: "load" });
  visited.simulator = await simulatorSettled(page);
  visited.stored = await waitForStatus(page, SETTLED);
  visited.controlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
  process.stdout.write(JSON.stringify({ visited }) + "\n");
  await lines.next(); // the test has stopped the server

  const offline = { pages: {} };
  for (const path of paths) offline.pages[path] = await open(page, base + path);
  offline.simulatorPage = await open(page, base + "simulator/");
  if (!offline.simulatorPage.error) {
    offline.simulator = await simulatorSettled(page);
    if (offline.simulator.ready === "true") offline.step = await stepAWeek(page);
  }
  offline.pageErrors = errors;
  process.stdout.write(JSON.stringify({ offline }) + "\n");
} finally {
  await browser.close();
}
