// The registry view: the caseload's statistics and its table, sorted and filtered in the page. The
// cells' words come from the API (explainer/present.py); this module only lays them out.
// Rows are drawn with the same markup as the build-time table (cocm_content/templates/simulator/registry_table.html.j2);
// tests/browser/test_simulator_app.py compares the two. A week's step swaps only the cells that changed.
import { el, setText } from "./dom.js";

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
  fillList(app.find("[data-cc-stats]"), words.items,
    (item) => el("div", {}, [el("dt", { text: item.label }), el("dd", { text: item.text })]),
    (node, item) => { setText(node.firstElementChild, item.label); setText(node.lastElementChild, item.text); });
  fillList(app.find("[data-cc-stats-note]"), words.notes, (note) => el("li", { text: note }), setText);
}

// A list's children drawn from items: with as many children as items, each is updated in place, so
// a step that changes one figure restyles one element rather than the whole list.
function fillList(parent, items, make, update) {
  if (parent.children.length !== items.length) parent.replaceChildren(...items.map(make));
  else items.forEach((item, i) => update(parent.children[i], item));
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
  setText(app.find("[data-cc-caption-week]"), String(app.view.week));
  const shown = app.view.registry.shown_text.by_filter[app.filter || ""] || { count: listed };
  setText(app.find("[data-cc-caption-count]"), String(shown.count));
  setText(app.find("[data-cc-caption-shown]"), (!app.allRows && shown.caption_first) || "");
  drawRowsNote(app, shown);
  for (const th of app.root.querySelectorAll("[data-cc-registry-table] th[aria-sort]")) {
    const key = th.querySelector("[data-cc-sort]").getAttribute("data-cc-sort");
    const sort = key === app.sort.key ? (app.sort.direction > 0 ? "ascending" : "descending") : "none";
    if (th.getAttribute("aria-sort") !== sort) th.setAttribute("aria-sort", sort);
  }
  updateRows(app, body, rows);
}

// Keyed update: rows are matched by patient id and a kept row changes only what changed: a text cell
// gets its new words in place (no new elements to style), the name cell is rebuilt only when its
// words differ, and the flag cell keeps the chips that stay, so focus and an open "why" stay put and
// a week's step lays out little.
const TEXT_KEYS = ["age_text", "condition_text", "status", "weeks_text", "phq9_text", "gad7_text", "contacts_text", "review_text", "step_text"];
const FLAGS = TEXT_KEYS.length + 1; // the flag cell's index

function updateRows(app, body, rows) {
  const onScreen = rowsOnScreen(app, body);
  // Only rows laid out as grids (site.css) are worth holding back: a table lays out all its rows
  // for any change, so a second pass would lay them all out again.
  const hold = body.rows.length > 0 && getComputedStyle(body.rows[0]).display === "grid";
  const later = new Map();
  placeKeyed(body, rows, (row) => row.id, (tr) => tr.getAttribute("data-cc-patient-row"), (row) => {
    const tr = el("tr", { role: "row", "data-cc-patient-row": row.id }, [nameCell(row), ...TEXT_KEYS.map((key) => el("td", { role: "cell", text: row[key] })), flagCell(app, row)]);
    tr.ccKeys = rowKeys(row);
    onScreen.watch(tr);
    return tr;
  }, (tr, row) => (!hold || onScreen.has(tr) ? updateRow(app, tr, row) : later.set(tr, row)));
  onScreen.later(later);
}

// Rows off screen are brought up to date just after the frame that shows the rows on screen, or at
// once when anything scrolls first, so no one sees a stale row; the step's own frame then lays out
// and paints the rows in view only (each row's layout is contained, see site.css). Which rows are on screen is
// kept by an IntersectionObserver, so a step reads no layout; until it first reports, every row
// counts as on screen.
function rowsOnScreen(app, body) {
  if (body.ccOnScreen) return body.ccOnScreen;
  const shown = new Set();
  let reported = false;
  let pending = new Map();
  const flush = () => {
    const due = pending;
    pending = new Map();
    for (const [tr, row] of due) if (tr.isConnected) updateRow(app, tr, row);
  };
  const observer = new IntersectionObserver((entries) => {
    reported = true;
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) shown.add(target);
      else shown.delete(target);
      if (!target.isConnected) observer.unobserve(target);
    }
  });
  for (const tr of body.rows) observer.observe(tr);
  document.addEventListener("scroll", () => { if (pending.size) flush(); }, { capture: true, passive: true });
  body.ccOnScreen = {
    has: (tr) => !reported || shown.has(tr),
    watch: (tr) => observer.observe(tr),
    later: (rows) => {
      pending = rows;
      if (rows.size) requestAnimationFrame(() => setTimeout(() => { if (pending === rows) flush(); }));
    },
  };
  return body.ccOnScreen;
}

