// Module worker: boots Pyodide, loads the explainer wheel by name and answers JSON API calls.
// Messages in:  {id, request}            (request is the JSON string explainer.api expects)
// Messages out: {type: "progress", percent, label}
//               {type: "ready"}
//               {type: "boot-error", message}
//               {id, response}            (the JSON string explainer.api returned)

import { loadPyodide } from "../pyodide/pyodide.mjs";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const EXPLAINER_PACKAGE = "cocm-explainer";

let answer = null; // a Python callable: request JSON -> response JSON

function progress(percent, label) {
  self.postMessage({ type: "progress", percent, label });
}

// Pyodide waits forever when its .wasm or standard library is missing, so check them first.
const RUNTIME_FILES = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"];

async function checkRuntimeFiles() {
  const answers = await Promise.all(
    RUNTIME_FILES.map((name) => fetch(INDEX_URL + name, { method: "HEAD" }).then((r) => [name, r.status])),
  );
  const missing = answers.filter(([, status]) => status >= 400);
  if (missing.length) {
    const list = missing.map(([name, status]) => `${name} (HTTP ${status})`).join(", ");
    throw new Error(`The Python runtime is incomplete on this site: ${list}.`);
  }
  return new Promise(() => {}); // never settles: only a failure should win the race below
}

async function boot() {
  progress(10, "Downloading and starting Python (about 10 MB, once per visit)…");
  const pyodide = await Promise.race([loadPyodide({ indexURL: INDEX_URL }), checkRuntimeFiles()]);
  progress(80, "Loading the simulator's Python package…");
  const failures = [];
  // loadPackage resolves even when a file is missing (a 404): collect its errors ourselves.
  await pyodide.loadPackage(EXPLAINER_PACKAGE, {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(String(message)),
  });
  if (failures.length) {
    throw new Error(`The simulator package could not be loaded: ${failures.join(" ")}`);
  }
  const api = pyodide.pyimport("explainer.api");
  answer = api.Api ? api.Api().call : api.call;
  progress(100, "Python is ready.");
}

const ready = boot().then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "boot-error", message: String(error && error.message ? error.message : error) }),
);

// Fault drills, used by the browser tests to prove that the page recovers from a crashed or hung worker.
function drill(kind) {
  if (kind === "crash") setTimeout(() => { throw new Error("Simulated worker crash (fault drill)."); });
  if (kind === "hang") { const until = Date.now() + 10 * 60 * 1000; while (Date.now() < until) { /* busy */ } }
}

self.onmessage = async (event) => {
  if (event.data.drill) { drill(event.data.drill); return; }
  const { id, request } = event.data;
  await ready;
  if (!answer) {
    self.postMessage({ id, response: JSON.stringify({ ok: false, error: "Python is not available." }) });
    return;
  }
  try {
    self.postMessage({ id, response: answer(request) });
  } catch (error) {
    self.postMessage({ id, response: JSON.stringify({ ok: false, error: `Python failed: ${error.message}` }) });
  }
};
