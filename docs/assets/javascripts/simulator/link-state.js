// The simulator's state in its address: reading a link, and writing the link for the current state.
// ?scenario=ID&seed=N&week=N&view=VIEW&patient=ID&present=1&... or &state=TOKEN for a run with decisions
// (the consultant's or the care manager's).
// The parameters, their limits and their explainer names are one table, made at build time from the
// explainer's own limits (scripts/hooks/cocm_content/simlinks.py, PARAMS) and handed to the page in the
// app's data-cc-config as "links"; this module only reads links with it.

// The views, in tab order, from the table (filled by readLink before anything draws).
export const VIEWS = [];

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function quoted(text) { return "\u201c" + text + "\u201d"; }

// One parameter's value, or a problem in words; limits and allowed values come from the table.
function readParam(param, text) {
  const range = param.low !== null && param.high !== null ? " from " + param.low + " to " + param.high : "";
  switch (param.kind) {
    case "scenario":
      return param.choices.includes(text) ? { value: text } : { problem: "there is no scenario called " + quoted(text) };
    case "view":
      return param.choices.includes(text) ? { value: text } : { problem: "there is no view called " + quoted(text) };
    case "patient":
      return new RegExp("^(?:" + param.pattern + ")$").test(text) ? { value: text }
        : { problem: "the patient must be named by an id such as S-0007, not " + quoted(text) };
    case "flag":
      return { value: text === "1" };
    case "switch":
      return text === "0" || text === "1" ? { value: text === "1" }
        : { problem: quoted(param.name) + " (" + param.words + ") must be 0 (off) or 1 (on)" };
    default: {
      const whole = param.kind === "int";
      if (!(whole ? WHOLE : DECIMAL).test(text.trim())) {
        return { problem: "the " + param.words + " must be a " + (whole ? "whole number" : "number") + range };
      }
      const value = Number(text);
      if (value < param.low || value > param.high) {
        return { problem: "the " + param.words + " must be" + range + "; the link asks for " + text };
      }
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
    const { value, problem } = readParam(param, query.get(param.name));
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
