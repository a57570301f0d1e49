// Clicks and keys for the simulator app. Every control is inert until the first state is drawn
// (the build marks them disabled; enableControls lifts that), and the simulator's keys are taken
// from the first moment, so a key pressed while Python boots never reaches Material's own shortcuts.
import { VIEWS } from "./link-state.js";
import { drawRegistry } from "./registry.js";
import { countReviewTime, holdReview } from "./review.js";
import { openPatient } from "./patient.js";
import { startWalkthrough, advanceWalkthrough, stopWalkthrough } from "./walkthrough.js";
import { applySettings } from "./settings.js";
import { copyLink, exportCsv, exportJson, importFile } from "./trainer.js";

const ACTIONS = {
  next: (app) => app.next(),
  back: (app) => app.back(),
  play: (app) => app.togglePlay(),
  reset: (app) => app.reset(),
  "copy-link": copyLink,
  present: (app) => app.togglePresenter(),
  "export-csv": exportCsv,
  "export-json": exportJson,
  "all-rows": (app) => { app.allRows = !app.allRows; drawRegistry(app); },
  help: (app) => { const dialog = app.find("[data-cc-help]"); if (!dialog.open) dialog.showModal(); },
};

const KEYS = { n: "next", b: "back", p: "play", r: "reset", f: "present", "?": "help" };

// After the first state is drawn: every control of the page's simulator (the app and the PHQ-9 scorer) works.
export function enableControls(pageRoot, appRoot) {
  for (const control of pageRoot.querySelectorAll("[data-cc-needs-python]")) control.disabled = false;
  if (appRoot) appRoot.setAttribute("data-cc-app-ready", "true");
}

function onClick(app, event) {
  const target = event.target.closest("button, [data-cc-action]");
  if (!target || !app.root.contains(target) || !app.view) return;
  const action = target.getAttribute("data-cc-action");
  if (ACTIONS[action]) ACTIONS[action](app);
  else if (target.hasAttribute("data-cc-tab")) app.selectTab(target.getAttribute("data-cc-tab"), true);
  else if (target.hasAttribute("data-cc-open-patient")) {
    openPatient(app, target.getAttribute("data-cc-open-patient")).then(() => app.find("#cc-patient-heading")?.focus());
  } else if (target.hasAttribute("data-cc-sort")) {
    const key = target.getAttribute("data-cc-sort");
    app.sort = { key, direction: app.sort.key === key ? -app.sort.direction : 1 };
    drawRegistry(app);
  } else if (target.hasAttribute("data-cc-hold-review")) holdReview(app);
  else if (target.hasAttribute("data-cc-walk-start")) startWalkthrough(app);
  else if (target.hasAttribute("data-cc-walk-next")) advanceWalkthrough(app);
  else if (target.hasAttribute("data-cc-walk-stop")) stopWalkthrough(app);
}

function onTabKey(app, event) {
  let index = VIEWS.indexOf(app.tab);
  if (event.key === "ArrowRight") index = (index + 1) % VIEWS.length;
  else if (event.key === "ArrowLeft") index = (index + VIEWS.length - 1) % VIEWS.length;
  else if (event.key === "Home") index = 0;
  else if (event.key === "End") index = VIEWS.length - 1;
  else return;
  event.preventDefault();
  app.selectTab(VIEWS[index], true);
}

// The simulator's own keys. Material binds N, P, F and others to page navigation and search on the
// window; this listener on the document runs first and stops them, during boot as well.
function onKey(app, event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  const tag = (target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) return;
  if (app.find("[data-cc-help]").open) return;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const action = KEYS[key];
  const number = /^[1-6]$/.test(key); // a view's key, taken during boot too (VIEWS fills when the link is read)
  const view = number ? VIEWS[Number(key) - 1] : null;
  const escape = key === "Escape" && app.presenting;
  if (!action && !number && !escape) return;
  event.preventDefault();
  event.stopPropagation();
  if (!app.view) return; // booting: the key is taken, and nothing happens
  if (action) ACTIONS[action](app);
  else if (view) app.selectTab(view, true);
  else if (escape) app.setPresenter(false);
}

export function wire(app) {
  const root = app.root;
  root.addEventListener("click", (event) => onClick(app, event));
  app.find("[data-cc-scenario]").addEventListener("change", (event) => app.changeScenario(event.target.value));
  app.find("[data-cc-review]").addEventListener("change", (event) => {
    if (event.target.hasAttribute("data-cc-discuss")) countReviewTime(app);
  });
  app.find("[data-cc-filter]").addEventListener("change", (event) => { app.filter = event.target.value; drawRegistry(app); });
  app.find("[data-cc-settings-form]").addEventListener("submit", (event) => { event.preventDefault(); applySettings(app); });
  app.find("[data-cc-import]").addEventListener("change", (event) => importFile(app, event.target));
  app.find('[role="tablist"]').addEventListener("keydown", (event) => onTabKey(app, event));
  const keys = (event) => onKey(app, event);
  document.addEventListener("keydown", keys);
  return () => document.removeEventListener("keydown", keys);
}
