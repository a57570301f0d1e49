// Write a Pyodide memory snapshot of the simulator, taken after the explainer was imported and the page's
// opening request (the scenario OPENING_SCENARIO, as a link that names nothing opens it) was answered
// ahead; run by the build, in Node, with the same runtime, lock file and wheel the site ships (sim-boot.mjs).
// Usage: node make_snapshot.mjs SITE_PYODIDE_DIR CACHE_DIR OPENING_SCENARIO
// The snapshot goes into CACHE_DIR under a name that holds the Pyodide version, the wheel's sha256 and
// the file's layout, and is made only when that file is not there yet (the caller keeps one CACHE_DIR
// per opening scenario). The file is the heap without its empty pages (packHeap), gzipped. Prints its name.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(new URL(import.meta.url).pathname);
const boot = await import(pathToFileURL(path.join(here, "..", "..", "docs", "assets", "javascripts", "sim-boot.mjs")).href);

const [runtimeDir, cacheDir] = process.argv.slice(2, 4).map((name) => name && path.resolve(name));
const openingScenario = process.argv[4];
if (!runtimeDir || !cacheDir || !openingScenario) {
  console.error("usage: node make_snapshot.mjs SITE_PYODIDE_DIR CACHE_DIR OPENING_SCENARIO");
  process.exit(2);
}
const { loadPyodide, version } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const lockfile = JSON.parse(readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
const name = boot.snapshotFileName(version, lockfile);
const target = path.join(cacheDir, name);
if (!existsSync(target)) {
  const wheel = new Uint8Array(readFileSync(path.join(runtimeDir, boot.explainerEntry(lockfile).file_name)));
  const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep, lockFileContents: lockfile,
    packageBaseUrl: runtimeDir + path.sep, _makeSnapshot: true });
  await boot.prepareForSnapshot(pyodide, wheel, openingScenario);
  writeFileSync(target + ".partial", gzipSync(boot.packHeap(pyodide.makeMemorySnapshot()), { level: 9 }));
  renameSync(target + ".partial", target);
}
console.log(name);
