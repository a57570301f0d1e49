// The outcomes view: the reference arms (the same synthetic panel under different ways of organising
// care, run to the end) beside the learner's own run up to the current week, from explainer.api's
// "outcomes" op. Every figure says what it is a share of. The chart's lines, the tables' cells and every
// sentence come as the result's words (explainer/present_outcomes.py); this module lays them out.
import { el, dataTable } from "./dom.js";
import { lineChart, SERIES_STYLES } from "./charts.js";

export function drawOutcomes(app) {
  const box = app.find("[data-cc-outcomes]");
  const token = app.view.token;
  if (app.outcomesFor === token) return Promise.resolve();
  app.outcomesFor = token;
  box.replaceChildren(el("p", { role: "status", text: box.getAttribute("data-cc-outcomes-running") }));
  return app.call("outcomes", { token }).then((result) => {
    if (app.outcomesFor === token) box.replaceChildren(...outcomeParts(app, result, box));
  }, (error) => {
    app.outcomesFor = null;
    box.replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
  });
}

function outcomeParts(app, result, box) {
  const words = result.words;
  const chart = words.chart;
  const series = chart.series.map((line, index) => (line.own
    ? { label: line.label, points: line.points, style: "you", emphasis: true }
    : { label: line.label, points: line.points, style: index % SERIES_STYLES }));
  const figure = lineChart({
    id: "cc-outcomes-chart", title: chart.title, description: chart.description, axes: chart.axes, key: chart.key,
    xMax: result.weeks, yMax: 100, yUnit: chart.y_unit, xLabel: chart.x_label, series,
  }, box, chart.caption);
  const parts = [figure, el("div", { className: "cc-table-wrap" }, [dataTable(words.arms.caption, words.arms.headings, words.arms.rows)])];
  if (result.denominators_text) parts.push(el("p", { "data-cc-denominators": "", text: result.denominators_text }));
  if (words.your_run) parts.push(el("p", { text: words.your_run }));
  if (result.remission_note) parts.push(el("p", { className: "cc-hint", "data-cc-remission-note": "", text: result.remission_note }));
  if (words.process) parts.push(processTable(app, words.process));
  parts.push(el("p", { text: words.consultant_load }), weeklyTable(words.weekly));
  return parts;
}

function processTable(app, process) {
  const { bibliographyUrl, sources } = app.config;
  return el("div", { className: "cc-table-wrap", "data-cc-process": "" }, [dataTable(process.caption, process.headings,
    process.rows.map((m) => [m.label, m.value, m.band,
      m.source ? el("a", { href: bibliographyUrl + "#src-" + m.source, text: sources[m.source] || m.source }) : "—"]))]);
}

function weeklyTable(weekly) {
  return el("details", {}, [el("summary", { text: weekly.summary }),
    el("div", { className: "cc-table-wrap" }, [dataTable(weekly.caption, weekly.headings, weekly.rows)])]);
}
