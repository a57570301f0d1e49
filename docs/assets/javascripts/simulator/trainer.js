// Sharing and trainer tools: copy a link to the current state (with a visible confirmation), export
// the registry or scenario (marked synthetic), import a scenario file (read in this browser only).
import { download, fill } from "./dom.js";
import { fillSettings, inWords } from "./settings.js";

// The address other devices reach and QR codes of it (share-link.mjs), loaded when first needed.
const sharing = () => import("../share-link.mjs");

export async function copyLink(app) {
  const { reachableLink, TEXT } = await sharing();
  const { href: url, loopbackOnly } = reachableLink(app.shareUrl());
  const reach = loopbackOnly ? " " + TEXT.loopbackOnly : "";
  const field = app.find("[data-cc-link-field]");
  const status = app.find("[data-cc-copy-status]");
  field.value = url;
  const copied = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(url) : Promise.reject(new Error());
  return copied.then(() => {
    field.hidden = true;
    status.textContent = app.words.link_copied + reach;
  }, () => {
    field.hidden = false;
    field.select();
    status.textContent = app.words.copy_refused + reach;
  });
}

/** In presenter mode, a QR code of the current state's link beside the trainer tools. */
export function showPresenterQr(app) {
  return sharing().then(({ placeLinkQr }) => placeLinkQr(app.find(".cc-app__trainer"), app.presenting ? app.shareUrl() : null));
}

export function exportCsv(app) {
  const view = app.view;
  return app.call("registry", { token: view.token, format: "csv" }).then((result) => {
    download("cocm-registry-SYNTHETIC-" + view.scenario.id + "-week-" + view.week + ".csv", result.csv, "text/csv");
  }, (error) => app.message(error.message));
}

export function exportJson(app) {
  const scenario = app.importedScenario ? Promise.resolve({ scenario: app.importedScenario }) : app.call("scenario", { id: app.scenarioId });
  return scenario.then((result) => {
    const data = Object.assign({}, result.scenario, { synthetic: true });
    download("cocm-scenario-SYNTHETIC-" + data.id + ".json", JSON.stringify(data, null, 2) + "\n", "application/json");
  }, (error) => app.message(error.message));
}

export async function importFile(app, input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  try {
    const text = await file.text();
    let data;
    try { data = JSON.parse(text); } catch (error) {
      throw new Error(fill(app.words.import_not_json, { file: file.name, reason: error.message }));
    }
    let view;
    try { view = await app.call("create", { scenario: data }); } catch (error) {
      const reason = inWords(error.message, app.find("[data-cc-settings-form]"));
      throw new Error(fill(app.words.import_refused, { file: file.name, reason }));
    }
    app.importedScenario = data;
    app.overrides = {};
    app.message(fill(app.words.imported, { title: view.scenario.title, file: file.name }), "info");
    app.show(view, {});
    fillSettings(app, view);
  } catch (error) {
    app.message(error.message);
  }
}
