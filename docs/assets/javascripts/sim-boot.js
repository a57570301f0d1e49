// Loaded in the <head> of the simulator page only: starts the Pyodide worker while the rest of the
// page is still arriving, so Python boots in parallel with the page. simulator.js adopts the worker
// (with any messages it has sent meanwhile). After instant navigation simulator.js starts its own.
(function () {
  "use strict";
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  var early = { messages: [], errors: [] };
  early.worker = new Worker(new URL("sim-worker.mjs", document.currentScript.src).href, { type: "module" });
  early.worker.onmessage = function (event) { early.messages.push(event); };
  early.worker.onerror = function (event) { event.preventDefault(); early.errors.push(event); };
  window.ccEarlyWorker = early;
})();
