// The simulator's state in its address: reading a link, and writing the link for the current state.
// ?scenario=ID&seed=N&week=N&view=VIEW&patient=ID&present=1&caseload=N&fte=X&hours=X
//  &registry=0|1&measurement=0|1&review=0|1&stepup=0|1, or &state=TOKEN for a run with decisions.
// The same parameters are checked at build time for the site's own links (cocm_content/simlinks.py).

export const VIEWS = ["registry", "review", "patient", "outcomes", "walkthrough", "caremanager"];
const URL_SWITCHES = { registry: "registry", measurement: "measurement", review: "review", stepup: "step_up" };
const NUMBER_PARAMS = { caseload: "patients", fte: "care_manager_fte", hours: "consultant_hours_per_week" };

function numberOrText(text) { return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text; }

// What the link asks for; problems lists what is wrong with it, in words.
export function readLink(search, defaultScenario) {
  const query = new URLSearchParams(search);
  const wanted = {
    scenario: query.get("scenario") || defaultScenario, overrides: {}, week: 0,
    view: query.get("view") || "registry", patient: query.get("patient"), present: query.get("present") === "1",
    token: query.get("state"), namesView: query.has("view") || query.get("present") === "1", problems: [],
  };
  if (!VIEWS.includes(wanted.view)) {
    wanted.problems.push("there is no view called \u201c" + wanted.view + "\u201d");
    wanted.view = "registry";
  }
  if (query.has("week")) {
    if (/^\d+$/.test(query.get("week"))) wanted.week = Number(query.get("week"));
    else wanted.problems.push("the week must be a whole number");
  }
  if (query.has("seed")) wanted.overrides.seed = numberOrText(query.get("seed"));
  for (const [param, name] of Object.entries(NUMBER_PARAMS)) {
    if (query.has(param)) wanted.overrides[name] = numberOrText(query.get(param));
  }
  for (const [param, name] of Object.entries(URL_SWITCHES)) {
    if (!query.has(param)) continue;
    wanted.overrides.fidelity = wanted.overrides.fidelity || {};
    const value = query.get(param);
    if (value === "0" || value === "1") wanted.overrides.fidelity[name] = value === "1";
    else wanted.problems.push("\u201c" + param + "\u201d must be 0 (off) or 1 (on)");
  }
  return wanted;
}

// The link that reopens the app's current state.
export function shareLink(app) {
  const query = new URLSearchParams();
  const view = app.view;
  if (view.decisions > 0 || app.importedScenario) {
    query.set("state", view.token);
  } else {
    query.set("scenario", view.scenario.id);
    const o = app.overrides;
    if (o.seed !== undefined) query.set("seed", o.seed);
    for (const [param, name] of Object.entries(NUMBER_PARAMS)) if (o[name] !== undefined) query.set(param, o[name]);
    for (const [param, name] of Object.entries(URL_SWITCHES)) {
      if (o.fidelity && o.fidelity[name] !== undefined) query.set(param, o.fidelity[name] ? "1" : "0");
    }
    query.set("week", view.week);
  }
  query.set("view", app.tab);
  if (app.tab === "patient" && app.patientId) query.set("patient", app.patientId);
  if (app.presenting) query.set("present", "1");
  return location.origin + app.path + "?" + query.toString();
}
