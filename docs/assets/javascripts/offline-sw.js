// The site's service worker. The build (scripts/hooks/offline.py) writes it to the site's root as sw.js,
// with MANIFEST filled in: the build's id and every file it serves, as [path, sha256 integrity, bytes,
// group]. Groups: "page" (HTML), "asset" (styles, scripts, images, search index, sitemap) and
// "simulator" (the Pyodide runtime, the explainer wheel and the memory snapshot).
//
// Rules (see README, "Offline"):
// - One cache per build, named by the build's id; install stores every page and asset, checked against
//   the manifest's sha256, and copies unchanged files from the previous build's cache instead of
//   downloading them again. The simulator group is stored only once a device has asked for it (the
//   simulator page does after Python starts; the footer has a button), so reading pages never fetch
//   Pyodide, and kept on every later install. Files the simulator's worker downloaded on this visit
//   are taken from its copies (cache "cocm-downloads"), checked against the manifest's sha256.
// - Pages are network-first, but a page from a newer build is never shown with this build's assets:
//   the stored page is served instead and the newer build's worker is fetched, which the page announces
//   ("New version: reload"). Everything else is cache-first: the cache only holds this build's bytes.
// - A new worker waits until the reader reloads (message "skip-waiting"); on activation it deletes every
//   older cache and takes control of open pages, which then reload themselves.
const MANIFEST = self.__COCM_MANIFEST__;
const PREFIX = "cocm-offline-";
const CACHE = PREFIX + MANIFEST.build;
const SCOPE = new URL("./", self.location.href);
const ENTRIES = new Map(MANIFEST.files.map(([path, integrity, bytes, group]) =>
  [new URL(path, SCOPE).href, { integrity, bytes, group }]));
const NOT_FOUND = new URL("404.html", SCOPE).href;
// Files downloaded as their gzipped copy (path + ".gz", written by the build) and stored unpacked.
const GZIPPED = new Set((MANIFEST.gzipped || []).map((path) => new URL(path, SCOPE).href));
// Gzipped files (the memory snapshot) checked as they are and stored unpacked under their own name, so
// that a return visit does not inflate 15 MB before Python can start (0.15-0.3 s of processor time on a
// two-core machine when it was 31 MB; README, "Where the time goes"). The manifest gives their unpacked size.
const UNPACKED = new Set((MANIFEST.unpacked || []).map((path) => new URL(path, SCOPE).href));
const UNPACKED_HEADER = "x-cocm-unpacked";
const BUILD_META = /<meta name="cocm-build" content="([^"]+)"/;
const DEVELOPMENT_BUILD = "__COCM_BUILD__";
const INTEGRITY_HEADER = "x-cocm-integrity";
const DOWNLOADS = "cocm-downloads"; // filled by the simulator's worker (sim-worker.mjs, DOWNLOADS_CACHE)
const NETWORK_TIMEOUT_MS = 4000;
const PARALLEL_DOWNLOADS = 4;

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));

async function install() {
  const keepSimulator = await simulatorWasStored();
  await store([...ENTRIES].filter(([, entry]) => entry.group !== "simulator" || keepSimulator));
}

async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  await self.clients.claim();
}

// Store entries ([url, entry] pairs) missing from this build's cache, a few downloads at a time.
async function store(entries) {
  const cache = await caches.open(CACHE);
  const queue = [...entries];
  async function next() {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [url, entry] = item;
      if (await cache.match(url)) continue;
      const response = (entry.group !== "page" && await fromOlderCache(url, entry))
        || (entry.group === "simulator" && await fromDownloads(url, entry)) || await download(url, entry);
      await cache.put(url, await unpacked(url, response));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, next));
  if (entries.some(([, entry]) => entry.group === "simulator")) await caches.delete(DOWNLOADS);
}

// A copy the simulator's worker kept of a file it downloaded on this visit (sim-worker.mjs,
// storeDownloads), if its sha256 is the manifest's: the runtime is then not downloaded a second time.
async function fromDownloads(url, entry) {
  const found = await (await caches.open(DOWNLOADS)).match(url);
  if (!found) return null;
  return checked(await found.arrayBuffer(), entry, new Headers(found.headers)).catch(() => null);
}

