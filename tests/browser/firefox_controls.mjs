// Issue 12 points 3, 4 and 5 in Firefox in one boot, mirroring tests/browser/test_simulator_layout.py
// and the walkthrough test in test_simulator_app.py: controls that wait for the first state (the
// explainer wheel is held back, so the boot waits for the test), Play/Pause, Reset and a new scenario
// with Undo, Copy link's confirmation, and the walkthrough as predict, run, reflect.
// Returns what it saw; test_firefox.py judges it.
import { appReady, innerText, PYTHON_READY_MS, visible, watchedPage, weekLabel, weekShown } from "./firefox_browser.mjs";

const weekNumber = (label) => Number(label.match(/^Week (\d+) /)[1]);
const notBusy = (page) => page.waitForFunction(() => !document.querySelector("[data-cc-app]").hasAttribute("aria-busy"));
const playButton = (page) => page.$eval('[data-cc-action="play"]', (el) => ({
  text: el.textContent.trim(), pressed: el.getAttribute("aria-pressed"),
}));

// While Python boots (its wheel held back): what a learner could touch, and where keys take them.
async function duringBoot(page, base) {
  // Interception stays on for the whole run: each later request, a second wheel's included, goes on.
  await page.setRequestInterception(true);
  let asked, release;
  const wheelAsked = new Promise((resolve) => { asked = resolve; });
  const released = new Promise((resolve) => { release = resolve; });
  page.on("request", (request) => {
    if (request.url().endsWith(".whl")) {
      asked();
      released.then(() => request.continue());
    } else request.continue();
  });
  const address = base + "simulator/?scenario=impact-like";
  await page.goto(address);
  await wheelAsked;
  // Material's own shortcuts listen on the window: a key the simulator takes never reaches it.
  await page.evaluate(() => {
    window.ccKeysOnWindow = [];
    window.addEventListener("keydown", (event) => window.ccKeysOnWindow.push(event.key));
  });
  const seen = await page.evaluate(() => {
    const controls = Array.from(document.querySelectorAll("[data-cc-app] [data-cc-needs-python]"));
    return {
      controls: controls.length,
      live: controls.filter((control) => !control.disabled).map((control) => control.outerHTML.slice(0, 120)),
      patientNameDisabled: document.querySelector("[data-cc-open-patient]").disabled,
      nextDisabled: document.querySelector('[data-cc-action="next"]').disabled,
      pythonReady: document.querySelector("[data-cc-simulator]").dataset.ccReady ?? null,
    };
  });
  for (const key of ["n", "p", "r", "3"]) await page.keyboard.press(key);
  seen.keysOnWindow = await page.evaluate(() => window.ccKeysOnWindow);
  seen.addressAfterKeys = await page.evaluate(() => location.href);
  seen.address = address;
  seen.play = await playButton(page);
  release();
  // The first moment Next week can be clicked, it is clicked.
  await page.waitForSelector('[data-cc-action="next"]:not([disabled])', { timeout: PYTHON_READY_MS });
  await page.click('[data-cc-action="next"]');
  await weekShown(page, 1);
  await appReady(page);
  seen.afterFirstClick = await weekLabel(page);
  seen.playAfterBoot = await playButton(page);
  seen.addressAfterBoot = await page.evaluate(() => location.href);
  return seen;
}

async function playAndPause(page) {
  await page.click('[data-cc-action="play"]');
  await page.waitForFunction(() => document.querySelector('[data-cc-action="play"]').getAttribute("aria-pressed") === "true");
  const seen = { playing: await playButton(page) };
  await page.waitForFunction(() => Number(document.querySelector("[data-cc-week-label]").textContent.match(/^Week (\d+) /)[1]) >= 2);
  await page.click('[data-cc-action="play"]');
  seen.paused = await playButton(page);
  seen.timerStopped = await page.evaluate(() => window.CCSim.app.playing === null);
  await notBusy(page);
  seen.week = weekNumber(await weekLabel(page));
  return seen;
}

