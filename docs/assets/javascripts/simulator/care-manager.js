// The care manager's week: the learner chooses whom to bring to the week's review, whom to call, in which
// order, and whom to try again, within the week's hours and the review's places. explainer.api "worklist"
// gives the lists, the time used and every word shown here; "work" runs the week with the choices. This
// module only lays those answers out, keeps the rows where the learner put them, and sends the choices back.
import { el } from "./dom.js";
import { recordExercise } from "../checks/store.mjs";

// The week being planned: { token, review: [ids] or null, order: [every due id, as the rows stand],
// picked: Set of ids to call, retry: Set of ids }.
let choices = null;
let pending = 0;

function sourceLink(app, key) {
  const { bibliographyUrl, sources } = app.config;
  return el("a", { href: bibliographyUrl + "#src-" + key, text: sources[key] || key });
}

function contacts() { return choices.order.filter((id) => choices.picked.has(id)); }

function request(app) {
  const calls = contacts();
  const args = { token: app.view.token, contacts: calls, retry: [...choices.retry].filter((id) => calls.includes(id)) };
  if (choices.review) args.review = choices.review;
  return args;
}

export function drawCareManager(app) {
  const box = app.find("[data-cc-care]");
  if (!box || !app.view) return Promise.resolve();
  if (!box.dataset.ccWired) wire(app, box);
  if (!choices || choices.token !== app.view.token) choices = null;
  const ask = ++pending;
  return app.call("worklist", choices ? request(app) : { token: app.view.token }).then((answer) => {
    if (ask !== pending) return;
    if (!choices) {
      const items = answer.worklist.items.filter((i) => !i.left);
      choices = { token: app.view.token, review: answer.review ? answer.review.chosen.slice() : null,
        order: items.map((i) => i.id), picked: new Set(items.filter((i) => i.chosen).map((i) => i.id)), retry: new Set() };
    }
    box.replaceChildren(...layout(app, answer));
  }, (error) => {
    if (ask === pending) box.replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
  });
}

function layout(app, answer) {
  const list = answer.worklist;
  const words = answer.words;
  const parts = [el("p", { "data-cc-care-summary": "", text: list.summary })];
  if (answer.review) {
    parts.push(el("h3", { text: words.review_heading }),
      el("p", { "data-cc-care-review-summary": "", text: answer.review.summary }),
      el("p", { className: "cc-care__hours", "data-cc-care-review-time": "", "aria-live": "polite", "aria-atomic": "true",
        text: answer.review.time.text }),
      el("div", { className: "cc-table-wrap", "data-cc-care-review-table": "" }, [reviewTable(answer.review, words)]),
      el("p", { id: "cc-care-safety-note", className: "cc-hint", text: answer.review.safety_note }),
      el("p", { className: "cc-field-error", role: "alert", "data-cc-care-review-error": "" }));
  }
  parts.push(el("h3", { text: words.calls_heading }),
    el("p", { className: "cc-care__hours", "data-cc-care-hours": "", "aria-live": "polite", "aria-atomic": "true" },
      [words.hours_label + " ", el("strong", { "data-cc-care-left": "", text: list.hours.text })]),
    el("p", { className: "cc-hint", text: words.order_hint }),
    el("div", { className: "cc-table-wrap", "data-cc-care-table": "" }, [worklistTable(list, words)]),
    el("p", { className: "cc-field-error", role: "alert", "data-cc-care-error": "" }),
    el("p", {}, [
      el("button", { type: "button", className: "md-button md-button--primary", "data-cc-care-run": "", text: words.run }), " ",
      el("button", { type: "button", className: "md-button", "data-cc-care-default": "", text: words.default }),
    ]),
    el("h3", { text: words.minutes_heading }),
    el("ul", {}, list.minutes.map((m) => el("li", {}, [m.text + " ", sourceLink(app, m.source), ")."]))));
  const last = answer.last_week;
  if (last) {
    parts.push(el("h3", { text: last.heading }));
    if (last.review) parts.push(el("p", { "data-cc-care-last-review": "", text: last.review }));
    parts.push(el("p", { "data-cc-care-last": "", text: last.summary }),
      el("details", {}, [el("summary", { text: words.details }),
        el("ul", {}, last.items.map((item) => el("li", { text: item.text })))]));
  }
  const found = answer.consequences;
  parts.push(el("h3", { text: words.consequences_heading }), el("p", { "data-cc-care-consequences": "", text: found.summary }));
  for (const group of found.groups) {
    if (!group.items.length) continue;
    parts.push(el("details", { "data-cc-care-group": group.kind }, [el("summary", { text: group.heading }),
      el("ul", {}, group.items.map((item) => el("li", { "data-cc-care-consequence": item.id },
        [item.rule_text + " ", sourceLink(app, item.source), "."])))]));
  }
  return parts;
}