// The response to store for url: unpacked if it is one of UNPACKED (and not unpacked yet: an older
// build's cache may hold it gzipped); the integrity header still names the gzipped file's sha256. A file
// that does not inflate is stored as it came: the simulator's worker then falls back to a cold start.
async function unpacked(url, response) {
  if (!UNPACKED.has(url) || response.headers.has(UNPACKED_HEADER) || typeof DecompressionStream !== "function") {
    return response;
  }
  const original = response.clone();
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = await new Response(stream).arrayBuffer().catch(() => null);
  if (!bytes) return original;
  const headers = new Headers({ "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) });
  headers.set(INTEGRITY_HEADER, response.headers.get(INTEGRITY_HEADER));
  headers.set(UNPACKED_HEADER, "gzip");
  return new Response(bytes, { status: 200, headers });
}

// A stored response of bytes whose sha256 is the manifest's; rejects otherwise.
async function checked(bytes, entry, headers) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  if ("sha256-" + btoa(binary) !== entry.integrity) throw new Error("its bytes do not match the build's sha256");
  headers.set(INTEGRITY_HEADER, entry.integrity);
  headers.set("content-length", String(bytes.byteLength));
  return new Response(bytes, { status: 200, headers });
}

// This build's bytes of one file, from the network, refused unless they match the manifest's sha256.
async function download(url, entry) {
  if (GZIPPED.has(url) && typeof DecompressionStream === "function") return downloadGzipped(url, entry);
  const response = await fetch(url, { integrity: entry.integrity, cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const headers = new Headers(response.headers);
  headers.set(INTEGRITY_HEADER, entry.integrity);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// The same from the file's gzipped copy, unpacked here; the unpacked bytes are checked.
async function downloadGzipped(url, entry) {
  const response = await fetch(url + ".gz", { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}.gz: HTTP ${response.status}`);
  const bytes = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  return checked(bytes, entry, new Headers({ "content-type": "application/wasm" }));
}

async function fromOlderCache(url, entry) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const found = await (await caches.open(name)).match(url);
    if (found && found.headers.get(INTEGRITY_HEADER) === entry.integrity) return found;
  }
  return null;
}

async function simulatorWasStored() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const urls = (await (await caches.open(name)).keys()).map((request) => request.url);
    if (urls.some((url) => ENTRIES.get(url)?.group === "simulator")) return true;
  }
  return false;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" && request.method !== "HEAD") return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  const entry = ENTRIES.get(url.href);
  if (entry && entry.group === "page") event.respondWith(networkFirst(request, url.href));
  else if (entry) event.respondWith(cacheFirst(request, url.href, entry));
  else if (request.mode === "navigate" && url.href.startsWith(SCOPE.href)) event.respondWith(unknownPage(request));
});

async function networkFirst(request, key) {
  const stored = await (await caches.open(CACHE)).match(key);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (!stored || !response.ok) return response.ok || !stored ? response : stored;
    const build = BUILD_META.exec(await response.clone().text())?.[1];
    if (build === MANIFEST.build || build === DEVELOPMENT_BUILD) return response; // mkdocs serve: no id
    self.registration.update(); // a newer build is on the server: fetch its worker, keep serving this build
  } catch {
    // offline, or the network is too slow: the stored page
  }
  return stored || Response.error();
}

async function cacheFirst(request, key, entry) {
  const cache = await caches.open(CACHE);
  let response = await cache.match(key);
  if (!response && request.method === "HEAD") return fetch(request); // a check, not worth a download
  if (!response) {
    response = await unpacked(key, await download(key, entry));
    await cache.put(key, response.clone());
  }
  if (request.method === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
  return response;
}

async function unknownPage(request) {
  try {
    return await fetch(request);
  } catch {
    return (await (await caches.open(CACHE)).match(NOT_FOUND)) || Response.error();
  }
}

function withTimeout(promise, milliseconds) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), milliseconds))]);
}

self.addEventListener("message", (event) => {
  const reply = (message) => event.source && event.source.postMessage(message);
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "status") event.waitUntil(status().then(reply));
  if (event.data === "store-simulator") {
    const simulator = [...ENTRIES].filter(([, entry]) => entry.group === "simulator");
    event.waitUntil(store(simulator).then(status, () => status().then((now) => ({ ...now, failed: true }))).then(reply));
  }
});

// What this build's cache holds: bytes stored (from the manifest) and whether the simulator is complete.
async function status() {
  const stored = new Set((await (await caches.open(CACHE)).keys()).map((request) => request.url));
  let bytes = 0;
  let simulator = true;
  for (const [url, entry] of ENTRIES) {
    if (stored.has(url)) bytes += entry.bytes;
    else if (entry.group === "simulator") simulator = false;
  }
  return { type: "status", build: MANIFEST.build, bytes, simulator };
}
