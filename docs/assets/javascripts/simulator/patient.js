// The patient view: one synthetic patient's scores over time (chart and table), contacts, reviews and
// treatment steps, from explainer.api's "patient" op. The walkthrough shows the same chart.
import { el, dataTable } from "./dom.js";
import { lineChart } from "./charts.js";

export function openPatient(app, id) {
  app.patientId = id;
  if (app.tab !== "patient") app.selectTab("patient", false);
  app.writeUrl();
  const box = app.find("[data-cc-patient]");
  return app.call("patient", { token: app.view.token, id }).then(
    (detail) => box.replaceChildren(...patientParts(app, detail, box)),
    (error) => box.replaceChildren(el("p", { className: "cc-field-error", text: error.message })));
}

// The chart of a patient's PHQ-9 and GAD-7, with the response and remission lines.
export function patientChart(app, detail, container, idPrefix = "cc-patient") {
  const m = detail.measurements;
  const last = m[m.length - 1];
  return lineChart({
    id: idPrefix + "-chart",
    title: "PHQ-9 and GAD-7 of " + detail.patient.name + " by week",
    description: m.length ? "PHQ-9 went from " + m[0].phq9 + " at week " + m[0].week + " to " + last.phq9 + " at week " + last.week +
      "; GAD-7 from " + m[0].gad7 + " to " + last.gad7 + ". The table below the chart lists every score." : "No scores yet.",
    xMax: Math.max(app.view.week, 4), yMax: detail.chart_max, xLabel: "week", yLabel: "questionnaire total",
    series: [
      { label: "PHQ-9", style: 0, points: m.map((r) => [r.week, r.phq9]) },
      { label: "GAD-7", style: 1, points: m.map((r) => [r.week, r.gad7]) },
    ],
    lines: detail.chart_lines,
  }, container, "PHQ-9 (solid) and GAD-7 (dashed) over time, with the response and remission lines. Synthetic data.");
}

export function scoresTable(detail) {
  const m = detail.measurements;
  return el("div", { className: "cc-table-wrap" }, [dataTable(
    "Every questionnaire for " + detail.patient.name + " (item answers 0–3, in item order)",
    ["Week", "Taken by", "PHQ-9", "PHQ-9 items", "GAD-7", "GAD-7 items"],
    m.map((r) => [r.week, r.by, r.phq9_text, r.phq9_items.join(" "), r.gad7_text, r.gad7_items.join(" ")]))]);
}

function patientParts(app, detail, container) {
  const timeline = el("ol", { className: "cc-timeline" }, detail.timeline.map((entry) =>
    el("li", {}, [el("strong", { text: "Week " + entry.week + ": " }), entry.text])));
  return [
    el("h2", { id: "cc-patient-heading", tabindex: "-1", text: detail.patient.name + " (" + detail.patient.id + ")" }),
    el("p", { text: detail.summary }),
    patientChart(app, detail, container),
    scoresTable(detail),
    el("h3", { text: "Contacts, reviews and treatment steps" }),
    timeline,
  ];
}
