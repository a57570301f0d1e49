// A visible cue on tables wider than the page (content.py loads this module on pages with tables).
// Material puts each Markdown table in a frame that scrolls sideways (.md-typeset__scrollwrap); when a
// table does not fit, as on a phone, this module says so in a line above it and lets the keyboard
// scroll it (a focusable region named by that line). The cue follows resizes.

const FRAME = ".md-typeset .md-typeset__scrollwrap";
const HINT = "Wide table: scroll it sideways to see every column.";
let hints = 0;

function hintFor(frame) {
  let hint = frame.previousElementSibling;
  if (hint && hint.classList.contains("cc-scroll-hint")) return hint;
  hint = document.createElement("p");
  hint.className = "cc-scroll-hint";
  hint.id = "cc-scroll-hint-" + (hints += 1);
  hint.textContent = HINT;
  frame.before(hint);
  return hint;
}

function update(frame) {
  const scrolls = frame.scrollWidth > frame.clientWidth + 1;
  frame.classList.toggle("cc-scrolls", scrolls);
  const hint = hintFor(frame);
  hint.hidden = !scrolls;
  if (scrolls) {
    frame.setAttribute("tabindex", "0");
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-labelledby", hint.id);
  } else {
    ["tabindex", "role", "aria-labelledby"].forEach((name) => frame.removeAttribute(name));
  }
}

const watcher = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));

function start() {
  watcher.disconnect();
  document.querySelectorAll(FRAME).forEach((frame) => watcher.observe(frame));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else {
  start();
}
