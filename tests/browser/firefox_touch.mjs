// Issue 12 point 6 in Firefox, mirroring tests/browser/test_touch.py: on a phone-sized window, a tap on
// a glossary term or a citation opens its tooltip, a second tap follows the link, and a citation is a
// target of at least 24 x 24 CSS px (WCAG 2.5.8). No Python boots here.
//
// How the taps are made: Firefox ESR's WebDriver BiDi has no emulation.setTouchOverride (puppeteer
// asks, and quietly goes on without it), so the page is not told it is on a touch screen
// (navigator.maxTouchPoints stays 0; the report says which). page.touchscreen.tap sends input actions
// of pointer type "touch", so the page sees pointerdown with pointerType "touch" and then a click, as
// from a finger; that pointer type is what tooltips.mjs answers.
import { watchedPage } from "./firefox_browser.mjs";

const shown = (id) => getComputedStyle(document.getElementById(id)).display !== "none";
const hidden = (id) => getComputedStyle(document.getElementById(id)).display === "none";
const inView = (id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.top >= 0 && r.top < innerHeight;
};
const inside = (id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.left >= 0 && r.right <= document.documentElement.clientWidth;
};

// The middle of an element, once it is on screen, has not moved for a frame and is what a finger
// there would touch (a page may still be adding a scroll hint above a wide table, which moves what follows).
const settled = (el) => new Promise((resolve) => {
  const before = el.getBoundingClientRect();
  requestAnimationFrame(() => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const still = box.top === before.top && box.left === before.left;
    const onScreen = box.top >= 0 && box.bottom <= innerHeight;
    resolve(still && onScreen && el.contains(document.elementFromPoint(x, y))
      ? { x, y, width: box.width, height: box.height } : false);
  });
});

async function tap(page, handle) {
  await handle.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const box = await (await page.waitForFunction(settled, {}, handle)).jsonValue();
  await page.touchscreen.tap(box.x, box.y);
  return box;
}

async function term(page, base) {
  await page.goto(base + "model/");
  await page.evaluate(() => {
    window.ccSameDocument = true;
    window.ccPointerTypes = [];
    document.addEventListener("pointerdown", (event) => window.ccPointerTypes.push(event.pointerType), true);
  });
  const link = await page.$("a.cc-term-link[aria-describedby]");
  const tip = await link.evaluate((el) => el.getAttribute("aria-describedby"));
  const seen = { maxTouchPoints: await page.evaluate(() => navigator.maxTouchPoints) };
  await tap(page, link);
  await page.waitForFunction(shown, {}, tip);
  seen.pathAfterFirstTap = await page.evaluate(() => location.pathname);
  seen.tipInsideScreen = await page.evaluate(inside, tip);
  await tap(page, await page.$("h1"));
  await page.waitForFunction(hidden, {}, tip);
  await tap(page, link);
  await page.waitForFunction(shown, {}, tip);
  await tap(page, link);
  // Instant navigation changes the address before it swaps in the page, so wait for the page itself.
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.startsWith("Glossary"));
  seen.pathAfterSecondTap = await page.evaluate(() => location.pathname);
  seen.sameDocument = await page.evaluate(() => window.ccSameDocument === true);
  // The glossary's own citations answer a tap too: the module outlives the page swap.
  const cite = await page.$("sup.cc-cite a[aria-describedby]");
  await tap(page, cite);
  await page.waitForFunction(shown, {}, await cite.evaluate((el) => el.getAttribute("aria-describedby")));
  seen.glossaryCitationPath = await page.evaluate(() => location.pathname);
  seen.pointerTypes = await page.evaluate(() => window.ccPointerTypes);
  return seen;
}

async function citation(page, base) {
  await page.goto(base + "evidence/impact/");
  const cite = await page.$("sup.cc-cite a[aria-describedby]");
  const { tip, short, entry } = await cite.evaluate((el) => ({
    tip: el.getAttribute("aria-describedby"),
    short: el.getAttribute("data-short"),
    entry: decodeURIComponent(new URL(el.href).hash.slice(1)),
  }));
  const box = await tap(page, cite);
  await page.waitForFunction(shown, {}, tip);
  const seen = {
    box: { width: box.width, height: box.height },
    short,
    tipText: await page.$eval("#" + tip, (el) => el.innerText),
    entry,
    entryInViewAfterFirstTap: await page.evaluate(inView, entry),
  };
  await tap(page, cite);
  await page.waitForFunction(inView, {}, entry);
  seen.hashAfterSecondTap = await page.evaluate(() => decodeURIComponent(location.hash.slice(1)));
  return seen;
}

export async function touch(browser, base) {
  const { page, seen } = await watchedPage(browser, base);
  await page.setViewport({ width: 390, height: 844, hasTouch: true, isMobile: true });
  return { term: await term(page, base), citation: await citation(page, base), ...seen };
}
