// Compile a Python package's modules to bytecode with Pyodide's own CPython (run by the build, in Node).
// The browser then imports the explainer without compiling its source: about 130 ms less at every
// boot of the simulator page (measured in Node; see scripts/bench for the page). The .pyc files are
// "unchecked-hash" ones, which Python loads without reading the source again; they are built from
// the same sources that ship beside them, in the same wheel.
// Usage: node compile_bytecode.mjs PYODIDE_RUNTIME_DIR PACKAGE_DIR
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, packageDir] = process.argv.slice(2).map((name) => path.resolve(name));
if (!runtimeDir || !packageDir) {
  console.error("usage: node compile_bytecode.mjs PYODIDE_RUNTIME_DIR PACKAGE_DIR");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep });
pyodide.FS.mkdirTree("/package");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: packageDir }, "/package");
const compiled = pyodide.runPython(`
import compileall, py_compile, sys
ok = compileall.compile_dir("/package", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
f"{sys.implementation.cache_tag}" if ok else ""
`);
if (!compiled) {
  console.error(`Pyodide could not compile the modules in ${packageDir}.`);
  process.exit(1);
}
console.log(`compiled for ${compiled}`);
