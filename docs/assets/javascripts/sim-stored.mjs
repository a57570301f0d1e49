// What the simulator's worker (sim-worker.mjs) takes from the service worker's storage, started the moment
// the worker starts, before the lock file arrives: the stored memory snapshot and Pyodide's WebAssembly
// compiled ahead. On a return visit both are on this device, so reading 15 MB and compiling 9.6 MB of
// WebAssembly run while Pyodide's own scripts load (README, "Where a return visit's time goes").
// Every function answers null when storage is refused (a private window) or holds nothing: the worker
// then boots as it would without.

/** A file the service worker has stored, or null (none, or storage refused). */
export async function fromStorage(url) {
  try {
    return typeof caches === "undefined" ? null : (await caches.match(url)) || null;
  } catch {
    return null;
  }
}

/** The stored snapshot whose URL starts with prefix (the worker knows the Pyodide version at once, the
 * wheel's sha256 only from the lock file), as {url, bytes}: bytes is a promise of its contents, read at
 * once; onRead() is called when they are in. The worker checks url against the lock file's name before it
 * uses them. Null when none is stored. */
export async function findStoredSnapshot(prefix, onRead = () => {}) {
  try {
    if (typeof caches === "undefined") return null;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const request = (await cache.keys()).find((stored) => stored.url.startsWith(prefix));
      if (request) return { url: request.url, bytes: readSnapshot(await cache.match(request), onRead) };
    }
  } catch {
    // storage refused: no snapshot
  }
  return null;
}

/** The bytes of a stored snapshot's response, as a promise (rejections are left to the restore, which
 * awaits it); onRead() is called when they are in. */
export function readSnapshot(response, onRead) {
  const bytes = response.arrayBuffer().then((buffer) => { onRead(); return new Uint8Array(buffer); });
  bytes.catch(() => {}); // reported by the restore, which awaits it
  return bytes;
}

/** Pyodide's WebAssembly compiled from the stored copy at url, or null (not stored, or it fails to
 * compile: Pyodide then compiles what it fetches, as on a first visit). */
export async function compileStored(url) {
  const stored = await fromStorage(url);
  if (!stored) return null;
  try {
    const wasm = stored.headers.get("content-type") === "application/wasm";
    return await (wasm ? WebAssembly.compileStreaming(stored) : WebAssembly.compile(await stored.arrayBuffer()));
  } catch {
    return null;
  }
}

/** Make Pyodide's next WebAssembly.instantiateStreaming (its loader calls it once, for pyodide.asm.wasm)
 * instantiate the module compiled ahead instead of compiling the response again; onUsed() is called then. */
export function useCompiled(compiled, onUsed = () => {}) {
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    WebAssembly.instantiateStreaming = original;
    Promise.resolve(source).then((response) => response.body && response.body.cancel(), () => {});
    const instance = await WebAssembly.instantiate(compiled, imports);
    onUsed();
    return { module: compiled, instance };
  };
}
