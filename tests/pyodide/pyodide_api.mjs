// Answer explainer API requests inside real Pyodide under Node, using the runtime, lock file and
// wheel exactly as the built site ships them, installed the way the page's worker installs them
// (the lock file's entry names the wheel and its sha256; unpackArchive puts it in site-packages).
// Usage: node pyodide_api.mjs SITE_PYODIDE_DIR < requests.json > responses.json
// requests.json is a JSON list of request strings. The output holds the Python version, the list of
// response strings and the explainer modules that had to be compiled from source when imported
// (none, when the wheel's bytecode fits this Pyodide).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const PACKAGE = "cocm-explainer";
const runtimeDir = path.resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep });

const entry = pyodide.lockfile.packages[PACKAGE];
if (!entry) {
  console.error(`pyodide-lock.json has no entry for ${PACKAGE}.`);
  process.exit(1);
}
const wheel = readFileSync(path.join(runtimeDir, entry.file_name));
if (createHash("sha256").update(wheel).digest("hex") !== entry.sha256) {
  console.error(`${entry.file_name} does not match the sha256 in pyodide-lock.json.`);
  process.exit(1);
}

// Note every module that the import system compiles from source instead of loading bytecode.
pyodide.runPython(`
import importlib.machinery
compiled_from_source = []
_source_to_code = importlib.machinery.SourceFileLoader.source_to_code
def _noting_source_to_code(self, data, path, *args, **kwargs):
    compiled_from_source.append(str(path))
    return _source_to_code(self, data, path, *args, **kwargs)
importlib.machinery.SourceFileLoader.source_to_code = _noting_source_to_code
`);
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: sitePackages });
const api = pyodide.pyimport("explainer.api");
const answer = api.Api().call;
const compiled = pyodide.globals.get("compiled_from_source").toJs().filter((name) => name.includes("explainer"));
const requests = JSON.parse(readFileSync(0, "utf8"));
const responses = requests.map((request) => answer(request));
process.stdout.write(JSON.stringify({
  python: pyodide.runPython("import sys; sys.version"),
  responses,
  compiled_from_source: compiled,
  installed_in: pyodide.runPython("import explainer, os; os.path.dirname(os.path.dirname(explainer.__file__))"),
  site_packages: sitePackages,
}));
