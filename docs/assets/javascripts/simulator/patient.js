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

// The chart of a patient's PHQ-9 and GAD-7, with the response and remission lines; every word is the
// API's (explainer/present.py patient_text).
export function patientChart(app, detail, container, idPrefix = "cc-patient") {
  const chart = detail.words.chart;
  return lineChart({
    id: idPrefix + "-chart", title: chart.title, description: chart.description, axes: chart.axes, key: chart.key,
    xMax: chart.x_max, yMax: detail.chart_max, xLabel: chart.x_label,
    series: chart.series.map((line, index) => ({ label: line.label, style: index, points: line.points })),
    lines: detail.chart_lines,
  }, container, chart.caption);
}

export function scoresTable(detail) {
  const scores = detail.words.scores;
  return el("div", { className: "cc-table-wrap" }, [dataTable(scores.caption, scores.headings, scores.rows)]);
}

function patientParts(app, detail, container) {
  const words = detail.words;
  const timeline = el("ol", { className: "cc-timeline" }, detail.timeline.map((entry, index) =>
    el("li", {}, [el("strong", { text: words.timeline_weeks[index] }), entry.text])));
  return [
    el("h2", { id: "cc-patient-heading", tabindex: "-1", text: words.heading }),
    el("p", { text: detail.summary }),
    patientChart(app, detail, container),
    scoresTable(detail),
    el("h3", { text: words.timeline_heading }),
    timeline,
  ];
}
