// Answer explainer API requests inside real Pyodide under Node, using the runtime, lock file and
// wheel exactly as the built site ships them (so the wheel's registration is tested too).
// Usage: node pyodide_api.mjs SITE_PYODIDE_DIR < requests.json > responses.json
// requests.json is a JSON list of request strings; the output is the JSON list of response strings.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const runtimeDir = path.resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep });
const failures = [];
await pyodide.loadPackage("cocm-explainer", { messageCallback: () => {}, errorCallback: (m) => failures.push(m) });
if (failures.length) {
  console.error(`cocm-explainer did not load: ${failures.join(" ")}`);
  process.exit(1);
}
const api = pyodide.pyimport("explainer.api");
const answer = api.Api ? api.Api().call : api.call;
const requests = JSON.parse(readFileSync(0, "utf8"));
const responses = requests.map((request) => answer(request));
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), responses }));
