// The care manager's week: the learner chooses whom to call, and whom to try again, within the week's
// hours. explainer.api "worklist" gives the list, the hours and every sentence shown here; "work" runs
// the week with the choices. This module only lays those answers out and sends the choices back.
import { el } from "./dom.js";
import { recordExercise } from "../checks/store.mjs";

let choices = null; // { token, contacts: [ids in calling order], retry: Set of ids } for the week being planned
let pending = 0;

function sourceLink(app, key) {
  const { bibliographyUrl, sources } = app.config;
  return el("a", { href: bibliographyUrl + "#src-" + key, text: sources[key] || key });
}

function request(app) {
  return { token: app.view.token, contacts: choices.contacts, retry: [...choices.retry].filter((id) => choices.contacts.includes(id)) };
}

export function drawCareManager(app) {
  const box = app.find("[data-cc-care]");
  if (!box || !app.view) return Promise.resolve();
  if (!box.dataset.ccWired) wire(app, box);
  if (app.view.done) { box.replaceChildren(el("p", { text: "The run has ended; there are no more weeks to plan." })); return Promise.resolve(); }
  if (!choices || choices.token !== app.view.token) choices = null;
  const ask = ++pending;
  return app.call("worklist", choices ? request(app) : { token: app.view.token }).then((answer) => {
    if (ask !== pending) return;
    if (!choices) {
      choices = { token: app.view.token, contacts: answer.worklist.items.filter((i) => i.chosen).map((i) => i.id), retry: new Set() };
    }
    box.replaceChildren(...layout(app, answer));
  }, (error) => {
    if (ask === pending) box.replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
  });
}

function layout(app, answer) {
  const list = answer.worklist;
  const parts = [
    el("p", { "data-cc-care-summary": "", text: list.summary }),
    el("p", { className: "cc-care__hours", "data-cc-care-hours": "", "aria-live": "polite", "aria-atomic": "true" },
      ["Care-manager time left: ", el("strong", { "data-cc-care-left": "", text: list.hours.text })]),
    el("div", { className: "cc-table-wrap" }, [worklistTable(list)]),
    el("p", { className: "cc-field-error", "data-cc-care-error": "" }),
    el("p", {}, [
      el("button", { type: "button", className: "md-button md-button--primary", "data-cc-care-run": "", text: "Run the week with my choices" }), " ",
      el("button", { type: "button", className: "md-button", "data-cc-care-default": "", text: "Back to the registry's order" }),
    ]),
    el("h3", { text: "Minutes per call" }),
    el("ul", {}, list.minutes.map((m) => el("li", {}, [m.label + ": " + m.minutes + " minutes (" + m.rule + "; source: ", sourceLink(app, m.source), ")."]))),
  ];
  if (answer.last_week) {
    parts.push(el("h3", { text: "Week " + answer.last_week.week + ": the calls made" }),
      el("p", { "data-cc-care-last": "", text: answer.last_week.summary }),
      el("details", {}, [el("summary", { text: "Patient by patient" }),
        el("ul", {}, answer.last_week.items.map((item) => el("li", { text: item.text })))]));
  }
  const found = answer.consequences;
  parts.push(el("h3", { text: "What the caseload shows now" }), el("p", { "data-cc-care-consequences": "", text: found.summary }));
  for (const group of found.groups) {
    if (!group.items.length) continue;
    parts.push(el("details", { "data-cc-care-group": group.kind }, [el("summary", { text: group.label + " (" + group.items.length + ")" }),
      el("ul", {}, group.items.map((item) => el("li", {}, [item.text + " Rule " + item.rule + "; source: ", sourceLink(app, item.source), "."])))]));
  }
  return parts;
}

function worklistTable(list) {
  const headings = ["Call", "Patient", "Why due", "Minutes", "Try again if unanswered", "This week"];
  return el("table", { className: "cc-agenda cc-care" }, [
    el("caption", { text: "Worklist for week " + list.week + ", in the registry's order" }),
    el("thead", {}, [el("tr", {}, headings.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, list.items.map((item) => {
      const callId = "cc-call-" + item.id;
      return el("tr", { "data-cc-care-row": item.id }, [
        el("td", {}, [el("input", { type: "checkbox", id: callId, "data-cc-call": item.id, checked: item.chosen })]),
        el("th", { scope: "row" }, [el("label", { for: callId, text: item.name + " (" + item.id + "), " + item.group })]),
        el("td", { text: item.reason }),
        el("td", { text: String(item.minutes) }),
        el("td", {}, [el("input", { type: "checkbox", "data-cc-retry": item.id, checked: item.retry, disabled: !item.chosen,
          "aria-label": "Try " + item.name + " (" + item.id + ") again later in the week if the call is not answered" })]),
        el("td", { "data-cc-care-status": item.id, text: item.status }),
      ]);
    })),
  ]);
}

// After a pick: ask the API for the hours and each row's status, and update them in place (focus stays put).
function refresh(app) {
  const ask = ++pending;
  return app.call("worklist", request(app)).then((answer) => {
    if (ask !== pending) return;
    const list = answer.worklist;
    app.find("[data-cc-care-left]").textContent = list.hours.text;
    app.find("[data-cc-care-summary]").textContent = list.summary;
    for (const item of list.items) {
      const status = app.find('[data-cc-care-status="' + item.id + '"]');
      if (status) status.textContent = item.status;
      const retry = app.find('[data-cc-retry="' + item.id + '"]');
      if (retry) retry.disabled = !item.chosen;
    }
    app.find("[data-cc-care-error]").textContent = "";
  }, (error) => { if (ask === pending) app.find("[data-cc-care-error]").textContent = error.message; });
}

function wire(app, box) {
  box.dataset.ccWired = "true";
  box.addEventListener("change", (event) => {
    const target = event.target;
    if (!choices) return;
    if (target.hasAttribute("data-cc-call")) {
      const order = [...box.querySelectorAll("[data-cc-call]")].map((input) => input.getAttribute("data-cc-call"));
      const id = target.getAttribute("data-cc-call");
      const kept = choices.contacts.filter((pid) => pid !== id);
      choices.contacts = target.checked ? order.filter((pid) => pid === id || kept.includes(pid)) : kept;
      refresh(app);
    } else if (target.hasAttribute("data-cc-retry")) {
      const id = target.getAttribute("data-cc-retry");
      if (target.checked) choices.retry.add(id); else choices.retry.delete(id);
      refresh(app);
    }
  });
  box.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !app.view) return;
    if (button.hasAttribute("data-cc-care-run")) {
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
