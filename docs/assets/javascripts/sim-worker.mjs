// Module worker: boots Pyodide, installs the explainer wheel its lock file names and answers JSON API calls.
// Messages in:  {id, request}            (request is the JSON string explainer.api expects)
//               {keepDownloads: true}    (the page registers the service worker: see storeDownloads)
// Messages out: {type: "progress", percent, label}
//               {type: "mark", stage, time}  (a step of the boot, for scripts/bench; time: ms since the Unix epoch)
//               {type: "ready"}
//               {type: "boot-error", message}
//               {id, response}            (the JSON string explainer.api returned)

import { loadPyodide, version as PYODIDE_VERSION } from "../pyodide/pyodide.mjs";
import * as python from "./sim-boot.mjs";
import { compileStored, findStoredSnapshot, fromStorage, readSnapshot, useCompiled } from "./sim-stored.mjs";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const WASM_FILE = "pyodide.asm.wasm";

// Started at once, before the lock file is read, so that they overlap with it and with each other: the
// Emscripten script that loadPyodide imports later (the same URL, so the module is then ready), the
// stored snapshot (its name is checked against the lock file in storedSnapshot) and the stored
// WebAssembly, compiled ahead (sim-stored.mjs). Each is null, or fails quietly, when not stored.
import(INDEX_URL + "pyodide.asm.mjs").catch(() => {}); // a failure shows in loadPyodide's own import
const EARLY_SNAPSHOT = findStoredSnapshot(INDEX_URL + python.snapshotPrefix(PYODIDE_VERSION), () => mark("snapshot-read"));
const STORED_WASM = compileStored(INDEX_URL + WASM_FILE);

// A cheap call that proves a restored heap runs the explainer (not the page's opening request, which
// the snapshot may hold answered: explainer.api.Api.prepare).
const SELF_CHECK = JSON.stringify({ op: "instruments", args: {} });

// Fetch the snapshot on a first visit when the link is at least this fast, in bytes per ms (1500 is
// 12 Mb/s): the rate at which its 6.1 MB take as long as the cold start it saves (scripts/bench_offline.py:
// bare cold boot minus bare snapshot restore at loopback), which was 4.4 s on a loaded 2-core machine and
// 2.6 s on a quiet one (12 and 19 Mb/s); a slower device, a phone, saves more. Measured: README, "Offline".
const FIRST_VISIT_SNAPSHOT_RATE = 1500;

let answer = null; // a Python callable: request JSON -> response JSON

// stage names the step just finished; the page turns it into a User Timing mark for scripts/bench.
function progress(percent, label, stage) {
  self.postMessage({ type: "progress", percent, label });
  if (stage) mark(stage);
}

function mark(stage) {
  self.postMessage({ type: "mark", stage, time: performance.timeOrigin + performance.now() });
}

// Pyodide waits forever when its .wasm or standard library is missing: a failed response for one of
// them rejects runtimeFailure, which every boot races. (No HEAD request first: the files' own responses
// tell, and their sizes, for the progress bar, come in their headers.)
const RUNTIME_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
let failRuntime = null;
const runtimeFailure = new Promise((_, reject) => { failRuntime = reject; });
runtimeFailure.catch(() => {}); // reported where it is raced

// Download progress in bytes: while Python loads, the worker's fetch passes each response through a
// stream that counts what has arrived, so the bar moves on a slow link instead of sitting at 10%. The
// share is shown once every file awaited (download.waiting) has sent its size, so the bar never runs back.
const download = { expected: 0, received: 0, shown: 0, waiting: new Set() };
const nativeFetch = self.fetch.bind(self);

// Copies of the runtime files this worker downloaded from the network, as [url, Response]. Once Python
// is ready they go into DOWNLOADS_CACHE, where the service worker takes them (checked against its
// manifest's sha256) instead of downloading 20 MB a second time (offline-sw.js, fromDownloads). Only
// when the page will register that worker (message keepDownloads); responses the service worker served
// carry STORED_HEADER and are stored already.
const DOWNLOADS_CACHE = "cocm-downloads";
const STORED_HEADER = "x-cocm-integrity";
const downloaded = [];
let keepDownloads = false;