// Reset (by its key) and a new scenario, each undone from the message it leaves.
async function undo(page, week) {
  const registry = () => innerText(page, "[data-cc-registry-body]");
  const before = await registry();
  await page.keyboard.press("r");
  await weekShown(page, 0);
  const seen = { resetMessageShown: await visible(page, "[data-cc-app-message]") };
  seen.resetMessage = await innerText(page, "[data-cc-app-message]");
  await page.click("[data-cc-app-message] [data-cc-undo]");
  await weekShown(page, week);
  seen.registryRestored = (await registry()) === before;
  await page.select("[data-cc-scenario]", "understaffed");
  await page.waitForFunction(() => window.CCSim.app.view.scenario.id === "understaffed");
  seen.scenarioMessage = await innerText(page, "[data-cc-app-message]");
  await page.click("[data-cc-app-message] [data-cc-undo]");
  await page.waitForFunction(() => window.CCSim.app.view.scenario.id === "impact-like");
  await notBusy(page);
  seen.afterScenarioUndo = await weekLabel(page);
  seen.scenarioPicked = await page.$eval("[data-cc-scenario]", (el) => el.value);
  seen.registryAfterScenarioUndo = (await registry()) === before;
  return seen;
}

async function copyLink(page) {
  await page.click('[data-cc-action="copy-link"]');
  await page.waitForFunction(() => document.querySelector("[data-cc-copy-status]").textContent.includes("Link copied"));
  return {
    status: await innerText(page, "[data-cc-copy-status]"),
    statusShown: await visible(page, "[data-cc-copy-status]"),
    clipboard: await page.evaluate(() => navigator.clipboard.readText()),
  };
}

// The walkthrough's step, as the learner sees it: the progress line and what the button offers.
const walkState = (page) => page.evaluate(() =>
  document.querySelector("[data-cc-walk-progress]").textContent + " | " + document.querySelector("[data-cc-walk-next]").textContent);

async function walkthrough(page, guess) {
  await page.click('[data-cc-tab="walkthrough"]');
  const seen = { stepsListOpen: await page.$eval(".cc-walk__all", (el) => el.hasAttribute("open")) };
  await page.click("[data-cc-walk-start]");
  await page.waitForFunction(() => !document.querySelector("[data-cc-walk-live]").hidden);
  seen.firstStep = await innerText(page, "[data-cc-walk-live]");
  seen.stepsListShown = await visible(page, ".cc-walk__all");
  for (let clicks = 0; clicks < 12; clicks += 1) {
    const state = await walkState(page);
    if (state.includes("Run to week 10")) break;
    await page.click("[data-cc-walk-next]");
    await page.waitForFunction((before) => document.querySelector("[data-cc-walk-progress]").textContent + " | "
      + document.querySelector("[data-cc-walk-next]").textContent !== before, { timeout: PYTHON_READY_MS }, state);
  }
  seen.beforeRun = await walkState(page);
  seen.predictText = await innerText(page, "[data-cc-walk-live]");
  seen.promptsShown = await page.$$eval(".cc-walk__prompt, .cc-walk__predict-text",
    (prompts) => prompts.filter((prompt) => prompt.getClientRects().length > 0).length);
  await page.type("#cc-walk-guess", guess);
  await page.click("[data-cc-walk-next]");
  await weekShown(page, 10);
  await page.waitForSelector("[data-cc-walk-kept]");
  seen.kept = await innerText(page, "[data-cc-walk-kept]");
  seen.happened = await innerText(page, ".cc-walk__happened");
  await page.waitForSelector("[data-cc-walk-live] svg[role=img]", { timeout: PYTHON_READY_MS });
  seen.afterRun = await innerText(page, "[data-cc-walk-live]");
  seen.chartTitle = await page.$eval("[data-cc-walk-live] svg[role=img] title", (el) => el.textContent);
  return seen;
}

export async function controls(browser, base) {
  const { page, seen } = await watchedPage(browser, base);
  const result = { boot: await duringBoot(page, base) };
  result.play = await playAndPause(page);
  result.undo = await undo(page, result.play.week);
  result.copy = await copyLink(page);
  const guess = "She will be flagged as not improving.";
  result.walkthrough = { typed: guess, ...await walkthrough(page, guess) };
  return { ...result, ...seen };
}
