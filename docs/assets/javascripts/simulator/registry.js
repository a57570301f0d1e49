// The registry view: the caseload's statistics and its table, sorted and filtered in the page. The
// cells' words come from the API (explainer/present.py); this module only lays them out.
// Rows are drawn with the same markup as the build-time table (cocm_content/templates/simulator/registry_table.html.j2);
// tests/browser/test_simulator_app.py compares the two. A week's step swaps only the cells that changed.
import { el } from "./dom.js";

const SORT_VALUES = {
  id: (r) => r.id,
  age: (r) => r.age,
  condition: (r) => r.condition,
  status: (r) => r.status,
  weeks: (r) => r.weeks_in_treatment,
  phq9: (r) => (r.phq9_change === null ? -Infinity : r.phq9_change),
  gad7: (r) => (r.gad7_change === null ? -Infinity : r.gad7_change),
  contacts: (r) => r.contacts,
  review: (r) => (r.last_review_week === null ? -1 : r.last_review_week),
  step: (r) => r.treatment_step,
  flags: (r) => r.flags.length,
};

export function drawStats(app) {
  const words = app.view.registry.statistics_text;
  app.find("[data-cc-stats]").replaceChildren(...words.items.map((item) =>
    el("div", {}, [el("dt", { text: item.label }), el("dd", { text: item.text })])));
  app.find("[data-cc-stats-note]").replaceChildren(...words.notes.map((note) => el("li", { text: note })));
}

// The rows to show, in the chosen order, after the flag filter.
function chosenRows(app) {
  const rows = app.view.registry.rows.filter((row) => !app.filter || row.flags.some((flag) => flag.flag === app.filter));
  const value = SORT_VALUES[app.sort.key];
  const direction = app.sort.direction;
  return rows.sort((a, b) => {
    const x = value(a), y = value(b);
    if (x < y) return -direction;
    if (x > y) return direction;
    return a.id < b.id ? -1 : 1;
  });
}

export function drawRegistry(app) {
  const body = app.find("[data-cc-registry-body]");
  // The build drew the default state's rows in id order: when Python opens that very state, keep them.
  const drawnToken = body.getAttribute("data-cc-drawn-token");
  body.removeAttribute("data-cc-drawn-token");
  const firstRows = app.config.registryFirstRows;
  if (drawnToken === app.view.token && !app.filter && !app.allRows && app.sort.key === "id" && app.sort.direction === 1) return;
  let rows = chosenRows(app);
  const listed = rows.length;
  if (!app.allRows) rows = rows.slice(0, firstRows);
  app.find("[data-cc-caption-week]").textContent = app.view.week;
  app.find("[data-cc-caption-count]").textContent = listed;
  app.find("[data-cc-caption-shown]").textContent = rows.length < listed ? ", the first " + rows.length + " shown" : "";
  drawRowsNote(app, listed);
  for (const th of app.root.querySelectorAll("[data-cc-registry-table] th[aria-sort]")) {
    const key = th.querySelector("[data-cc-sort]").getAttribute("data-cc-sort");
    th.setAttribute("aria-sort", key === app.sort.key ? (app.sort.direction > 0 ? "ascending" : "descending") : "none");
  }
  updateRows(app, body, rows);
}

// Keyed update: rows are matched by patient id; a kept row swaps only the cells whose drawn markup
// changed, so a week's step lays out a few hundred cells, and focus and an open "why" stay put.
function updateRows(app, body, rows) {
  const shown = new Map();
  for (const tr of body.rows) shown.set(tr.getAttribute("data-cc-patient-row"), tr);
  let previous = null;
  for (const row of rows) {
    let tr = shown.get(row.id);
    const cells = rowCells(app, row);
    if (tr) {
      shown.delete(row.id);
      Array.from(tr.cells).forEach((old, column) => {
        // A build-time cell has no recorded markup: its own, read now, is what it was drawn with.
        if ((old.ccMarkup ?? old.innerHTML) !== cells[column].ccMarkup) old.replaceWith(cells[column]);
      });
    } else {
      tr = el("tr", { "data-cc-patient-row": row.id }, cells);
    }
    const wantedPlace = previous ? previous.nextElementSibling : body.firstElementChild;
    if (tr !== wantedPlace) body.insertBefore(tr, wantedPlace);
    previous = tr;
  }
  for (const tr of shown.values()) tr.remove();
}

function drawRowsNote(app, listed) {
  const first = app.config.registryFirstRows;
  app.find("[data-cc-registry-more]").hidden = listed <= first;
  app.find("[data-cc-registry-more-text]").textContent = app.allRows
    ? "All " + listed + " patients are shown." : "The first " + first + " of " + listed + " patients are shown.";
  app.find('[data-cc-action="all-rows"]').textContent = app.allRows ? "Show the first " + first + " only" : "Show all " + listed + " patients";
}

// One row's cells, with the same markup as the build's registry table
// (scripts/hooks/cocm_content/templates/simulator/registry_table.html.j2); every word is the API's.
function rowCells(app, row) {
  const { bibliographyUrl, sources } = app.config;
  const cells = [
    el("th", { scope: "row" }, [
      el("button", { type: "button", className: "cc-link-button", "data-cc-open-patient": row.id, "data-cc-needs-python": true, text: row.name }),
      " ", el("span", { className: "cc-id", text: row.id })]),
    ...["age_text", "condition_text", "status", "weeks_text", "phq9_text", "gad7_text", "contacts_text", "review_text", "step_text"]
      .map((key) => el("td", { text: row[key] })),
    el("td", {}, row.flags.map((flag) => el("details", { className: "cc-flag cc-flag--" + flag.flag }, [
      el("summary", {}, [el("span", { className: "cc-flag__icon", "aria-hidden": "true", text: flag.icon }), " " + flag.label]),
      el("p", {}, [flag.reason + " " + flag.source_lead + " ", el("a", { href: bibliographyUrl + "#src-" + flag.source, text: sources[flag.source] || flag.source }), "."]),
    ]))),
  ];
  rememberMarkup(cells);
  return cells;
}

// Note on each registry cell the markup it was drawn with; updateRows compares by it.
function rememberMarkup(cells) {
  for (const cell of cells) cell.ccMarkup = cell.innerHTML;
}
