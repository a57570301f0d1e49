// The simulator's state in its address: reading a link, and writing the link for the current state.
// ?scenario=ID&seed=N&week=N&view=VIEW&patient=ID&present=1&... or &state=TOKEN for a run with decisions
// (the consultant's or the care manager's).
// The parameters, their limits and their explainer names are one table, made at build time from the
// explainer's own limits (scripts/hooks/cocm_content/simlinks.py, PARAMS) and handed to the page in the
// app's data-cc-config as "links"; this module only reads links with it.
import { fill } from "./dom.js";

// The views, in tab order, from the table (filled by readLink before anything draws).
export const VIEWS = [];

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

// One parameter's value, or a problem in the explainer's words (config.words, explainer/page_words.py);
// limits and allowed values come from the table.
function readParam(param, text, words) {
  switch (param.kind) {
    case "scenario":
      return param.choices.includes(text) ? { value: text } : { problem: fill(words.no_such_scenario, { text }) };
    case "view":
      return param.choices.includes(text) ? { value: text } : { problem: fill(words.no_such_view, { text }) };
    case "patient":
      return new RegExp("^(?:" + param.pattern + ")$").test(text) ? { value: text }
        : { problem: fill(words.bad_patient_id, { text }) };
    case "flag":
      return { value: text === "1" };
    case "switch":
      return text === "0" || text === "1" ? { value: text === "1" }
        : { problem: fill(words.bad_switch, { name: param.name, words: param.words }) };
    default: {
      const whole = param.kind === "int";
      const limits = { words: param.words, low: param.low, high: param.high, text };
      if (!(whole ? WHOLE : DECIMAL).test(text.trim())) {
        return { problem: fill(whole ? words.not_a_whole_number : words.not_a_number, limits) };
      }
      const value = Number(text);
      if (value < param.low || value > param.high) return { problem: fill(words.out_of_range, limits) };
      return { value };
    }
  }
}

// What the link asks for; problems lists what is wrong with it, in words.
export function readLink(search, config) {
  const table = config.links;
  VIEWS.splice(0, VIEWS.length, ...table.find((param) => param.kind === "view").choices);
  const query = new URLSearchParams(search);
  const wanted = {
    scenario: config.defaultScenario, overrides: {}, week: 0, view: "registry", patient: null, present: false,
    token: query.get("state"), namesView: query.has("view") || query.get("present") === "1", problems: [],
  };
  for (const param of table) {
    if (!query.has(param.name)) continue;
    const { value, problem } = readParam(param, query.get(param.name), config.words);
    if (problem) { wanted.problems.push(problem); continue; }
    if (param.kind === "switch") (wanted.overrides.fidelity ||= {})[param.api] = value;
    else if (param.api) wanted.overrides[param.api] = value;
    else wanted[param.name] = value;
  }
  return wanted;
}

// The link that reopens the app's current state.
export function shareLink(app) {
  const query = new URLSearchParams();
  const view = app.view;
  const o = app.overrides;
  const table = app.config.links;
  if (view.decisions > 0 || view.care_plans > 0 || app.importedScenario) {
    query.set("state", view.token);
  } else {
    for (const param of table) {
      if (param.kind === "scenario") query.set(param.name, view.scenario.id);
      else if (param.name === "week") query.set(param.name, view.week);
      else if (param.kind === "switch" && o.fidelity && o.fidelity[param.api] !== undefined) {
        query.set(param.name, o.fidelity[param.api] ? "1" : "0");
      } else if (param.api && param.kind !== "switch" && o[param.api] !== undefined) query.set(param.name, o[param.api]);
    }
  }
  query.set("view", app.tab);
  if (app.tab === "patient" && app.patientId) query.set("patient", app.patientId);
  if (app.presenting) query.set("present", "1");
  return location.origin + app.path + "?" + query.toString();
}
