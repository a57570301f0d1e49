// Reflective questions page (served as assets/content/teach.js): theme and role filters, a session
// list, per-question notes kept in this browser's localStorage only, export, clear-all and a printed
// handout. It loads on every page and acts only where the page has [data-cc-rq]. Material's instant
// navigation swaps pages without re-running extra scripts, so it starts through Material's document$.
(function () {
  "use strict";

  var KEY = "cocm.reflective-questions.v1";
  var LINES = 5;

  // Stored state: the session list (question ids, in the order picked) and notes by question id.
  // Unreadable storage (blocked by the browser) and unreadable contents (edited by hand) differ:
  // the first means nothing can be kept, the second just starts afresh.
  function load() {
    var raw;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (error) {
      return { session: [], notes: {}, storage: false };
    }
    var data = {};
    try {
      data = JSON.parse(raw || "{}") || {};
    } catch (error) {
      data = {};
    }
    var notes = {};
    if (data.notes && typeof data.notes === "object") {
      Object.keys(data.notes).forEach(function (id) {
        if (typeof data.notes[id] === "string" && data.notes[id].trim()) notes[id] = data.notes[id];
      });
    }
    var session = Array.isArray(data.session) ? data.session.filter(function (id) {
      return typeof id === "string";
    }) : [];
    return { session: session, notes: notes, storage: true };
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ session: state.session, notes: state.notes }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // A copy of a question's text or "why" fit to show twice on a page: no ids, no tooltips, and the
  // citation numbers written out as short references, since a handout has no reference list.
  function copyOf(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".cc-term__tip").forEach(function (el) { el.remove(); });
    copy.querySelectorAll("sup.cc-cite").forEach(function (sup) {
      var names = Array.prototype.slice.call(sup.querySelectorAll("a")).map(function (a) {
        return a.getAttribute("data-short") || a.textContent;
      });
      var cite = document.createElement("span");
      cite.className = "cc-rq__s-cite";
      cite.textContent = " (" + names.join("; ") + ")";
      sup.replaceWith(cite);
    });
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id], [aria-describedby]")))
      .forEach(function (el) {
        el.removeAttribute("id");
        el.removeAttribute("aria-describedby");
      });
    return copy;
  }

  function textOf(node) {
    return copyOf(node).textContent.replace(/\s+/g, " ").trim();
  }

  function shorten(text) {
    return text.length > 70 ? text.slice(0, 67).replace(/\s+\S*$/, "") + "..." : text;
  }

  function init() {
    var root = document.querySelector("[data-cc-rq]");
    if (!root || root.getAttribute("data-cc-rq-ready") === "true") return;
    root.setAttribute("data-cc-rq-ready", "true");

    var state = load();
    var status = root.querySelector("[data-cc-rq-status]");
    var filters = root.querySelector("[data-cc-rq-filters]");
    var session = document.querySelector("[data-cc-rq-session]");
    var list = session.querySelector("[data-cc-rq-session-list]");
    var empty = session.querySelector("[data-cc-rq-empty]");
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-cc-rq-question]"));
    var byId = {};
    items.forEach(function (item) { byId[item.getAttribute("data-cc-rq-question")] = item; });
    state.session = state.session.filter(function (id, i, all) {
      return byId[id] && all.indexOf(id) === i;
    });

    var announceTimer = null;
    function announce(message) {
      // Clear first, so that the same sentence twice in a row is still read out.
      status.textContent = "";
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () { status.textContent = message; }, 60);
    }

    function store() {
      var ok = save(state);
      if (!ok && state.storage) {
        state.storage = false;
        announce("This browser is not letting the page store anything, so your list and notes will be lost " +
          "when you leave the page.");
      }
      return ok;
    }

    function question(id) { return byId[id].querySelector(".cc-rq__text"); }

    // --- Filters -------------------------------------------------------------------------------
    function ticked(name) {
      return Array.prototype.slice.call(filters.querySelectorAll("input[name='" + name + "']:checked"))
        .map(function (box) { return box.value; });
    }

    function applyFilters(speak) {
      var themes = ticked("theme");
      var roles = ticked("role");
      var shown = 0;
      var shownByTheme = {};
      items.forEach(function (item) {
        var roleMatch = item.getAttribute("data-roles").split(" ").some(function (role) {
          return roles.indexOf(role) >= 0;
        });
        var visible = themes.indexOf(item.getAttribute("data-theme")) >= 0 && roleMatch;
        item.hidden = !visible;
        if (visible) {
          shown += 1;
          shownByTheme[item.getAttribute("data-theme")] = true;
        }
      });
      document.querySelectorAll("[data-cc-rq-theme]").forEach(function (block) {
        var theme = block.getAttribute("data-cc-rq-theme");
        var heading = document.getElementById("theme-" + theme);
        block.hidden = !shownByTheme[theme];
        if (heading) heading.hidden = !shownByTheme[theme];
      });
      if (!speak) return;
      if (shown === 0) {
        announce("No questions match. Tick at least one theme and one role.");
      } else {
        announce("Showing " + shown + " of " + items.length + " questions.");
      }
    }

    filters.addEventListener("change", function () { applyFilters(true); });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("[data-cc-rq-show-all]").addEventListener("click", function () {
      filters.querySelectorAll("input[type='checkbox']").forEach(function (box) { box.checked = true; });
      applyFilters(true);
    });

    // --- Session list --------------------------------------------------------------------------
    function noteBlock(id) {
      var block = document.createElement("div");
      block.className = "cc-rq__s-notes";
      var label = document.createElement("p");
      label.className = "cc-rq__s-label";
      label.textContent = "Notes";
      block.appendChild(label);
      var note = state.notes[id];
      if (note) {
        var text = document.createElement("p");
        text.className = "cc-rq__s-note";
        text.textContent = note;
        block.appendChild(text);
      } else {
        var none = document.createElement("p");
        none.className = "cc-rq__s-none";
        none.textContent = "No notes yet.";
        block.appendChild(none);
        var lines = document.createElement("div");
        lines.className = "cc-rq__lines";
        lines.setAttribute("aria-hidden", "true");
        for (var i = 0; i < LINES; i += 1) lines.appendChild(document.createElement("span"));
        block.appendChild(lines);
      }
      return block;
    }

    function sessionItem(id) {
      var item = byId[id];
      var li = document.createElement("li");
      li.className = "cc-rq__s-item";
      li.setAttribute("data-cc-rq-item", id);
      var text = copyOf(question(id));
      text.className = "cc-rq__s-text";
      li.appendChild(text);
      var why = document.createElement("p");
      why.className = "cc-rq__s-why";
      var strong = document.createElement("strong");
      strong.textContent = "Why it matters: ";
      why.appendChild(strong);
      Array.prototype.slice.call(copyOf(item.querySelector("[data-cc-rq-why]")).childNodes).forEach(function (n) {
        why.appendChild(n);
      });
      li.appendChild(why);
      var meta = document.createElement("p");
      meta.className = "cc-rq__s-meta";
      meta.textContent = item.getAttribute("data-theme-title") + " · " + item.getAttribute("data-principle-label");
      li.appendChild(meta);
      li.appendChild(noteBlock(id));
      var actions = document.createElement("p");
      actions.className = "cc-rq__s-actions";
      var go = document.createElement("a");
      go.href = "#q-" + id;
      go.textContent = "Go to the question";
      actions.appendChild(go);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "md-button";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", "Remove from session: " + shorten(textOf(question(id))));
      remove.setAttribute("data-cc-rq-remove", id);
      actions.appendChild(remove);
      li.appendChild(actions);
      return li;
    }

    function renderSession() {
      list.textContent = "";
      state.session.forEach(function (id) { list.appendChild(sessionItem(id)); });
      var filled = state.session.length > 0;
      empty.hidden = filled;
      list.hidden = !filled;
      session.classList.toggle("cc-rq__session--filled", filled);
      items.forEach(function (item) {
        var on = state.session.indexOf(item.getAttribute("data-cc-rq-question")) >= 0;
        var toggle = item.querySelector("[data-cc-rq-toggle]");
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        toggle.querySelector(".cc-rq__tick").textContent = on ? "✓ " : "";
      });
    }

    function countText() {
      var n = state.session.length;
      return n === 1 ? "1 question in the session list." : n + " questions in the session list.";
    }

    function toggle(id) {
      var at = state.session.indexOf(id);
      if (at >= 0) {
        state.session.splice(at, 1);
      } else {
        state.session.push(id);
      }
      store();
      renderSession();
      announce((at >= 0 ? "Removed from" : "Added to") + " your session: " + shorten(textOf(question(id))) + " " +
        countText());
    }

    items.forEach(function (item) {
      var id = item.getAttribute("data-cc-rq-question");
      item.querySelector("[data-cc-rq-toggle]").addEventListener("click", function () { toggle(id); });
    });

    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-cc-rq-remove]");
      if (!button) return;
      var id = button.getAttribute("data-cc-rq-remove");
      var at = state.session.indexOf(id);
      toggle(id);
      var buttons = list.querySelectorAll("[data-cc-rq-remove]");
      if (buttons.length) {
        buttons[Math.min(at, buttons.length - 1)].focus();
      } else {
        session.querySelector("h2").focus();
      }
    });

    // --- Notes ---------------------------------------------------------------------------------
    function refreshNote(id) {
      var entry = list.querySelector("[data-cc-rq-item='" + id + "'] .cc-rq__s-notes");
      if (entry) entry.replaceWith(noteBlock(id));
    }

    items.forEach(function (item) {
      var id = item.getAttribute("data-cc-rq-question");
      var area = item.querySelector("[data-cc-rq-note]");
      if (state.notes[id]) {
        area.value = state.notes[id];
        item.querySelector("[data-cc-rq-notes]").open = true;
      }
      area.addEventListener("input", function () {
        if (area.value.trim()) {
          state.notes[id] = area.value;
        } else {
          delete state.notes[id];
        }
        store();
        refreshNote(id);
      });
      area.addEventListener("change", function () {
        if (state.storage) announce("Note saved in this browser only.");
      });
    });

    function notedIds() {
      var ids = state.session.filter(function (id) { return state.notes[id]; });
      items.forEach(function (item) {
        var id = item.getAttribute("data-cc-rq-question");
        if (state.notes[id] && ids.indexOf(id) < 0) ids.push(id);
      });
      return ids;
    }

    session.querySelector("[data-cc-rq-export]").addEventListener("click", function () {
      var ids = notedIds();
      if (!ids.length) {
        announce("There are no notes to export yet.");
        return;
      }
      var lines = [
        "# Notes on reflective questions for supervision",
        "",
        "Exported on " + today() + " from " + document.title + ". These notes were kept only in this browser.",
        "For education only; not medical advice. In a crisis in the US, call or text 988.",
      ];
      ids.forEach(function (id, i) {
        var item = byId[id];
        lines.push("", "## " + (i + 1) + ". " + textOf(question(id)), "",
          "Theme: " + item.getAttribute("data-theme-title") + ". Principle: " +
            item.getAttribute("data-principle-label") + ".",
          "Why it matters: " + textOf(item.querySelector("[data-cc-rq-why]")), "",
          state.notes[id].trim());
      });
      var name = "reflective-questions-notes-" + today() + ".md";
      var url = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/markdown;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      announce("Exported " + ids.length + (ids.length === 1 ? " note" : " notes") + " as " + name + ".");
    });

    session.querySelector("[data-cc-rq-clear-notes]").addEventListener("click", function () {
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
      items.forEach(function (item) { item.querySelector("[data-cc-rq-note]").value = ""; });
      renderSession();
      announce("All notes deleted from this browser.");
    });

    session.querySelector("[data-cc-rq-clear-session]").addEventListener("click", function () {
      if (!state.session.length) {
        announce("The session list is already empty.");
        return;
      }
      state.session = [];
      store();
      renderSession();
      announce("Session list emptied. Your notes are kept.");
    });

    // --- Print ---------------------------------------------------------------------------------
    session.querySelector("[data-cc-rq-print]").addEventListener("click", function () {
      if (!state.session.length) {
        announce("Add at least one question to the session list before printing.");
        return;
      }
      stamp();
      window.print();
    });

    // --- Start ---------------------------------------------------------------------------------
    filters.hidden = false;
    session.hidden = false;
    root.querySelectorAll("[data-cc-rq-nojs]").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll("[data-cc-rq-controls]").forEach(function (el) { el.hidden = false; });
    session.querySelector("h2").setAttribute("tabindex", "-1");
    stamp();
    renderSession();
    applyFilters(false);
    if (!state.storage) {
      announce("This browser is not letting the page store anything, so your list and notes will be lost when " +
        "you leave the page.");
    }
  }

  // The handout's date, also when printing with the browser's own menu or shortcut.
  function stamp() {
    document.querySelectorAll("[data-cc-rq-date]").forEach(function (el) { el.textContent = today(); });
  }
  window.addEventListener("beforeprint", stamp);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
