// Clinic settings: staffing, fidelity switches and seed. Applying them restarts the scenario with them;
// a refused value is shown by its field, in the field's own words, and the state stays as it was.

const FIELDS = [["patients", true], ["care_manager_fte", false], ["consultant_hours_per_week", false], ["seed", true]];
const SWITCHES = ["registry", "measurement", "review", "step_up"];

export function fillSettings(app, view) {
  const form = app.find("[data-cc-settings-form]");
  form.elements.patients.value = view.settings.panel.patients;
  form.elements.care_manager_fte.value = view.settings.staffing.care_manager_fte;
  form.elements.consultant_hours_per_week.value = view.settings.staffing.consultant_hours_per_week;
  form.elements.seed.value = view.settings.seed;
  for (const name of SWITCHES) form.elements[name].checked = Boolean(view.settings.fidelity[name]);
  for (const node of form.querySelectorAll("[data-cc-error-for]")) node.textContent = "";
}

// Python names a setting by its code name ('consultant_hours_per_week') and writes large limits in
// exponent form; say both the way the form does.
export function inWords(message, form) {
  let text = message;
  for (const [name] of FIELDS) {
    const label = form.querySelector('label[for="' + form.elements[name].id + '"]').textContent.trim();
    text = text.split("'" + name + "'").join("\u201c" + label + "\u201d");
  }
  return text.replace(/\d(\.\d+)?e\+\d+/g, (number) => Math.round(Number(number)).toLocaleString("en-US"));
}

export function applySettings(app) {
  const form = app.find("[data-cc-settings-form]");
  const errors = {};
  const overrides = { fidelity: {} };
  for (const [name, whole] of FIELDS) {
    const text = form.elements[name].value.trim();
    if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text)) errors[name] = whole ? app.words.enter_whole_number : app.words.enter_number;
    else overrides[name] = Number(text);
  }
  for (const name of SWITCHES) overrides.fidelity[name] = form.elements[name].checked;
  for (const node of form.querySelectorAll("[data-cc-error-for]")) node.textContent = errors[node.getAttribute("data-cc-error-for")] || "";
  for (const name of Object.keys(errors)) form.elements[name].setAttribute("aria-invalid", "true");
  if (Object.keys(errors).length) { form.elements[Object.keys(errors)[0]].focus(); return Promise.resolve(); }
  const scenario = app.importedScenario || app.scenarioId;
  app.stopPlaying();
  return app.call("create", { scenario, overrides }).then((view) => {
    for (const field of form.elements) field.removeAttribute("aria-invalid");
    app.overrides = overrides;
    app.message("");
    app.show(view, {});
  }, (error) => {
    // Python names the setting in its message; show it by the field it is about, state untouched.
    const field = FIELDS.map(([name]) => name).find((name) => error.message.includes(name)) || "form";
    form.querySelector('[data-cc-error-for="' + field + '"]').textContent = inWords(error.message, form);
    if (field !== "form") form.elements[field].setAttribute("aria-invalid", "true");
  });
}
