// Run explainer API requests inside Pyodide under Node, from the repository's own source files.
// Usage: node parity.mjs REPO_ROOT < requests.json > answers.json
// requests.json is a JSON list of request strings. The explainer's *.py files and the scenario files
// are written into Pyodide's file system with the repository's layout (/home/pyodide/explainer and
// /home/pyodide/content/scenarios), so the scenario loader takes its repository fallback.
// Output: {"python": sys.version, "responses": [response strings, in order, from one Api() instance]}.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(process.argv[2]);
const runtime = path.join(root, "node_modules", "pyodide");
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + path.sep });

function copyFolder(from, to, suffix) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    if (name.endsWith(suffix)) {
      pyodide.FS.writeFile(`${to}/${name}`, readFileSync(path.join(from, name)));
    }
  }
}

copyFolder(path.join(root, "explainer"), "/home/pyodide/explainer", ".py");
copyFolder(path.join(root, "content", "scenarios"), "/home/pyodide/content/scenarios", ".json");
pyodide.runPython("import sys\nif '/home/pyodide' not in sys.path: sys.path.insert(0, '/home/pyodide')");

const api = pyodide.pyimport("explainer.api").Api();
const requests = JSON.parse(readFileSync(0, "utf8"));
const responses = requests.map((request) => api.call(request));
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), responses }));
