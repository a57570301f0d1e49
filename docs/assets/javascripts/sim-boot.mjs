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

/** Unpack the explainer wheel (bytes) into site-packages. */
export function unpackExplainer(pyodide, wheel) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
}

/** The API's entry point: a Python callable from request JSON to response JSON, on a fresh Api(). */
export function startExplainer(pyodide) {
  return pyodide.pyimport("explainer.api").Api().call;
}

/** What the snapshot build runs after a cold start and before saving the heap. */
export function prepareForSnapshot(pyodide, wheel) {
  unpackExplainer(pyodide, wheel);
  pyodide.pyimport("explainer.api");
}

// A restored heap imports what it had imported, but the standard library's zip lives in the file system,
// which the snapshot does not hold: Pyodide only logs a failed download of it, so check it is there, or
// a later import fails mid-session. Raising here sends the worker to the cold start.
const STDLIB_IS_MOUNTED = `
import os, sys
if not [p for p in sys.path if p.endswith(".zip") and os.path.exists(p)]:
    raise RuntimeError("the standard library is incomplete (python_stdlib.zip did not load)")
`;

/** Restore a gzipped snapshot; returns Pyodide with the explainer's files back and fresh randomness.
 * gzipped and wheel (bytes) may be promises (downloads under way): Pyodide fetches its runtime files
 * meanwhile, and the wheel is awaited only once the heap is restored. mark(stage), if given, is called
 * as each step ends (the worker turns them into User Timing marks for scripts/bench_offline.py). */
export async function restoreSnapshot(loadPyodide, options, gzipped, wheel, mark = () => {}) {
  const heap = Promise.resolve(gzipped).then(gunzip).then((bytes) => { mark("snapshot-unpacked"); return bytes; });
  heap.catch(() => {}); // reported by loadPyodide, which awaits it
  const pyodide = await loadPyodide({ ...options, _loadSnapshot: heap });
  mark("heap-restored");
  pyodide.runPython(STDLIB_IS_MOUNTED);
  pyodide.runPython("import random; random.seed()");
  mark("random-seeded");
  unpackExplainer(pyodide, await wheel);
  mark("wheel-unpacked");
  return pyodide;
}

export async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
