// Module worker: boots Pyodide, installs the explainer wheel its lock file names and answers JSON API calls.
// Messages in:  {id, request}            (request is the JSON string explainer.api expects)
// Messages out: {type: "progress", percent, label, stage, time}  (time: ms since the Unix epoch)
//               {type: "ready"}
//               {type: "boot-error", message}
//               {id, response}            (the JSON string explainer.api returned)

import { loadPyodide } from "../pyodide/pyodide.mjs";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const EXPLAINER_PACKAGE = "cocm-explainer";

let answer = null; // a Python callable: request JSON -> response JSON

// stage names the step just finished; the page turns it into a User Timing mark for scripts/bench.
function progress(percent, label, stage) {
  self.postMessage({ type: "progress", percent, label, stage, time: performance.timeOrigin + performance.now() });
}

// Pyodide waits forever when its .wasm or standard library is missing, so check them first.
const RUNTIME_FILES = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"];

async function checkRuntimeFiles() {
  const answers = await Promise.all(
    RUNTIME_FILES.map((name) => fetch(INDEX_URL + name, { method: "HEAD" }).then((r) => {
      download.expected += Number(r.headers.get("content-length")) || 0;
      return [name, r.status];
    })),
  );
  const missing = answers.filter(([, status]) => status >= 400);
  if (missing.length) {
    const list = missing.map(([name, status]) => `${name} (HTTP ${status})`).join(", ");
    throw new Error(`The Python runtime is incomplete on this site: ${list}.`);
  }
  return new Promise(() => {}); // never settles: only a failure should win the race below
}

// Download progress in bytes: while Python loads, the worker's fetch passes each response through a
// stream that counts what has arrived, so the bar moves on a slow link instead of sitting at 10%.
const download = { expected: 0, received: 0, shown: 0 };
const nativeFetch = self.fetch.bind(self);

function countingFetch(input, init) {
  return nativeFetch(input, init).then((response) => {
    if (!response.body || (init && init.method === "HEAD")) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) { controller.close(); return; }
        download.received += value.byteLength;
        reportDownload();
        controller.enqueue(value);
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
}

function reportDownload() {
  const { expected, received } = download;
  if (!expected) return;
  const share = Math.min(1, received / expected);
  if (share - download.shown < 0.02 && share < 1) return;
  download.shown = share;
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  progress(10 + Math.round(65 * share), `Downloading Python: ${mb(Math.min(received, expected))} of ${mb(expected)} MB (once per visit)…`);
}

async function boot() {
  progress(10, "Downloading and starting Python (once per visit)…", "worker-started");
  self.fetch = countingFetch;
  const pyodide = await Promise.race([loadPyodide({ indexURL: INDEX_URL }), checkRuntimeFiles()])
    .finally(() => { self.fetch = nativeFetch; });
  progress(80, "Loading the simulator's Python package…", "python-started");
  await installExplainer(pyodide);
  const api = pyodide.pyimport("explainer.api");
  answer = api.Api().call;
  progress(100, "Python is ready.", "explainer-imported");
}

// Install the wheel that the site's lock file names, with the lock file's sha256 checked by the
// browser. loadPackage(EXPLAINER_PACKAGE) does the same but first imports Python modules it needs for
// other packages (tarfile, importlib.metadata), which cost about 250 ms of every boot (scripts/bench).
async function installExplainer(pyodide) {
  const entry = pyodide.lockfile.packages[EXPLAINER_PACKAGE];
  if (!entry) throw new Error(`The simulator package could not be loaded: the site's pyodide-lock.json does not list ${EXPLAINER_PACKAGE}.`);
  const url = INDEX_URL + entry.file_name;
  let response;
  try {
    response = await fetch(url, { integrity: `sha256-${hexToBase64(entry.sha256)}` });
  } catch (error) {
    // A failed integrity check and a missing file both reject here; a HEAD request tells them apart.
    const status = await fetch(url, { method: "HEAD" }).then((r) => r.status, () => 0);
    const why = status >= 400 ? `HTTP ${status}`
      : status ? "its contents do not match the sha256 in pyodide-lock.json" : error.message;
    throw new Error(`The simulator package could not be loaded: ${entry.file_name} (${why}).`);
  }
  if (!response.ok) {
    throw new Error(`The simulator package could not be loaded: ${entry.file_name} (HTTP ${response.status}).`);
  }
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages });
  progress(90, "Starting the simulator…", "package-installed");
}

function hexToBase64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((pair) => parseInt(pair, 16))));
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