function keepCopy(url, response) {
  if (response.ok && !response.headers.has(STORED_HEADER)) downloaded.push([url, response.clone()]);
}

async function storeDownloads() {
  const copies = downloaded.splice(0);
  if (!keepDownloads || !copies.length || typeof caches === "undefined") return;
  try {
    const cache = await caches.open(DOWNLOADS_CACHE);
    await Promise.all(copies.map(([url, response]) => cache.put(url, response)));
  } catch {
    // storage refused (a private window): the service worker downloads them itself
  }
}

// Pyodide's WebAssembly comes from its gzipped copy (3.5 MB for 9.6; written by the build, see
// scripts/hooks/offline.py) unless the service worker has the file stored: a server that does not compress
// (Python's, in a workshop) then sends 6 MB less. The bytes counted are those that arrive.
let wasmStored = false;

function countingFetch(input, init) {
  const url = String(input instanceof Request ? input.url : input);
  const name = url.slice(url.lastIndexOf("/") + 1);
  const gzipped = name === WASM_FILE && !wasmStored && typeof DecompressionStream === "function";
  return nativeFetch(gzipped ? url + ".gz" : input, init).then((response) => {
    if (!response.ok && RUNTIME_FILES.includes(name)) {
      failRuntime(new Error(`The Python runtime is incomplete on this site: ${name}${gzipped ? ".gz" : ""} (HTTP ${response.status}).`));
    }
    if (!response.body || (init && init.method === "HEAD")) return response;
    download.expected += Number(response.headers.get("content-length")) || 0;
    download.waiting.delete(name);
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
    const body = gzipped ? counted.pipeThrough(new DecompressionStream("gzip")) : counted;
    const headers = gzipped ? new Headers({ "content-type": "application/wasm" }) : response.headers;
    const result = new Response(body, { status: response.status, statusText: response.statusText, headers });
    if (url.startsWith(INDEX_URL)) keepCopy(url, result);
    return result;
  });
}

function reportDownload() {
  const { expected, received } = download;
  if (!expected || download.waiting.size) return;
  const share = Math.min(1, received / expected);
  if (share - download.shown < 0.02 && share < 1) return;
  download.shown = share;
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  progress(10 + Math.round(65 * share), `Downloading Python: ${mb(Math.min(received, expected))} of ${mb(expected)} MB (once per visit)…`);
}

