// Offline use, on every page: registers the site's service worker (sw.js at the site's root, written by
// scripts/hooks/offline.py) and shows in the footer what this device holds. Without service workers, or
// when the browser refuses storage (some private windows), it does nothing and the site works as before.
const SITE_ROOT = new URL("../../", import.meta.url);
const BUILD = document.querySelector('meta[name="cocm-build"]')?.content;
const TEXT = {
  saving: "Saving this site on this device for offline use…",
  pages: (size) => `Available offline: the pages (${size}) are stored on this device.`,
  simulator: (size) => `Available offline, simulator included: ${size} stored on this device.`,
  storeSimulator: "Store the simulator too",
  storingSimulator: "Storing the simulator for offline use…",
  failed: "This device could not store the site for offline use; it still works while online.",
  simulatorFailed: (size) => `Available offline: the pages (${size}) are stored on this device; the simulator could not be stored.`,
  update: "A new version of this site is ready.",
  reload: "New version: reload",
};

let shown = { text: TEXT.saving, button: null };

function render() {
  const footer = document.querySelector(".md-footer-meta__inner");
  if (!footer) return;
  let box = footer.querySelector(".cc-offline");
  if (!box) {
    box = document.createElement("div");
    box.className = "cc-offline";
    box.setAttribute("role", "status");
    box.dataset.ccOffline = "";
    footer.append(box);
  }
  const text = document.createElement("span");
  text.textContent = shown.text;
  box.replaceChildren(text);
  box.dataset.ccOffline = shown.state || "";
  if (shown.button) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button cc-offline__button";
    button.textContent = shown.button.label;
    button.addEventListener("click", shown.button.action);
    box.append(" ", button);
  }
}

function show(state, text, button = null) {
  shown = { state, text, button };
  render();
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function showStatus(status, registration) {
  if (status.failed) return show("simulator-failed", TEXT.simulatorFailed(megabytes(status.bytes)));
  if (status.simulator) return show("simulator", TEXT.simulator(megabytes(status.bytes)));
  show("pages", TEXT.pages(megabytes(status.bytes)), {
    label: TEXT.storeSimulator,
    action: () => storeSimulator(registration),
  });
}

function storeSimulator(registration) {
  show("storing", TEXT.storingSimulator);
  navigator.storage?.persist?.().catch(() => {}); // ask the browser to keep it when space runs short
  registration.active?.postMessage("store-simulator");
}

function offerReload(waiting) {
  show("update", TEXT.update, {
    label: TEXT.reload,
    action: () => waiting.postMessage("skip-waiting"),
  });
}

// The simulator's data-cc-ready ("true", or "failed") once its boot has settled.
function simulatorSettled(simulator) {
  if (simulator.dataset.ccReady) return Promise.resolve(simulator.dataset.ccReady);
  return new Promise((resolve) => {
    const watcher = new MutationObserver(() => {
      if (!simulator.dataset.ccReady) return;
      watcher.disconnect();
      resolve(simulator.dataset.ccReady);
    });
    watcher.observe(simulator, { attributes: true, attributeFilter: ["data-cc-ready"] });
  });
}

// The simulator page asks for the simulator to be stored once Python has started, so the next visit
// (online or not) starts from this device, and from the memory snapshot.
const watched = new WeakSet();

function storeSimulatorAfterBoot(registration) {
  const simulator = document.querySelector("[data-cc-simulator]");
  if (!simulator || watched.has(simulator)) return;
  watched.add(simulator);
  simulatorSettled(simulator).then((state) => state === "true" && storeSimulator(registration));
}

async function start() {
  if (!("serviceWorker" in navigator)) return;
  if (!BUILD || BUILD.startsWith("__")) {
    // A page without a build id comes from `mkdocs serve`, which rewrites pages as it serves them:
    // a worker left by an earlier build on this address would show that build's pages, so drop it.
    navigator.serviceWorker.getRegistration(SITE_ROOT.href).then((old) => old?.unregister(), () => {});
    return;
  }
  // On the simulator page, register after Python's boot: on a first visit the worker's downloads would
  // compete with it.
  const simulator = document.querySelector("[data-cc-simulator]");
  if (simulator) await simulatorSettled(simulator);
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
      scope: SITE_ROOT.href, updateViaCache: "none",
    });
  } catch {
    return; // no storage for service workers here: the site works online, as it would without one
  }
  render();
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled) location.reload(); // a new build took over: never mix its files with this page's
    controlled = true;
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type !== "status") return;
    if (registration.waiting) return offerReload(registration.waiting);
    showStatus(event.data, registration);
  });
  registration.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed" && navigator.serviceWorker.controller) offerReload(incoming);
      if (incoming.state === "redundant" && !registration.active) show("failed", TEXT.failed);
    });
  });
  const ready = await navigator.serviceWorker.ready;
  if (registration.waiting) offerReload(registration.waiting);
  else ready.active.postMessage("status");
  storeSimulatorAfterBoot(ready);
  window.document$?.subscribe?.(() => { // Material's instant navigation swapped the page
    render();
    storeSimulatorAfterBoot(ready);
  });
}

start();