// parent's children become one per item, in the items' order: a child whose key (read by childKey)
// an item has is kept and updated, the others are made or removed; kept children move only when
// out of place.
function placeKeyed(parent, items, itemKey, childKey, make, update) {
  const shown = new Map();
  for (const child of parent.children) shown.set(childKey(child), child);
  let previous = null;
  for (const item of items) {
    const key = itemKey(item);
    let child = shown.get(key);
    if (child) {
      shown.delete(key);
      update(child, item);
    } else child = make(item);
    const wantedPlace = previous ? previous.nextElementSibling : parent.firstElementChild;
    if (child !== wantedPlace) parent.insertBefore(child, wantedPlace);
    previous = child;
  }
  for (const child of shown.values()) child.remove();
}

// What each cell of a row shows, as one string per cell: the name cell, the text cells, the flags.
function rowKeys(row) {
  return [row.name + "\u0001" + row.id, ...TEXT_KEYS.map((key) => row[key]), row.flags.map(flagKey).join("\u0002")];
}

const chipKey = (flag) => [flag.flag, flag.icon, flag.label].join("\u0001");
const flagKey = (flag) => [chipKey(flag), flag.reason, flag.source_lead, flag.source].join("\u0001");

function updateRow(app, tr, row) {
  const keys = rowKeys(row);
  // A build-time row has no recorded keys: its text cells are read from the page, its name and flag
  // cells are drawn once more.
  const had = tr.ccKeys || [null, ...TEXT_KEYS.map((_, i) => tr.cells[i + 1].textContent), null];
  const cells = tr.cells;
  if (had[0] !== keys[0]) cells[0].replaceWith(nameCell(row));
  for (let i = 1; i < FLAGS; i += 1) {
    if (had[i] === keys[i]) continue;
    const cell = cells[i];
    if (cell.childNodes.length === 1 && cell.firstChild.nodeType === Node.TEXT_NODE && keys[i]) cell.firstChild.data = keys[i];
    else cell.textContent = keys[i];
  }
  if (had[FLAGS] === null) cells[FLAGS].replaceWith(flagCell(app, row));
  else if (had[FLAGS] !== keys[FLAGS]) placeKeyed(cells[FLAGS], row.flags, chipKey, (chip) => chip.ccKey, (flag) => flagChip(app, flag), (chip, flag) => updateWhy(app, chip, flag));
  tr.ccKeys = keys;
}

// A kept chip with a new reason (a contact overdue one week longer), told by its flag key before
// anything is built: only its "why" paragraph changes, which Chromium does not lay out while the chip
// is closed, and an open one stays open.
function updateWhy(app, chip, flag) {
  const key = flagKey(flag);
  if (chip.ccWhyKey === key) return;
  const why = chip.lastElementChild;
  const fresh = flagWhy(app, flag);
  if (why.lastElementChild.isEqualNode(fresh.lastElementChild)) setText(why.firstChild, fresh.firstChild.data);
  else why.replaceWith(fresh);
  chip.ccWhyKey = key;
}

// The note under the table and its button, in the API's words (present.rows_shown_text): shown only
// when the filter leaves more rows than the first screen holds.
function drawRowsNote(app, shown) {
  app.find("[data-cc-registry-more]").hidden = !shown.note_first;
  if (!shown.note_first) return;
  setText(app.find("[data-cc-registry-more-text]"), app.allRows ? shown.note_all : shown.note_first);
  setText(app.find('[data-cc-action="all-rows"]'), app.allRows ? shown.show_first : shown.show_all);
}

// A row's cells, with the same markup as the build's registry table
// (scripts/hooks/cocm_content/templates/simulator/registry_table.html.j2); every word is the API's.
// The roles restate the elements' own: the page lays the rows out as grids (site.css), and Chromium
// then exposes no cell of a row unless its role is given.
function nameCell(row) {
  return el("th", { scope: "row", role: "rowheader" }, [
    el("button", { type: "button", className: "cc-link-button", "data-cc-open-patient": row.id, "data-cc-needs-python": true, text: row.name }),
    " ", el("span", { className: "cc-id", text: row.id })]);
}

function flagCell(app, row) {
  return el("td", { role: "cell" }, row.flags.map((flag) => flagChip(app, flag)));
}

function flagChip(app, flag) {
  const chip = el("details", { className: "cc-flag cc-flag--" + flag.flag }, [
    el("summary", {}, [el("span", { className: "cc-flag__icon", "aria-hidden": "true", text: flag.icon }), " " + flag.label]),
    flagWhy(app, flag),
  ]);
  chip.ccKey = chipKey(flag);
  chip.ccWhyKey = flagKey(flag);
  return chip;
}

function flagWhy(app, flag) {
  const { bibliographyUrl, sources } = app.config;
  return el("p", {}, [flag.reason + " " + flag.source_lead + " ", el("a", { href: bibliographyUrl + "#src-" + flag.source, text: sources[flag.source] || flag.source }), "."]);
}
