// The outcomes view: the reference arms (the same synthetic panel under different ways of organising
// care, run to the end) beside the learner's own run up to the current week, from explainer.api's
// "outcomes" op. Every figure says what it is a share of.
import { el, pct, dataTable } from "./dom.js";
import { lineChart, SERIES_STYLES } from "./charts.js";

export function drawOutcomes(app) {
  const box = app.find("[data-cc-outcomes]");
  const token = app.view.token;
  if (app.outcomesFor === token) return Promise.resolve();
  app.outcomesFor = token;
  box.replaceChildren(el("p", { role: "status", text: "Running every arm on the same synthetic panel…" }));
  return app.call("outcomes", { token }).then((result) => {
    if (app.outcomesFor === token) box.replaceChildren(...outcomeParts(app, result, box));
  }, (error) => {
    app.outcomesFor = null;
    box.replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
  });
}

function armName(arm) { return arm.label; }

function outcomeParts(app, result, box) {
  const mine = result.your_run && result.your_run.series.length ? result.your_run : null;
  const series = result.arms.map((arm, index) => ({ label: armName(arm), style: index % SERIES_STYLES,
    points: arm.series.map((p) => [p.week, Math.round(100 * (p.response_rate || 0))]) }));
  if (mine) {
    series.push({ label: mine.label + " (to week " + mine.up_to_week + ")", style: "you", emphasis: true,
      points: mine.series.map((p) => [p.week, Math.round(100 * (p.response_rate || 0))]) });
  }
  const denominators = (result.arms[0] && result.arms[0].final.denominators) || {};
  const chart = lineChart({
    id: "cc-outcomes-chart", title: "Share of patients responding (PHQ-9 at least 50% lower) by week, per arm",
    description: result.arms.map((arm) => armName(arm) + ": " + pct(arm.final.response_rate) + " responding at week " + arm.final.week).join("; ") +
      (mine ? "; " + mine.label + ": " + pct(mine.series.at(-1).response_rate) + " at week " + mine.up_to_week : "") +
      ". The table below gives every figure.",
    xMax: result.weeks, yMax: 100, yUnit: "%", xLabel: "week",
    yLabel: "share responding" + (denominators.response_rate ? " (of " + denominators.response_rate + ")" : ""), series,
  }, box, "Each reference arm is a different way of organising care for the same invented patients, run to week " + result.weeks +
    (mine ? "; " + mine.label.toLowerCase() + " (the thick black line) follows your own decisions up to week " + mine.up_to_week : "") +
    ". Illustration only, not a prediction for any clinic.");

  const row = (name, f) => [name, pct(f.response_rate), pct(f.remission_rate),
    f.lost_to_follow_up + " (" + pct(f.lost_to_follow_up_rate) + ")", String(f.contacts_per_patient), String(f.reviews_per_patient)];
  const rows = result.arms.map((arm) => row(armName(arm) + " (reference, week " + arm.final.week + ")", arm.final));
  if (mine) rows.unshift(row(mine.label + " (week " + mine.up_to_week + ", " + mine.decisions + " of your decisions)", mine.final));
  const table = dataTable("Outcomes by arm (synthetic panel of " + app.view.settings.panel.patients + ", seed " + result.seed + ")",
    ["Arm", "Response", "Remission", "Lost to follow-up", "Contacts per patient", "Reviews per patient"], rows);

  const parts = [chart, el("div", { className: "cc-table-wrap" }, [table])];
  if (result.denominators_text) parts.push(el("p", { "data-cc-denominators": "", text: result.denominators_text }));
  if (mine) {
    parts.push(el("p", { text: mine.label + ": " + mine.reviews_held + " caseload reviews held and " + mine.reviews_skipped +
      " skipped up to week " + mine.up_to_week + ". The reference arms do not change with your decisions." }));
  }
  if (result.remission_note) parts.push(el("p", { className: "cc-hint", "data-cc-remission-note": "", text: result.remission_note }));
  parts.push(...processParts(app, result.process));
  parts.push(consultantLoad(app), weeklyTable(result));
  return parts;
}

function processParts(app, process) {
  const measures = Array.isArray(process) ? process : Object.values(process || {});
  if (!measures.length) return [];
  const { bibliographyUrl, sources } = app.config;
  const value = (m) => (m.value === null || m.value === undefined ? "—" : String(m.value));
  return [el("div", { className: "cc-table-wrap", "data-cc-process": "" }, [dataTable(
    "Process measures of this scenario's arm, beside the range the sources report",
    ["Measure", "In this run", "Range in the sources", "Source"],
    measures.map((m) => [m.label, value(m), m.band ? m.band[0] + " to " + m.band[1] : "—",
      m.source ? el("a", { href: bibliographyUrl + "#src-" + m.source, text: sources[m.source] || m.source }) : "—"]))])];
}

function consultantLoad(app) {
  const { staffing, panel } = app.view.settings;
  const hours = staffing.consultant_hours_per_week;
  const text = hours > 0
    ? "Patients per consultant hour in this clinic: " + Math.round(panel.patients / hours * 10) / 10 + " (" + panel.patients +
      " patients, " + hours + " consultant hours a week)."
    : "This clinic has no consultant time: " + panel.patients + " patients and 0 consultant hours a week, so no caseload review can be held.";
  return el("p", { text });
}

function weeklyTable(result) {
  const names = result.arms.map(armName);
  return el("details", {}, [el("summary", { text: "Response and remission by week, every reference arm (table)" }),
    el("div", { className: "cc-table-wrap" }, [dataTable("Share responding and in remission by week (response / remission)",
      ["Week", ...names],
      result.arms[0].series.map((point, i) => [point.week, ...result.arms.map((arm) =>
        pct(arm.series[i].response_rate) + " / " + pct(arm.series[i].remission_rate))]))])]);
}
