// Module worker: boots Pyodide, installs the explainer wheel its lock file names and answers JSON API calls.
// Messages in:  {id, request}            (request is the JSON string explainer.api expects)
// Messages out: {type: "progress", percent, label, stage, time}  (time: ms since the Unix epoch)
//               {type: "ready"}
//               {type: "boot-error", message}
//               {id, response}            (the JSON string explainer.api returned)

import { loadPyodide, version as PYODIDE_VERSION } from "../pyodide/pyodide.mjs";
import * as python from "./sim-boot.mjs";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;

const SELF_CHECK = JSON.stringify({ op: "scenarios", args: {} });

// Fetch the snapshot on a first visit when the link is at least this fast, in bytes per ms (1500 is
// 12 Mb/s): the rate at which its 6.5 MB take as long as the cold start it saves, 4.4 s on a loaded
// 2-core machine (scripts/bench_offline.py: bare cold boot minus bare snapshot restore at loopback).
// Measured first visits: README, "Offline".
const FIRST_VISIT_SNAPSHOT_RATE = 1500;

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

// Start from the memory snapshot when this device has it stored (the service worker's cache); on a first
// visit, also fetch it when the link measured while the lock file arrived is fast enough that its 6.5 MB
// cost less than the cold start they save (FIRST_VISIT_SNAPSHOT_RATE); else start cold. Any failure of
// the snapshot falls back to a cold start, and the boot status says why.
async function boot() {
  progress(10, "Downloading and starting Python (about 10 MB, once per visit)…", "worker-started");
  const { lockfile, rate } = await fetchLockfile();
  const options = { indexURL: INDEX_URL, lockFileContents: lockfile, packageBaseUrl: INDEX_URL };
  const wheel = fetchExplainer(lockfile);
  wheel.catch(() => {}); // reported where it is awaited
  let pyodide = null;
  let fallback = "";
  let snapshot = await storedSnapshot(lockfile);
  const fetched = !snapshot && rate >= FIRST_VISIT_SNAPSHOT_RATE;
  if (fetched) {
    progress(12, "Downloading Python's saved state (about 6.5 MB)…", "snapshot-fetch-chosen");
    snapshot = fetchSnapshot(lockfile);
  } else if (!snapshot) {
    progress(10, "Downloading and starting Python (about 10 MB, once per visit)…", "cold-boot-chosen");
  }
  if (snapshot) {
    try {
      // Fetched over the network, the snapshot and the runtime files count their bytes as a cold start does.
      if (fetched) self.fetch = countingFetch;
      const restoring = python.restoreSnapshot(loadPyodide, options, snapshot, await wheel);
      pyodide = await (fetched ? Promise.race([restoring, checkRuntimeFiles()]) : restoring)
        .finally(() => { self.fetch = nativeFetch; });
      answer = python.startExplainer(pyodide);
      if (!JSON.parse(answer(SELF_CHECK)).ok) throw new Error("the restored simulator did not answer");
      progress(85, "Python restored from its saved state…", "started-from-snapshot");
    } catch (error) {
      pyodide = null;
      Object.assign(download, { expected: 0, received: 0, shown: 0 });
      fallback = ` (Its saved snapshot could not be used, ${error.message || error}; Python started afresh.)`;
      progress(12, "Starting Python afresh…", "snapshot-failed");
    }
  }
  if (!pyodide) {
    self.fetch = countingFetch;
    pyodide = await Promise.race([loadPyodide(options), checkRuntimeFiles()])
      .finally(() => { self.fetch = nativeFetch; });
    progress(80, "Loading the simulator's Python package…", "python-started");
    python.unpackExplainer(pyodide, await wheel);
    progress(90, "Starting the simulator…", "package-installed");
    answer = python.startExplainer(pyodide);
  }
  progress(100, "Python is ready." + fallback, "explainer-imported");
}

// The lock file and the download rate (bytes per ms) measured on its body, from the first byte to the
// last: about 120 kB, so a slow link shows in it, and a link still ramping up (TCP slow start) reads
// as slower than it is, which errs towards the cold start.
async function fetchLockfile() {
  const url = INDEX_URL + "pyodide-lock.json";
  const response = await fetch(url).catch((error) => { throw new Error(`The Python runtime could not be loaded: pyodide-lock.json (${error.message}).`); });
  if (!response.ok) throw new Error(`The Python runtime is incomplete on this site: pyodide-lock.json (HTTP ${response.status}).`);
  const started = performance.now();
  const text = await response.text();
  return { lockfile: JSON.parse(text), rate: text.length / Math.max(performance.now() - started, 1) };
}

// The snapshot over the network (a first visit on a fast link); rejects on any HTTP error.
async function fetchSnapshot(lockfile) {
  const name = python.snapshotFileName(PYODIDE_VERSION, lockfile);
  const response = await countingFetch(INDEX_URL + name);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  download.expected += Number(response.headers.get("content-length")) || 0;
  return new Uint8Array(await response.arrayBuffer());
}

// The snapshot's bytes when the service worker has stored them; null otherwise (never the network).
async function storedSnapshot(lockfile) {
  try {
    if (typeof caches === "undefined") return null;
    const stored = await caches.match(INDEX_URL + python.snapshotFileName(PYODIDE_VERSION, lockfile));
    return stored ? new Uint8Array(await stored.arrayBuffer()) : null;
  } catch {
    return null; // storage refused (a private window): start cold
  }
}

// The wheel that the site's lock file names, with the lock file's sha256 checked by the browser.
// loadPackage(EXPLAINER_PACKAGE) does the same but first imports Python modules it needs for other
// packages (tarfile, importlib.metadata), which cost about 250 ms of every boot (scripts/bench).
async function fetchExplainer(lockfile) {
  const entry = python.explainerEntry(lockfile);
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
  return new Uint8Array(await response.arrayBuffer());
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
