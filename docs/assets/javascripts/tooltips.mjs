// Tooltips of glossary terms and citations (content.py renders them; this module loads only on pages
// that have some). The CSS shows a tooltip on hover and on keyboard focus; this module adds:
//
// - touch: a first tap on a term or a citation opens its tooltip instead of leaving the page; a second
//   tap on it follows the link (to the glossary or the reference list); a tap elsewhere closes it;
// - a citation's jump to the reference list is made here, whatever the pointer (see follow);
// - Escape hides the tooltip shown (WCAG 1.4.13, content on hover or focus) until the pointer or the
//   focus leaves that link;
// - every tooltip shown is kept inside the window.
//
// Listeners sit on the document, so they hold across Material's instant navigation without re-running.

const ITEM = ".cc-term, .cc-cite__item";
const LINK = ".cc-term > .cc-term-link, .cc-cite__item > a";
const TIP = ".cc-term__tip, .cc-cite__tip";
const OPEN = "cc-tip--open";
const DISMISSED = "cc-tip--dismissed";
const MARGIN_PX = 8;

let lastPointer = "mouse";

function itemOf(event) {
  return event.target instanceof Element ? event.target.closest(ITEM) : null;
}

// Shift the tooltip left when it would run off the right edge of the window.
function fit(item) {
  const tip = item.querySelector(TIP);
  if (!tip) return;
  tip.style.left = "";
  const rect = tip.getBoundingClientRect();
  const overflow = rect.right - (document.documentElement.clientWidth - MARGIN_PX);
  if (overflow > 0) tip.style.left = -Math.min(overflow, rect.left - MARGIN_PX) + "px";
}

function closeAll(except) {
  document.querySelectorAll("." + OPEN).forEach((item) => {
    if (item !== except) item.classList.remove(OPEN);
  });
}

function show(event) {
  const item = itemOf(event);
  if (item) window.requestAnimationFrame(() => fit(item));
}

// A citation's link leads to the reference list further down the same page. This module makes that
// jump itself (address, scroll, focus, highlight): the browser's own fragment navigation fires
// popstate, on which Material's instant navigation fetches and redraws the whole page, and under load
// it then lands at the top instead of at the source.
function follow(event, link) {
  if (link.pathname !== location.pathname || !link.hash) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();
  history.pushState(null, "", link.hash);
  document.querySelectorAll(".cc-target").forEach((el) => el.classList.remove("cc-target"));
  target.classList.add("cc-target");
  target.setAttribute("tabindex", "-1");
  target.scrollIntoView();
  target.focus({ preventScroll: true });
}

// Capture phase on the window, so a first tap is stopped before Material's instant navigation sees it.
function tap(event) {
  const link = event.target instanceof Element ? event.target.closest(LINK) : null;
  if (lastPointer !== "touch") {
    if (link) follow(event, link);
    return;
  }
  if (!link) {
    if (!(event.target instanceof Element && event.target.closest(TIP))) closeAll();
    return;
  }
  const item = link.parentElement;
  if (item.classList.contains(OPEN)) {
    follow(event, link);
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  closeAll(item);
  item.classList.remove(DISMISSED);
  item.classList.add(OPEN);
  fit(item);
}

document.addEventListener("pointerdown", (event) => { lastPointer = event.pointerType; }, true);
window.addEventListener("click", tap, true);
document.addEventListener("mouseover", show);
document.addEventListener("focusin", show);
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const shown = ".cc-term:hover, .cc-cite__item:hover, .cc-term:focus-within, .cc-cite__item:focus-within, ." + OPEN;
  document.querySelectorAll(shown).forEach((item) => {
    item.classList.remove(OPEN);
    item.classList.add(DISMISSED);
  });
});
document.addEventListener("focusout", (event) => {
  const item = itemOf(event);
  if (item) item.classList.remove(DISMISSED);
});
document.addEventListener("mouseout", (event) => {
  const item = itemOf(event);
  if (item && !item.contains(event.relatedTarget)) item.classList.remove(DISMISSED);
});
