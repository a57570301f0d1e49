// Run scripts/bench_model.py inside Pyodide under Node, with the explainer wheel the site ships.
// Usage: node scripts/bench_pyodide.mjs SITE_PYODIDE_DIR  (prints measure_model()'s JSON)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const runtimeDir = path.resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep });
await pyodide.loadPackage("cocm-explainer", { messageCallback: () => {} });
const source = readFileSync(new URL("bench_model.py", import.meta.url), "utf8");
pyodide.runPython(source);
process.stdout.write(pyodide.runPython("import json; json.dumps(measure_model())"));
