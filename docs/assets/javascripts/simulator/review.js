// The caseload review: the learner takes the psychiatric consultant's chair, chooses whom to discuss in
// the week's time and what to recommend, then holds the review (explainer.api "decide").
import { el, plural } from "./dom.js";

export function drawReview(app) {
  const box = app.find("[data-cc-review]");
  const view = app.view;
  const agenda = view.agenda;
  const rows = new Map(view.registry.rows.map((row) => [row.id, row]));
  const name = (id) => (rows.get(id) ? rows.get(id).name : id);
  const parts = [];
  if (view.review) parts.push(el("p", { className: "cc-review__last", text: view.review }));
  if (!view.settings.fidelity.review) {
    parts.push(el("p", { text: "This clinic holds no weekly caseload review, so nobody looks at the registry with the consultant. Switch the review on in the clinic settings to take the consultant's chair." }));
  } else if (view.done) {
    parts.push(el("p", { text: "The run has ended; there are no more reviews." }));
  } else if (!agenda || !agenda.items.length) {
    parts.push(el("p", { text: "Nobody is on next week's agenda. Step on a week to see who comes up." }));
  } else {
    parts.push(...agendaParts(app, agenda, name, rows));
  }
  box.replaceChildren(...parts);
  countReviewTime(app);
}

function agendaParts(app, agenda, name, rows) {
  const staffing = app.view.settings.staffing;
  const recommendations = app.config.recommendations;
  const table = el("table", { className: "cc-agenda" }, [
    el("caption", { text: "Agenda for the week " + agenda.week + " review, in the registry's order" }),
    el("thead", {}, [el("tr", {}, ["Discuss", "Patient", "Why on the agenda", "Latest scores", "Recommend"].map((h) => el("th", { scope: "col", text: h })))]),
    el("tbody", {}, agenda.items.map((item) => {
      const row = rows.get(item.id) || { phq9_text: "—" };
      const safety = item.tier === "safety";
      const checkboxId = "cc-discuss-" + item.id;
      const select = el("select", { "data-cc-recommend": item.id, "aria-label": "Recommendation for " + name(item.id) },
        [el("option", { value: "", text: "consultant's own advice" }),
          ...Object.entries(recommendations).map(([key, text]) => el("option", { value: key, text }))]);
      return el("tr", {}, [
        el("td", {}, [el("input", { type: "checkbox", id: checkboxId, "data-cc-discuss": item.id, checked: true,
          disabled: safety, "aria-describedby": safety ? "cc-safety-note" : null })]),
        el("th", { scope: "row" }, [el("label", { for: checkboxId, text: name(item.id) + " (" + item.id + ")" })]),
        el("td", { text: item.tier_label }),
        el("td", { text: row.phq9_text }),
        el("td", {}, [select]),
      ]);
    })),
  ]);
  const hours = staffing.consultant_hours_per_week;
  const parts = [
    el("p", { "data-cc-review-time": "", text: "Consultant time this week: " + plural(agenda.slots, "patient") + " (" +
      plural(hours, "hour") + " at " + staffing.cases_per_consultant_hour + " patients an hour). The registry suggests " + agenda.items.length + "." }),
    el("div", { className: "cc-table-wrap" }, [table]),
    el("p", { id: "cc-safety-note", className: "cc-hint", text: "Patients with a safety flag are always discussed first; you cannot take them off the agenda." }),
  ];
  if (agenda.escalated.length) {
    parts.push(el("p", { text: "Also raised with the consultant the same day (safety, beyond the review's time): " + agenda.escalated.map(name).join(", ") + "." }));
  }
  parts.push(el("p", { "data-cc-review-left": "", "aria-live": "polite" }), el("p", { className: "cc-field-error", "data-cc-review-error": "" }),
    el("p", {}, [el("button", { type: "button", className: "md-button md-button--primary", "data-cc-hold-review": "", text: "Hold the review and run the week" })]));
  return parts;
}

// "Consultant time left": how many of the week's slots the learner's choices use.
export function countReviewTime(app) {
  const line = app.find("[data-cc-review-left]");
  if (!line) return;
  const slots = app.view.agenda.slots;
  const chosen = app.root.querySelectorAll("[data-cc-discuss]:checked").length;
  const left = slots - chosen;
  line.textContent = "Chosen: " + chosen + " of " + slots + ". " + (left >= 0
    ? "Consultant time left for " + plural(left, "more patient", "more patients") + "."
    : "That is " + (-left) + " more than the consultant has time for; untick some.");
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
