// How the simulator's Python starts: shared by the page's worker (sim-worker.mjs), the build step that
// writes the memory snapshot (scripts/hooks/make_snapshot.mjs) and the snapshot tests, so all three
// install and start the explainer the same way. No browser globals are touched at import.
//
// A memory snapshot is Pyodide's whole WebAssembly heap (about 31.5 MB, 15 MB without its empty pages,
// 6.1 MB gzipped) saved after the explainer was imported and the page's opening request answered.
// Restoring it skips Python's start-up, the imports and the first run. Pyodide's options for it
// (_makeSnapshot, _loadSnapshot, makeMemorySnapshot) are private and tied to the exact Pyodide build
// (pyodide issues 5729, 6254 and 6418), so every caller must be ready to fall back to a cold start.
// What a snapshot does not keep, and this module restores: the files of the Emscripten file system (the
// wheel is unpacked again) and randomness (the random module is seeded afresh; string hashing stays fixed).

export const EXPLAINER_PACKAGE = "cocm-explainer";

/** The snapshot's file name: one per Pyodide version (pyodide.mjs exports it), explainer wheel (its
 * sha256 in the lock file) and file layout (HEAP_FORMAT), so a snapshot never meets another build of any. */
export function snapshotFileName(pyodideVersion, lockfile) {
  const entry = explainerEntry(lockfile);
  return `${snapshotPrefix(pyodideVersion)}${entry.sha256.slice(0, 16)}-${HEAP_FORMAT}.bin.gz`;
}

/** What every snapshot name for this Pyodide starts with: known before the lock file arrives. */
export function snapshotPrefix(pyodideVersion) {
  return `pyodide-snapshot-${pyodideVersion}-`;
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

/** The API's entry point: a Python callable from request JSON to response JSON, on the module's one
 * Api (explainer.api.session), which holds the opening answer when the snapshot prepared it. */
export function startExplainer(pyodide) {
  return pyodide.pyimport("explainer.api").session();
}

/** The request the simulator page sends first when its link names nothing (app.js, open). */
export function openingRequest(scenario) {
  return JSON.stringify({ op: "create", args: { scenario, overrides: {} } });
}

/** What the snapshot build runs after a cold start and before saving the heap: the explainer imported, and
 * the page's opening request answered ahead (explainer.api.prepare_session), so that a restored page
 * draws its first state without running the model. */
export async function prepareForSnapshot(pyodide, wheel, openingScenario) {
  await unpackExplainer(pyodide, wheel);
  pyodide.pyimport("explainer.api").prepare_session(openingRequest(openingScenario));
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

/** Restore a snapshot (a file as heapFromFile reads it); returns Pyodide with the explainer's files back and
 * fresh randomness. file and wheel (bytes) may be promises (downloads under way): Pyodide fetches its
 * runtime files meanwhile, and the wheel is awaited only once the heap is restored. mark(stage), if given,
 * is called as each step ends (the worker turns them into User Timing marks for scripts/bench_offline.py). */
export async function restoreSnapshot(loadPyodide, options, file, wheel, mark = () => {}) {
  const heap = Promise.resolve(file).then(heapFromFile).then((bytes) => { mark("snapshot-unpacked"); return bytes; });
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

// The snapshot file's layout. Half of the 31.5 MB heap is 4 KB pages of zeros, which the file leaves out, so
// the service worker stores 15 MB instead of 31.5 and a return visit reads that much less. After the magic
// bytes: the heap's length, the number of parts kept, then each part's offset and length (all uint32,
// little-endian), then the parts' bytes in order. The whole is gzipped on the site.
const HEAP_FORMAT = "sparse1";
const HEAP_MAGIC = "cocmheap";
const PAGE = 4096;

/** The snapshot file's contents for a heap (bytes): only its pages that hold something. */
export function packHeap(heap) {
  const parts = [];
  for (let at = 0; at < heap.length; at += PAGE) {
    const end = Math.min(at + PAGE, heap.length);
    if (isZero(heap, at, end)) continue;
    const last = parts[parts.length - 1];
    if (last && last[0] + last[1] === at) last[1] = end - at + last[1];
    else parts.push([at, end - at]);
  }
  const headerLength = HEAP_MAGIC.length + 8 + 8 * parts.length;
  const packed = new Uint8Array(headerLength + parts.reduce((sum, [, length]) => sum + length, 0));
  packed.set(new TextEncoder().encode(HEAP_MAGIC));
  const view = new DataView(packed.buffer);
  view.setUint32(HEAP_MAGIC.length, heap.length, true);
  view.setUint32(HEAP_MAGIC.length + 4, parts.length, true);
  let data = headerLength;
  parts.forEach(([offset, length], index) => {
    view.setUint32(HEAP_MAGIC.length + 8 + 8 * index, offset, true);
    view.setUint32(HEAP_MAGIC.length + 12 + 8 * index, length, true);
    packed.set(heap.subarray(offset, offset + length), data);
    data += length;
  });
  return packed;
}

function isZero(bytes, start, end) {
  for (let at = start; at < end; at += 1) if (bytes[at] !== 0) return false;
  return true;
}

/** The heap (bytes) that packHeap packed; throws on a file of another layout (the worker then starts cold). */
export function unpackHeap(packed) {
  const magic = new TextDecoder().decode(packed.subarray(0, HEAP_MAGIC.length));
  if (magic !== HEAP_MAGIC) throw new Error("the saved state is not in this site's format");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const heap = new Uint8Array(view.getUint32(HEAP_MAGIC.length, true));
  const count = view.getUint32(HEAP_MAGIC.length + 4, true);
  let data = HEAP_MAGIC.length + 8 + 8 * count;
  for (let index = 0; index < count; index += 1) {
    const offset = view.getUint32(HEAP_MAGIC.length + 8 + 8 * index, true);
    const length = view.getUint32(HEAP_MAGIC.length + 12 + 8 * index, true);
    if (data + length > packed.length || offset + length > heap.length) throw new Error("the saved state is cut short");
    heap.set(packed.subarray(data, data + length), offset);
    data += length;
  }
  return heap;
}

/** The heap in a snapshot file: the site's file is gzipped (1f 8b) and inflated here; the service worker
 * stores it inflated (offline-sw.js, UNPACKED), which is taken as it is. Either is then unpacked. */
export async function heapFromFile(bytes) {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return unpackHeap(gzipped ? await inflate(bytes, "gzip") : bytes);
}
