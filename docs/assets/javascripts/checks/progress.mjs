// The "What I have covered" page: each page's answered and right counts with the last date, the
// simulator exercises finished, a JSON download, clearing with undo, and the printable completion
// record. Every word shown comes from the page (data-cc-msg-* attributes and the build's tables).
import { today } from "../reflective-questions/copies.mjs";
import { download } from "../reflective-questions/export.mjs";
import { clear, KEY, load, save, shownDate } from "./store.mjs";

const latest = (dates) => dates.reduce((a, b) => (a > b ? a : b), "");

function fill(text, values) {
  return Object.entries(values).reduce((out, [name, value]) => out.split("{" + name + "}").join(String(value)), text);
}

function cell(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// Per page: the questions it has now, and the answers kept for those (answers to removed questions drop out).
function summarise(root, state) {
  return Array.from(root.querySelectorAll("[data-cc-progress-page]"), (row) => {
    const page = row.getAttribute("data-cc-progress-page");
    const ids = row.getAttribute("data-cc-progress-ids").split(" ");
    const kept = state.answers[page] || {};
    const answers = ids.filter((id) => kept[id]).map((id) => ({ id, ...kept[id] }));
    return {
      row, page, ids, answers,
      title: row.querySelector("th").textContent.trim(),
      right: answers.filter((a) => a.right).length,
      last: latest(answers.map((a) => a.at)),
    };
  });
}

// The record's date: today, also when printing with the browser's own menu or shortcut.
function stamp() {
  document.querySelectorAll("[data-cc-record-date]").forEach((node) => {
    node.dateTime = today();
    node.textContent = shownDate(new Date().toISOString());
  });
}

window.addEventListener("beforeprint", stamp);

export function startProgress(root) {
  const record = document.querySelector("[data-cc-record]");
  const status = root.querySelector("[data-cc-progress-status]");
  const undo = root.querySelector("[data-cc-progress-undo]");
  const msg = (name) => root.getAttribute("data-cc-msg-" + name);
  const exercises = Array.from(root.querySelectorAll("[data-cc-progress-exercise]"), (item) => ({
    item, id: item.getAttribute("data-cc-progress-exercise"), title: item.querySelector("a").textContent.trim(),
  }));
  let state = load();
  let removed = null;

  function announce(text) {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 60);
  }

  function summaryText(pages) {
    const answered = pages.reduce((n, p) => n + p.answers.length, 0);
    if (!state.storage) return msg("nostore");
    if (!answered) return msg("none");
    const total = pages.reduce((n, p) => n + p.ids.length, 0);
    return fill(msg("summary"), { answered, total, right: pages.reduce((n, p) => n + p.right, 0) });
  }

  function render() {
    const pages = summarise(root, state);
    for (const p of pages) {
      const none = !p.answers.length;
      p.row.querySelector("[data-cc-progress-answered]").textContent = String(p.answers.length);
      p.row.querySelector("[data-cc-progress-right]").textContent = none ? msg("not-yet") : String(p.right);
      p.row.querySelector("[data-cc-progress-date]").textContent = none ? msg("not-yet") : shownDate(p.last);
    }
    for (const ex of exercises) {
      const done = state.exercises[ex.id];
      ex.item.querySelector("[data-cc-progress-exercise-state]").textContent = done ? fill(msg("done"), { date: shownDate(done.at) }) : msg("not-yet");
    }
    const answered = pages.filter((p) => p.answers.length);
    record.querySelector("[data-cc-record-rows]").replaceChildren(...answered.map((p) => {
      const row = document.createElement("tr");
      row.append(cell("th", p.title, { scope: "row" }), cell("td", fill(msg("count"), { answered: p.answers.length, questions: p.ids.length })),
        cell("td", String(p.right)), cell("td", shownDate(p.last)));
      return row;
    }));
    record.querySelector("[data-cc-record-checks]").hidden = !answered.length;
    record.querySelector("[data-cc-record-no-checks]").hidden = answered.length > 0;
    const finished = exercises.filter((ex) => state.exercises[ex.id]);
    record.querySelector("[data-cc-record-exercises]").replaceChildren(...finished.map((ex) =>
      cell("li", ex.title + ": " + fill(msg("done"), { date: shownDate(state.exercises[ex.id].at) }))));
    record.querySelector("[data-cc-record-exercises]").hidden = !finished.length;
    record.querySelector("[data-cc-record-no-exercises]").hidden = finished.length > 0;
    stamp();
    return pages;
  }

  root.querySelector("[data-cc-progress-export]").addEventListener("click", () => {
    const pages = summarise(root, state);
    const file = "cocm-what-i-have-covered-" + today() + ".json";
    const data = {
      note: msg("export-note"),
      exported: new Date().toISOString(),
      pages: pages.map((p) => ({ page: p.page, title: p.title, questions: p.ids.length, answered: p.answers.length, right: p.right,
        answers: p.answers.map((a) => ({ id: a.id, right: a.right, answered: a.at })) })),
      exercises: exercises.map((ex) => ({ id: ex.id, title: ex.title, finished: state.exercises[ex.id]?.at || null })),
    };
    download(file, JSON.stringify(data, null, 2) + "\n", "application/json");
    announce(fill(msg("exported"), { file }));
  });

  root.querySelector("[data-cc-progress-clear]").addEventListener("click", () => {
    const any = Object.values(state.answers).some((byId) => Object.keys(byId).length) || Object.keys(state.exercises).length;
    if (!any) {
      announce(msg("nothing"));
      return;
    }
    removed = state;
    clear();
    state = load();
    render();
    undo.hidden = false;
    undo.focus();
    announce(msg("cleared"));
  });

  undo.addEventListener("click", () => {
    if (!removed) return;
    save(removed);
    state = load();
    removed = null;
    render();
    undo.hidden = true;
    root.querySelector("[data-cc-progress-clear]").focus();
    announce(msg("restored"));
  });

  record.querySelector("[data-cc-record-print]").addEventListener("click", () => {
    stamp();
    window.print();
  });
  // Answers given in another tab of this browser show up here too.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) {
      state = load();
      render();
    }
  });

  document.querySelectorAll("[data-cc-progress-controls]").forEach((node) => { node.hidden = false; });
  root.querySelectorAll("[data-cc-progress-nojs]").forEach((node) => { node.hidden = true; });
  status.textContent = summaryText(render());
}