// Start from the memory snapshot when this device has it stored (the service worker's cache); on a first
// visit, also fetch it when the link measured while the lock file arrived is fast enough that its 6.1 MB
// cost less than the cold start they save (FIRST_VISIT_SNAPSHOT_RATE); else start cold. Any failure of
// the snapshot falls back to a cold start, and the boot status says why.
async function boot() {
  progress(10, "Downloading and starting Python (about 8 MB, once per visit)…", "worker-started");
  const { lockfile, rate } = await fetchLockfile();
  mark("lockfile-read");
  const options = { indexURL: INDEX_URL, lockFileContents: lockfile, packageBaseUrl: INDEX_URL };
  download.waiting = new Set([python.explainerEntry(lockfile).file_name, ...RUNTIME_FILES]);
  const wheel = fetchExplainer(lockfile);
  wheel.catch(() => {}); // reported where it is awaited
  let pyodide = null;
  let fallback = "";
  const [compiled, stored] = await Promise.all([STORED_WASM, storedSnapshot(lockfile)]);
  wasmStored = Boolean(compiled) || Boolean(await fromStorage(INDEX_URL + WASM_FILE));
  if (compiled) useCompiled(compiled, () => mark("stored-wasm-used"));
  let snapshot = stored && stored.bytes;
  const fetched = !snapshot && rate >= FIRST_VISIT_SNAPSHOT_RATE;
  if (fetched) {
    progress(12, "Downloading Python's saved state (about 6 MB)…", "snapshot-fetch-chosen");
    snapshot = fetchSnapshot(lockfile);
  } else if (!snapshot) {
    progress(10, "Downloading and starting Python (about 8 MB, once per visit)…", "cold-boot-chosen");
  }
  if (snapshot) {
    try {
      // Fetched over the network, the snapshot and the runtime files count their bytes as a cold start does.
      if (fetched) self.fetch = countingFetch;
      const restoring = python.restoreSnapshot(loadPyodide, options, snapshot, wheel, mark);
      pyodide = await (fetched ? Promise.race([restoring, runtimeFailure]) : restoring)
        .finally(() => { self.fetch = nativeFetch; });
      answer = python.startExplainer(pyodide);
      mark("api-started");
      if (!JSON.parse(answer(SELF_CHECK)).ok) throw new Error("the restored simulator did not answer");
      progress(85, "Python restored from its saved state…", "started-from-snapshot");
    } catch (error) {
      pyodide = null;
      Object.assign(download, { expected: 0, received: 0, shown: 0, waiting: new Set(RUNTIME_FILES) });
      fallback = ` (Its saved snapshot could not be used, ${error.message || error}; Python started afresh.)`;
      progress(12, "Starting Python afresh…", "snapshot-failed");
    }
  }
  if (!pyodide) {
    self.fetch = countingFetch;
    pyodide = await Promise.race([loadPyodide(options), runtimeFailure])
      .finally(() => { self.fetch = nativeFetch; });
    progress(80, "Loading the simulator's Python package…", "python-started");
    await python.unpackExplainer(pyodide, await wheel);
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
  keepCopy(url, response);
  const started = performance.now();
  const text = await response.text();
  return { lockfile: JSON.parse(text), rate: text.length / Math.max(performance.now() - started, 1) };
}

// The snapshot over the network (a first visit on a fast link); rejects on any HTTP error.
async function fetchSnapshot(lockfile) {
  const name = python.snapshotFileName(PYODIDE_VERSION, lockfile);
  const response = await countingFetch(INDEX_URL + name);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// {bytes} when the service worker has stored this build's snapshot, null otherwise (never the network).
// bytes is a promise: the 15 MB are read from the cache (from the worker's start: EARLY_SNAPSHOT) while
// Pyodide loads its runtime, which waits for them only when it builds the heap. A snapshot of another
// wheel (an older build's cache) is not used.
async function storedSnapshot(lockfile) {
  const url = INDEX_URL + python.snapshotFileName(PYODIDE_VERSION, lockfile);
  const early = await EARLY_SNAPSHOT;
  if (early && early.url === url) return early;
  const stored = await fromStorage(url);
  return stored && { bytes: readSnapshot(stored, () => mark("snapshot-read")) };
}

// The wheel that the site's lock file names, with the lock file's sha256 checked by the browser.
// loadPackage(EXPLAINER_PACKAGE) does the same but first imports Python modules it needs for other
// packages (tarfile, importlib.metadata), which cost about 250 ms of every boot (scripts/bench).
async function fetchExplainer(lockfile) {
  const entry = python.explainerEntry(lockfile);
  const url = INDEX_URL + entry.file_name;
  let response;
  try {
    response = await countingFetch(url, { integrity: `sha256-${hexToBase64(entry.sha256)}` });
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
  () => { self.postMessage({ type: "ready" }); storeDownloads(); },
  (error) => self.postMessage({ type: "boot-error", message: String(error && error.message ? error.message : error) }),
);

// Fault drills, used by the browser tests to prove that the page recovers from a crashed or hung worker.
function drill(kind) {
  if (kind === "crash") setTimeout(() => { throw new Error("Simulated worker crash (fault drill)."); });
  if (kind === "hang") { const until = Date.now() + 10 * 60 * 1000; while (Date.now() < until) { /* busy */ } }
}

self.onmessage = async (event) => {
  if (event.data.drill) { drill(event.data.drill); return; }
  if (event.data.keepDownloads) { keepDownloads = true; return; }
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
