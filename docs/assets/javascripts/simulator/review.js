// The caseload review: the learner takes the psychiatric consultant's chair, chooses whom to discuss in
// the week's time and what to recommend, then holds the review (explainer.api "decide").
import { el } from "./dom.js";

// Every sentence, caption and label comes with the view (explainer/present.py review_note, agenda_text).
export function drawReview(app) {
  const box = app.find("[data-cc-review]");
  const view = app.view;
  const parts = [];
  if (view.review) parts.push(el("p", { className: "cc-review__last", text: view.review }));
  if (view.review_note) parts.push(el("p", { text: view.review_note }));
  else parts.push(...agendaParts(app, view.agenda));
  box.replaceChildren(...parts);
  countReviewTime(app);
}

function agendaParts(app, agenda) {
  const recommendations = app.config.recommendations;
  const table = el("table", { className: "cc-agenda" }, [
    el("caption", { text: agenda.caption }),
    el("thead", {}, [el("tr", {}, agenda.headings.map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, agenda.items.map((item) => {
      const safety = item.tier === "safety";
      const checkboxId = "cc-discuss-" + item.id;
      const select = el("select", { "data-cc-recommend": item.id, "aria-label": item.recommend_label },
        [el("option", { value: "", text: agenda.own_advice }),
          ...Object.entries(recommendations).map(([key, text]) => el("option", { value: key, text }))]);
      return el("tr", {}, [
        el("td", {}, [el("input", { type: "checkbox", id: checkboxId, "data-cc-discuss": item.id, checked: true,
          disabled: safety, "aria-describedby": safety ? "cc-safety-note" : null })]),
        el("th", { scope: "row" }, [el("label", { for: checkboxId, text: item.label })]),
        el("td", { text: item.tier_label }),
        el("td", { text: item.scores_text }),
        el("td", {}, [select]),
      ]);
    })),
  ]);
  const parts = [
    el("p", { "data-cc-review-time": "", text: agenda.time_text }),
    el("div", { className: "cc-table-wrap" }, [table]),
    el("p", { id: "cc-safety-note", className: "cc-hint", text: agenda.safety_note }),
  ];
  if (agenda.escalated_text) parts.push(el("p", { text: agenda.escalated_text }));
  parts.push(el("p", { "data-cc-review-left": "", "aria-live": "polite" }), el("p", { className: "cc-field-error", "data-cc-review-error": "" }),
    el("p", {}, [el("button", { type: "button", className: "md-button md-button--primary", "data-cc-hold-review": "", text: agenda.hold })]));
  return parts;
}

// "Consultant time left": the API's line for the number of patients the learner has ticked.
export function countReviewTime(app) {
  const line = app.find("[data-cc-review-left]");
  if (!line) return;
  const chosen = app.root.querySelectorAll("[data-cc-discuss]:checked").length;
  line.textContent = app.view.agenda.chosen_text[chosen];
}

export function holdReview(app) {
  const discuss = [];
  const recommend = {};
  for (const box of app.root.querySelectorAll("[data-cc-discuss]")) if (box.checked) discuss.push(box.getAttribute("data-cc-discuss"));
  for (const select of app.root.querySelectorAll("[data-cc-recommend]")) {
    const id = select.getAttribute("data-cc-recommend");
    if (select.value && discuss.includes(id)) recommend[id] = select.value;
  }
  return app.act("decide", { token: app.view.token, discuss, recommend }).then(
    () => app.find("#cc-review-heading").focus(), // the redraw removed the button that had focus
    (error) => { app.find("[data-cc-review-error]").textContent = error.message; });
}
