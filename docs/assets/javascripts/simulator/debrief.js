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
  const parts = [el("h3", { id: "cc-debrief-heading", tabindex: "-1", text: "Debrief: " + review.title + " (held at the start of week " + review.held_week + ")" }),
    el("p", { className: "cc-hint", text: "This compares your choices with a published checklist for systematic case review and with the simulator's consultant. It is not a judgement of clinical skill." })];
  parts.push(el("ul", { className: "cc-debrief__points" }, review.checklist.map((item) => el("li", { "data-cc-debrief-point": item.id, "data-cc-differs": String(item.differs) }, [
    el("strong", { text: item.label + (item.differs ? " (your choices differed)" : " (as the point asks)") + ". " }),
    item.asks + " ", item.finding + " Source: ", sourceLink(app, item.source), ".",
  ]))));
  parts.push(el("div", { className: "cc-table-wrap" }, [patientTable(app, review)]));
  parts.push(el("h3", { text: "Across your reviews" }), el("p", { "data-cc-debrief-summary": "", text: answer.summary.text }));
  return parts;
}

function patientTable(app, review) {
  const headings = ["Patient", "Registry's agenda", "Your list", "What happened", "Rule and source"];
  return el("table", { className: "cc-agenda cc-debrief" }, [
    el("caption", { text: "Patient by patient: your choices and the consultant's advice" }),
    el("thead", {}, [el("tr", {}, headings.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, review.patients.map((p) => el("tr", { "data-cc-debrief-row": p.id }, [
      el("th", { scope: "row", text: p.name + " (" + p.id + "), " + p.tier_label }),
      el("td", { text: p.on_registry_agenda ? "yes" : "no" }),
      el("td", { text: p.on_your_list ? "yes" : "no" }),
      el("td", { text: p.text + (p.why.length ? " Why: " + p.why.join(" ") : "") }),
      el("td", {}, [p.consultant.rule + ": " + p.consultant.rule_text + " ", sourceLink(app, p.consultant.source)]),
    ]))),
  ]);
}
