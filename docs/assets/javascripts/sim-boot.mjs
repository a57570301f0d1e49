// How the simulator's Python starts: shared by the page's worker (sim-worker.mjs), the build step that
// writes the memory snapshot (scripts/hooks/make_snapshot.mjs) and the snapshot tests, so all three
// install and start the explainer the same way. No browser globals are touched at import.
//
// A memory snapshot is Pyodide's whole WebAssembly heap (about 30 MB, 6 MB gzipped) saved after the
// explainer was imported. Restoring it skips Python's start-up and the imports. Pyodide's options for it
// (_makeSnapshot, _loadSnapshot, makeMemorySnapshot) are private and tied to the exact Pyodide build
// (pyodide issues 5729, 6254 and 6418), so every caller must be ready to fall back to a cold start.
// What a snapshot does not keep, and this module restores: the files of the Emscripten file system (the
// wheel is unpacked again) and randomness (the random module is seeded afresh; string hashing stays fixed).

export const EXPLAINER_PACKAGE = "cocm-explainer";

/** The snapshot's file name: one per Pyodide version (pyodide.mjs exports it) and explainer wheel (its
 * sha256 in the lock file), so a snapshot never meets another build of either. */
export function snapshotFileName(pyodideVersion, lockfile) {
  const entry = explainerEntry(lockfile);
  return `pyodide-snapshot-${pyodideVersion}-${entry.sha256.slice(0, 16)}.bin.gz`;
}

export function explainerEntry(lockfile) {
  const entry = lockfile.packages[EXPLAINER_PACKAGE];
  if (!entry) throw new Error(`The simulator package could not be loaded: the site's pyodide-lock.json does not list ${EXPLAINER_PACKAGE}.`);
  return entry;
}

/** Unpack the explainer wheel (bytes) into site-packages: every file of the zip, written from JavaScript
 * (the browser inflates them), as pyodide.unpackArchive(wheel, "wheel") would write them for a wheel with
 * no .data folder. Pyodide's own unpack runs Python's zipfile and shutil, whose WebAssembly a restored
 * heap compiles afresh at each start: 0.13-0.2 s of a return visit (README, "Where the time goes"). */
export async function unpackExplainer(pyodide, wheel) {
  const sitePackages = pyodide.pyimport("site").getsitepackages().toJs()[0];
  const files = await Promise.all(zipEntries(wheel).map(async (entry) => [entry.name, await entry.bytes()]));
  for (const [name, bytes] of files) {
    const target = `${sitePackages}/${name}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, bytes);
  }
}

// The files of a zip archive (a wheel: no zip64, entries stored or deflated), as {name, bytes()} read
// through its central directory (PKWARE APPNOTE 4.3.12 and 4.3.16); directories are left out.
function zipEntries(zip) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error("the simulator package is not a zip archive");
  const entries = [];
  const text = new TextDecoder();
  for (let at = view.getUint32(end + 16, true), left = view.getUint16(end + 10, true); left > 0; left -= 1) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("the simulator package's zip directory is damaged");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = text.decode(zip.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`the simulator package stores ${name} in an unknown way`);
    entries.push({ name, bytes: () => (method === 0 ? Promise.resolve(data) : inflate(data, "deflate-raw")) });
  }
  return entries;
}

async function inflate(bytes, format) {
  const stream = new Response(bytes).body.pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The API's entry point: a Python callable from request JSON to response JSON, on a fresh Api(). */
export function startExplainer(pyodide) {
  return pyodide.pyimport("explainer.api").Api().call;
}

/** What the snapshot build runs after a cold start and before saving the heap. */
export async function prepareForSnapshot(pyodide, wheel) {
  await unpackExplainer(pyodide, wheel);
  pyodide.pyimport("explainer.api");
}

// A restored heap imports what it had imported, but the standard library's zip lives in the file system,
// which the snapshot does not hold: Pyodide only logs a failed download of it, so check it is there, or
// a later import fails mid-session. Throwing here sends the worker to the cold start. (Through Pyodide's
// foreign function interface, not runPython: compiling Python source is slow in a restored heap.)
function checkStdlibMounted(pyodide) {
  const zips = pyodide.pyimport("sys").path.toJs().filter((entry) => entry.endsWith(".zip"));
  if (!zips.some((entry) => pyodide.FS.analyzePath(entry).exists)) {
    throw new Error("the standard library is incomplete (python_stdlib.zip did not load)");
  }
}

/** Restore a snapshot (gzipped, or unpacked as the service worker stores it); returns Pyodide with the explainer's files back and fresh randomness.
 * gzipped and wheel (bytes) may be promises (downloads under way): Pyodide fetches its runtime files
 * meanwhile, and the wheel is awaited only once the heap is restored. mark(stage), if given, is called
 * as each step ends (the worker turns them into User Timing marks for scripts/bench_offline.py). */
export async function restoreSnapshot(loadPyodide, options, gzipped, wheel, mark = () => {}) {
  const heap = Promise.resolve(gzipped).then(gunzip).then((bytes) => { mark("snapshot-unpacked"); return bytes; });
  heap.catch(() => {}); // reported by loadPyodide, which awaits it
  const pyodide = await loadPyodide({ ...options, _loadSnapshot: heap });
  mark("heap-restored");
  checkStdlibMounted(pyodide);
  pyodide.pyimport("random").seed();
  mark("random-seeded");
  await unpackExplainer(pyodide, await wheel);
  mark("wheel-unpacked");
  return pyodide;
}

/** The snapshot's heap: gzipped bytes (the site's file, 1f 8b) are inflated, others are taken as they
 * are (the service worker stores the snapshot unpacked: offline-sw.js, UNPACKED). */
export function gunzip(bytes) {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? inflate(bytes, "gzip") : bytes;
}
