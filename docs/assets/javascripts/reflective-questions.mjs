// The reflective-questions page (content.py loads this module there only): theme and role filters, a
// session list, per-question notes kept in this browser's localStorage only, export, clear-all and a
// printed handout. Material's instant navigation does not re-run a module, so it starts on each page
// through Material's document$ and acts where the page has [data-cc-rq].
import { shorten, textOf, today } from "./reflective-questions/copies.mjs";
import { download, notesMarkdown } from "./reflective-questions/export.mjs";
import { noteBlock, sessionItem } from "./reflective-questions/session-list.mjs";
import { load, save } from "./reflective-questions/storage.mjs";

const NO_STORAGE = "This browser is not letting the page store anything, so your list and notes will be lost " +
  "when you leave the page.";

// The handout's date, also when printing with the browser's own menu or shortcut.
function stamp() {
  document.querySelectorAll("[data-cc-rq-date]").forEach((el) => { el.textContent = today(); });
}

function init() {
  const root = document.querySelector("[data-cc-rq]");
  if (!root || root.getAttribute("data-cc-rq-ready") === "true") return;
  root.setAttribute("data-cc-rq-ready", "true");

  const state = load();
  const status = root.querySelector("[data-cc-rq-status]");
  const filters = root.querySelector("[data-cc-rq-filters]");
  const session = document.querySelector("[data-cc-rq-session]");
  const list = session.querySelector("[data-cc-rq-session-list]");
  const empty = session.querySelector("[data-cc-rq-empty]");
  const items = Array.from(document.querySelectorAll("[data-cc-rq-question]"));
  const byId = Object.fromEntries(items.map((item) => [item.getAttribute("data-cc-rq-question"), item]));
  state.session = state.session.filter((id, i, all) => byId[id] && all.indexOf(id) === i);

  let announceTimer = null;
  function announce(message) {
    // Clear first, so that the same sentence twice in a row is still read out.
    status.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => { status.textContent = message; }, 60);
  }

  function store() {
    const ok = save(state);
    if (!ok && state.storage) {
      state.storage = false;
      announce(NO_STORAGE);
    }
    return ok;
  }

  const question = (id) => byId[id].querySelector(".cc-rq__text");

  // Filters ----------------------------------------------------------------------------------------
  const ticked = (name) =>
    Array.from(filters.querySelectorAll("input[name='" + name + "']:checked"), (box) => box.value);

  function applyFilters(speak) {
    const themes = ticked("theme");
    const roles = ticked("role");
    let shown = 0;
    const shownByTheme = {};
    items.forEach((item) => {
      const roleMatch = item.getAttribute("data-roles").split(" ").some((role) => roles.includes(role));
      const visible = themes.includes(item.getAttribute("data-theme")) && roleMatch;
      item.hidden = !visible;
      if (visible) {
        shown += 1;
        shownByTheme[item.getAttribute("data-theme")] = true;
      }
    });
    document.querySelectorAll("[data-cc-rq-theme]").forEach((block) => {
      const theme = block.getAttribute("data-cc-rq-theme");
      const heading = document.getElementById("theme-" + theme);
      block.hidden = !shownByTheme[theme];
      if (heading) heading.hidden = !shownByTheme[theme];
    });
    if (!speak) return;
    announce(shown === 0 ? "No questions match. Tick at least one theme and one role."
      : "Showing " + shown + " of " + items.length + " questions.");
  }

  filters.addEventListener("change", () => applyFilters(true));
  filters.addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("[data-cc-rq-show-all]").addEventListener("click", () => {
    filters.querySelectorAll("input[type='checkbox']").forEach((box) => { box.checked = true; });
    applyFilters(true);
  });

  // Session list -----------------------------------------------------------------------------------
  function renderSession() {
    list.replaceChildren(...state.session.map((id) => sessionItem(byId[id], state.notes[id])));
    const filled = state.session.length > 0;
    empty.hidden = filled;
    list.hidden = !filled;
    session.classList.toggle("cc-rq__session--filled", filled);
    items.forEach((item) => {
      const on = state.session.includes(item.getAttribute("data-cc-rq-question"));
      const toggle = item.querySelector("[data-cc-rq-toggle]");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.querySelector(".cc-rq__tick").textContent = on ? "✓ " : "";
    });
  }

  function countText() {
    const n = state.session.length;
    return n === 1 ? "1 question in the session list." : n + " questions in the session list.";
  }

  function toggle(id) {
    const at = state.session.indexOf(id);
    if (at >= 0) state.session.splice(at, 1);
    else state.session.push(id);
    store();
    renderSession();
    announce((at >= 0 ? "Removed from" : "Added to") + " your session: " + shorten(textOf(question(id))) + " " +
      countText());
  }

  items.forEach((item) => {
    const id = item.getAttribute("data-cc-rq-question");
    item.querySelector("[data-cc-rq-toggle]").addEventListener("click", () => toggle(id));
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-cc-rq-remove]");
    if (!button) return;
    const id = button.getAttribute("data-cc-rq-remove");
    const at = state.session.indexOf(id);
    toggle(id);
    const buttons = list.querySelectorAll("[data-cc-rq-remove]");
    if (buttons.length) buttons[Math.min(at, buttons.length - 1)].focus();
    else session.querySelector("h2").focus();
  });

  // Notes ------------------------------------------------------------------------------------------
  function refreshNote(id) {
    const entry = list.querySelector("[data-cc-rq-item='" + id + "'] .cc-rq__s-notes");
    if (entry) entry.replaceWith(noteBlock(state.notes[id]));
  }

  items.forEach((item) => {
    const id = item.getAttribute("data-cc-rq-question");
    const area = item.querySelector("[data-cc-rq-note]");
    if (state.notes[id]) {
      area.value = state.notes[id];
      item.querySelector("[data-cc-rq-notes]").open = true;
    }
    area.addEventListener("input", () => {
      if (area.value.trim()) state.notes[id] = area.value;
      else delete state.notes[id];
      store();
      refreshNote(id);
    });
    area.addEventListener("change", () => {
      if (state.storage) announce("Note saved in this browser only.");
    });
  });

  // Questions with notes: those in the session list first, in its order, then the rest in page order.
  function noted() {
    const ids = state.session.filter((id) => state.notes[id]);
    items.forEach((item) => {
      const id = item.getAttribute("data-cc-rq-question");
      if (state.notes[id] && !ids.includes(id)) ids.push(id);
    });
    return ids.map((id) => byId[id]);
  }

  session.querySelector("[data-cc-rq-export]").addEventListener("click", () => {
    const picked = noted();
    if (!picked.length) {
      announce("There are no notes to export yet.");
      return;
    }
    const name = "reflective-questions-notes-" + today() + ".md";
    download(name, notesMarkdown(picked, state.notes));
    announce("Exported " + picked.length + (picked.length === 1 ? " note" : " notes") + " as " + name + ".");
  });

  session.querySelector("[data-cc-rq-clear-notes]").addEventListener("click", () => {
    if (!Object.keys(state.notes).length) {
      announce("There are no notes to clear.");
      return;
    }
    if (!window.confirm("Delete all your notes on this page from this browser? This cannot be undone.")) {
      announce("Nothing was deleted.");
      return;
    }
    state.notes = {};
    store();
    items.forEach((item) => { item.querySelector("[data-cc-rq-note]").value = ""; });
    renderSession();
    announce("All notes deleted from this browser.");
  });

  session.querySelector("[data-cc-rq-clear-session]").addEventListener("click", () => {
    if (!state.session.length) {
      announce("The session list is already empty.");
      return;
    }
    state.session = [];
    store();
    renderSession();
    announce("Session list emptied. Your notes are kept.");
  });

  // Print ------------------------------------------------------------------------------------------
  session.querySelector("[data-cc-rq-print]").addEventListener("click", () => {
    if (!state.session.length) {
      announce("Add at least one question to the session list before printing.");
      return;
    }
    stamp();
    window.print();
  });

  // Start ------------------------------------------------------------------------------------------
  filters.hidden = false;
  session.hidden = false;
  root.querySelectorAll("[data-cc-rq-nojs]").forEach((el) => { el.hidden = true; });
  document.querySelectorAll("[data-cc-rq-controls]").forEach((el) => { el.hidden = false; });
  session.querySelector("h2").setAttribute("tabindex", "-1");
  stamp();
  renderSession();
  applyFilters(false);
  if (!state.storage) announce(NO_STORAGE);
}

window.addEventListener("beforeprint", stamp);

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else {
  init();
}
