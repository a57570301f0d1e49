// The debrief after a review the learner held: explainer.api "debrief" compares the review with the
// checklist's points and with the model's consultant, patient by patient, and sums up the session.
// This module only lays out that answer; every sentence comes from Python.
import { el } from "./dom.js";
import { recordExercise } from "../checks/store.mjs";

let shownFor = null;

function sourceLink(app, key) {
  const { bibliographyUrl, sources } = app.config;
  return el("a", { href: bibliographyUrl + "#src-" + key, text: sources[key] || key });
}

export function drawDebrief(app) {
  const box = app.find("[data-cc-debrief]");
  if (!box || !app.view) return Promise.resolve();
  if (!app.view.decisions) { shownFor = null; box.replaceChildren(); box.hidden = true; return Promise.resolve(); }
  const token = app.view.token;
  if (shownFor === token) return Promise.resolve();
  shownFor = token;
  return app.call("debrief", { token }).then((answer) => {
    if (shownFor !== token) return;
    box.hidden = false;
    box.replaceChildren(...layout(app, answer));
    recordExercise("debriefed-review");
  }, (error) => { box.hidden = false; box.replaceChildren(el("p", { className: "cc-field-error", text: error.message })); });
}

function layout(app, answer) {
  const review = answer.latest;
  const words = answer.words;
  const parts = [el("h3", { id: "cc-debrief-heading", tabindex: "-1", text: review.heading }),
    el("p", { className: "cc-hint", text: words.note })];
  parts.push(el("ul", { className: "cc-debrief__points" }, review.checklist.map((item) => el("li", { "data-cc-debrief-point": item.id, "data-cc-differs": String(item.differs) }, [
    el("strong", { text: item.status }), " ", item.text + " ", sourceLink(app, item.source), ".",
  ]))));
  parts.push(el("div", { className: "cc-table-wrap" }, [patientTable(app, review, words)]));
  parts.push(el("h3", { text: words.summary_heading }), el("p", { "data-cc-debrief-summary": "", text: answer.summary.text }));
  return parts;
}

function patientTable(app, review, words) {
  return el("table", { className: "cc-agenda cc-debrief" }, [
    el("caption", { text: words.caption }),
    el("thead", {}, [el("tr", {}, words.columns.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, review.patients.map((p) => el("tr", { "data-cc-debrief-row": p.id }, [
      el("th", { scope: "row", text: p.label }),
      el("td", { text: p.registry_text }),
      el("td", { text: p.yours_text }),
      el("td", { text: p.detail }),
      el("td", {}, [p.rule_line + " ", sourceLink(app, p.consultant.source)]),
    ]))),
  ]);
}