function reviewTable(review, words) {
  return el("table", { className: "cc-agenda cc-care-review" }, [
    el("caption", { text: review.caption }),
    el("thead", {}, [el("tr", {}, words.review_columns.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, review.rows.map((row) => {
      const id = "cc-bring-" + row.id;
      return el("tr", { "data-cc-bring-row": row.id, "data-cc-bring-tier": row.tier }, [
        el("td", {}, [el("input", { type: "checkbox", id, "data-cc-bring": row.id, checked: row.chosen,
          disabled: row.locked, "aria-describedby": row.locked ? "cc-care-safety-note" : null })]),
        el("th", { scope: "row" }, [el("label", { for: id, text: row.label })]),
        el("td", { text: row.reason }),
      ]);
    })),
  ]);
}

function worklistTable(list, words) {
  const byId = new Map(list.items.map((item) => [item.id, item]));
  const calls = contacts();
  const rows = choices.order.filter((id) => byId.has(id)).map((id) => byId.get(id));
  rows.push(...list.items.filter((item) => !item.left && !choices.order.includes(item.id)), ...list.items.filter((item) => item.left));
  return el("table", { className: "cc-agenda cc-care" }, [
    el("caption", { text: list.caption }),
    el("thead", {}, [el("tr", {}, words.calls_columns.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, rows.map((item) => {
      const callId = "cc-call-" + item.id;
      const at = calls.indexOf(item.id);
      const move = (dir, label, symbol, off) => el("button", { type: "button", className: "cc-move", "data-cc-move": dir,
        "data-cc-move-id": item.id, "aria-label": label, text: symbol, disabled: off });
      return el("tr", { "data-cc-care-row": item.id }, [
        el("td", {}, item.left ? [] : [el("input", { type: "checkbox", id: callId, "data-cc-call": item.id, checked: item.chosen })]),
        el("td", { className: "cc-care__order" }, item.left ? [] : [
          el("span", { "data-cc-care-position": item.id, text: item.position_text }), " ",
          move("up", item.up_label, "\u2191", at <= 0), move("down", item.down_label, "\u2193", at < 0 || at === calls.length - 1)]),
        el("th", { scope: "row" }, [item.left ? item.label : el("label", { for: callId, text: item.label })]),
        el("td", { text: item.reason }),
        el("td", { text: String(item.minutes) }),
        el("td", {}, item.left ? [] : [el("input", { type: "checkbox", "data-cc-retry": item.id, checked: item.retry,
          disabled: !item.chosen, "aria-label": item.retry_label })]),
        el("td", { "data-cc-care-status": item.id, text: item.status }),
      ]);
    })),
  ]);
}

// Which control has focus, as a selector that finds its replacement after the tables are redrawn.
function focusKey(box) {
  const active = document.activeElement;
  if (!active || !box.contains(active)) return null;
  for (const name of ["data-cc-bring", "data-cc-call", "data-cc-retry"]) {
    if (active.hasAttribute(name)) return ["[" + name + '="' + active.getAttribute(name) + '"]'];
  }
  if (active.hasAttribute("data-cc-move")) {
    const id = '[data-cc-move-id="' + active.getAttribute("data-cc-move-id") + '"]';
    const dir = active.getAttribute("data-cc-move");
    return [id + '[data-cc-move="' + dir + '"]', id + '[data-cc-move="' + (dir === "up" ? "down" : "up") + '"]', '[data-cc-call="' + active.getAttribute("data-cc-move-id") + '"]'];
  }
  return null;
}

// After a choice: ask the API again, update the time lines and redraw the two tables; focus stays on the
// control the learner used (or its neighbour when a move has disabled it). A refused choice is explained
// next to the table it came from, and the tables stay as they were.
function refresh(app, box, errorLine = "[data-cc-care-error]") {
  const ask = ++pending;
  const keep = focusKey(box);
  return app.call("worklist", request(app)).then((answer) => {
    if (ask !== pending) return;
    const list = answer.worklist;
    const fresh = list.items.filter((i) => !i.left).map((i) => i.id);
    choices.order = choices.order.filter((id) => fresh.includes(id)).concat(fresh.filter((id) => !choices.order.includes(id)));
    app.find("[data-cc-care-left]").textContent = list.hours.text;
    app.find("[data-cc-care-summary]").textContent = list.summary;
    app.find("[data-cc-care-table]").replaceChildren(worklistTable(list, answer.words));
    if (answer.review) {
      app.find("[data-cc-care-review-time]").textContent = answer.review.time.text;
      app.find("[data-cc-care-review-summary]").textContent = answer.review.summary;
      app.find("[data-cc-care-review-table]").replaceChildren(reviewTable(answer.review, answer.words));
    }
    for (const line of box.querySelectorAll("[data-cc-care-error], [data-cc-care-review-error]")) line.textContent = "";
    const target = keep && keep.map((selector) => box.querySelector(selector)).find((node) => node && !node.disabled);
    if (target) target.focus();
  }, (error) => { if (ask === pending) app.find(errorLine).textContent = error.message; });
}

// Move a call one place earlier or later among the calls on the list (rows left off keep their place).
function move(id, dir) {
  const calls = contacts();
  const at = calls.indexOf(id);
  const other = calls[dir === "up" ? at - 1 : at + 1];
  if (at < 0 || !other) return false;
  const i = choices.order.indexOf(id);
  const j = choices.order.indexOf(other);
  choices.order[i] = other;
  choices.order[j] = id;
  return true;
}

function wire(app, box) {
  box.dataset.ccWired = "true";
  box.addEventListener("change", (event) => {
    const target = event.target;
    if (!choices) return;
    if (target.hasAttribute("data-cc-bring")) {
      const id = target.getAttribute("data-cc-bring");
      choices.review = target.checked ? choices.review.concat([id]) : choices.review.filter((pid) => pid !== id);
      refresh(app, box, "[data-cc-care-review-error]");
    } else if (target.hasAttribute("data-cc-call")) {
      const id = target.getAttribute("data-cc-call");
      if (target.checked) choices.picked.add(id); else choices.picked.delete(id);
      refresh(app, box);
    } else if (target.hasAttribute("data-cc-retry")) {
      const id = target.getAttribute("data-cc-retry");
      if (target.checked) choices.retry.add(id); else choices.retry.delete(id);
      refresh(app, box);
    }
  });
  box.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !app.view || !choices) return;
    if (button.hasAttribute("data-cc-move")) {
      if (move(button.getAttribute("data-cc-move-id"), button.getAttribute("data-cc-move"))) refresh(app, box);
    } else if (button.hasAttribute("data-cc-care-run")) {
      const args = request(app);
      choices = null;
      app.act("work", args).then(() => { recordExercise("care-manager-week"); app.find("#cc-care-heading").focus(); }, (error) => {
        const line = app.find("[data-cc-care-error]");
        if (line) line.textContent = error.message;
      });
    } else if (button.hasAttribute("data-cc-care-default")) {
      choices = null;
      drawCareManager(app).then(() => app.find("[data-cc-care-left]")?.closest("p").focus?.());
    }
  });
}
