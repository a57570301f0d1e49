// Entry point of the simulator page's browser code, loaded only there (overrides/main.html puts this
// module into the page's content block). It starts the Python session, the app and the PHQ-9 scorer,
// and stops them when the reader leaves. Material's instant navigation swaps pages without reloading:
// document$ fires on every page (and once more for the page this module arrived with), so a page is
// started only if its simulator root is new.
import { PythonSession, adoptEarlyWorker, showBootError } from "./python-session.js";
import { Simulator } from "./app.js";
import { wire, enableControls } from "./controls.js";
import { wireScorer } from "./phq9-scorer.js";

let current = null; // {root, python, app, unwire}

// The simulator page's head holds back Material's search worker so that it does not compete with
// Python's boot (overrides/main.html); it starts when the reader needs search, when the simulator
// has failed, or when the reader leaves the page by instant navigation.
function releaseSearch() {
  if (window.ccReleaseSearch) window.ccReleaseSearch();
}

function start(root) {
  const appRoot = root.querySelector("[data-cc-app]");
  const page = { root };
  if (typeof WebAssembly !== "object") {
    // The app's build-time config carries the explainer's words, so this reads them with no Python.
    const config = JSON.parse(root.querySelector("[data-cc-config]").getAttribute("data-cc-config"));
    showBootError(root, config.words.no_webassembly);
    return page;
  }
  page.python = new PythonSession(root, () => page.app && page.app.restore());
  wireScorer(root, page.python);
  if (appRoot) {
    page.app = new Simulator(appRoot, page.python);
    page.unwire = wire(page.app);
  }
  page.python.readyPromise
    .then(() => (page.app ? page.app.open() : null))
    .then(() => {
      enableControls(root, appRoot);
      performance.mark("cc-interactive"); // read by scripts/bench (time to interactive)
    })
    .catch(releaseSearch);
  window.CCSim = { python: page.python, app: page.app }; // for the browser tests' fault drills and scripts/bench
  return page;
}

function stop(page) {
  if (page.unwire) page.unwire();
  if (page.app) page.app.stop();
  if (page.python) page.python.stop();
}

function onPage() {
  const root = document.querySelector("[data-cc-simulator]");
  if (current && current.root === root) return;
  if (current) {
    stop(current);
    current = null;
  }
  if (root) {
    current = start(root);
  } else {
    releaseSearch();
    if (window.ccEarlyWorker) adoptEarlyWorker().worker.terminate();
  }
}

if (typeof document$ !== "undefined") document$.subscribe(onPage);
else onPage();
