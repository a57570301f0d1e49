// Answer one scripted session of explainer API requests twice inside Pyodide under Node: once after a
// cold start and once restored from the site's memory snapshot, both through sim-boot.mjs, as the page's
// worker does. Usage: node snapshot_session.mjs SITE_PYODIDE_DIR OPENING_SCENARIO < requests.json > answers.json
// Output: {"snapshot": file name, "cold": [responses], "restored": [responses],
//          "restored_unpacked": [responses, restored from the snapshot inflated, as the service worker stores it],
//          "random_after_restore": [random.random() after each of two restores],
//          "opening": {"cold", "restored": the page's opening answer from each; "prepared_before",
//                      "prepared_after": answers the restored session held before and after it}}
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const here = path.dirname(new URL(import.meta.url).pathname);
const boot = await import(pathToFileURL(path.join(here, "..", "..", "docs", "assets", "javascripts", "sim-boot.mjs")).href);
const runtimeDir = path.resolve(process.argv[2]) + path.sep;
const { loadPyodide, version } = await import(pathToFileURL(runtimeDir + "pyodide.mjs").href);
const lockfile = JSON.parse(readFileSync(runtimeDir + "pyodide-lock.json", "utf8"));
const wheel = new Uint8Array(readFileSync(runtimeDir + boot.explainerEntry(lockfile).file_name));
const snapshotName = boot.snapshotFileName(version, lockfile);
const snapshot = new Uint8Array(readFileSync(runtimeDir + snapshotName));
const options = { indexURL: runtimeDir, lockFileContents: lockfile, packageBaseUrl: runtimeDir };
const opening = boot.openingRequest(process.argv[3]);
const requests = JSON.parse(readFileSync(0, "utf8"));

const cold = await loadPyodide(options);
await boot.unpackExplainer(cold, wheel);
const coldAnswer = boot.startExplainer(cold);

const restored = await boot.restoreSnapshot(loadPyodide, options, snapshot, wheel);
const restoredAnswer = boot.startExplainer(restored);
const preparedCount = () => restored.runPython("import explainer.api; len(explainer.api.session().__self__.prepared)");
const preparedBefore = preparedCount();
const openingRestored = restoredAnswer(opening);
const openingCold = coldAnswer(opening);
const preparedAfter = preparedCount();
const inflated = await boot.restoreSnapshot(loadPyodide, options, new Uint8Array(gunzipSync(snapshot)), wheel);
const inflatedAnswer = boot.startExplainer(inflated);
const again = await boot.restoreSnapshot(loadPyodide, options, snapshot, wheel);
const random = [restored, again].map((pyodide) => pyodide.runPython("import random; random.random()"));

process.stdout.write(JSON.stringify({
  snapshot: snapshotName,
  cold: requests.map((request) => coldAnswer(request)),
  restored: requests.map((request) => restoredAnswer(request)),
  restored_unpacked: requests.map((request) => inflatedAnswer(request)),
  random_after_restore: random,
  opening: { cold: openingCold, restored: openingRestored, prepared_before: preparedBefore, prepared_after: preparedAfter },
}));
