// The Python session: one Pyodide worker (sim-worker.mjs) and the calls waiting on it. If the worker
// crashes, or a call gets no answer in time, the worker is replaced and onRestart() lets the page
// restore its state. On a full page load the worker was already started by the inline script in
// overrides/main.html (window.ccEarlyWorker), which this module adopts with the messages it has sent.

const WORKER_URL = new URL("../sim-worker.mjs", import.meta.url).href;
const BOOT_TIMEOUT_MS = 120000;
const CALL_TIMEOUT_MS = 30000;
const MAX_RESTARTS = 3;
// Requests that change nothing: one of them does not discard a request computed ahead (see lookAhead).
const READ_ONLY = new Set(["patient", "registry", "outcomes", "state", "scenarios", "scenario", "rules", "arms", "instruments", "calibration", "score"]);

// The worker that the page's <head> started on a full load, if there is one.
export function adoptEarlyWorker() {
  const early = window.ccEarlyWorker;
  window.ccEarlyWorker = null;
  return early || null;
}

export class PythonSession {
  constructor(root, onRestart) {
    this.root = root;
    this.onRestart = onRestart;
    this.restarts = 0;
    this.callTimeoutMs = CALL_TIMEOUT_MS;
    this.pending = new Map();
    this.nextId = 1;
    this.ahead = null; // {request, answer}: one request sent before it was asked for (lookAhead)
    this.boot();
  }

  boot() {
    this.ready = false;
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyPromise.catch(() => {});
    const early = adoptEarlyWorker();
    this.worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker.onmessage = (event) => this.onMessage(event);
    this.worker.onerror = (event) => {
      event.preventDefault();
      const detail = event.message ? " (" + event.message + ")" : "";
      if (this.ready) this.restart("The simulator's worker crashed" + detail + ".");
      else this.fail("The simulator's worker script could not start" + detail + ". Check that the site is served over http(s), not opened as a file.");
    };
    this.timer = setTimeout(() => this.fail("Python took too long to load. Reload the page to try again."), BOOT_TIMEOUT_MS);
    if (early) {
      early.messages.forEach(this.worker.onmessage);
      early.errors.forEach(this.worker.onerror);
    }
  }

  onMessage(event) {
    const data = event.data;
    if (data.type === "progress") {
      showProgress(this.root, data.percent, data.label);
    } else if (data.type === "mark") {
      // Where the boot spends its time, for scripts/bench: cc-worker-started, cc-python-started, …
      performance.mark("cc-" + data.stage, { startTime: data.time - performance.timeOrigin });
    } else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.ready = true;
      performance.mark("cc-python-ready"); // read by scripts/bench (time to interactive)
      this.root.setAttribute("data-cc-ready", "true");
      this.resolveReady();
    } else if (data.type === "boot-error") {
      this.fail(data.message);
    } else if (this.pending.has(data.id)) {
      const call = this.pending.get(data.id);
      this.pending.delete(data.id);
      clearTimeout(call.timer);
      call.settle(JSON.parse(data.response));
    }
  }

  settleAll(message) {
    this.ahead = null;
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.settle({ ok: false, error: message });
    }
    this.pending.clear();
  }

  fail(message) {
    clearTimeout(this.timer);
    showBootError(this.root, message);
    this.rejectReady(new Error(message));
    this.settleAll(message);
  }

  restart(reason) {
    this.worker.terminate();
    clearTimeout(this.timer);
    this.restarts += 1;
    if (this.restarts > MAX_RESTARTS) {
      this.fail(reason + " It failed again after " + MAX_RESTARTS + " restarts; reload the page.");
      return;
    }
    this.settleAll(reason + " Restarting it now…");
    this.root.setAttribute("data-cc-ready", "restarting");
    showProgress(this.root, 10, reason + " Restarting Python…");
    this.boot();
    this.readyPromise.then(() => {
      showProgress(this.root, 100, "Python restarted.");
      if (this.onRestart) this.onRestart();
    }, () => {});
  }

  // Send one request to explainer.api; resolves with its {ok, result | error} response. When the very
  // same request was sent ahead (lookAhead), its answer, usually there already, is handed over.
  call(op, args) {
    const request = JSON.stringify({ op, args: args || {} });
    const ahead = this.ahead;
    if (ahead && ahead.request === request) {
      this.ahead = null;
      return ahead.answer;
    }
    if (!READ_ONLY.has(op)) this.ahead = null;
    return this.send(request);
  }

  // Send a request the reader is likely to make next (the page asks for the next week once a week is
  // drawn), so that the click finds its answer waiting. explainer.api is deterministic, and state
  // lives in the token the request names, so the answer is the one the click would get; a request
  // that changes anything else (a decision, undo, reset, settings, import) discards it unread.
  lookAhead(op, args) {
    const request = JSON.stringify({ op, args: args || {} });
    if (this.ahead && this.ahead.request === request) return;
    this.ahead = { request, answer: this.send(request) };
  }

  send(request) {
    return this.readyPromise.then(() => new Promise((settle) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.restart("The simulator did not answer within " + Math.round(this.callTimeoutMs / 1000) + " seconds.");
      }, this.callTimeoutMs);
      this.pending.set(id, { settle, timer });
      this.worker.postMessage({ id, request });
    }), (error) => ({ ok: false, error: error.message }));
  }

  drill(kind) { this.worker.postMessage({ drill: kind }); }

  stop() {
    clearTimeout(this.timer);
    this.worker.terminate();
    this.settleAll("The page was left.");
  }
}

function showProgress(root, percent, label) {
  const bar = root.querySelector("[data-cc-boot-progress]");
  const status = root.querySelector("[data-cc-boot-status]");
  if (bar) bar.value = percent;
  if (status) status.textContent = label;
  if (percent >= 100) {
    if (bar) bar.hidden = true;
    root.querySelector("[data-cc-boot]")?.classList.add("cc-sim__boot--done");
  }
}

export function showBootError(root, message) {
  const box = root.querySelector("[data-cc-boot-error]");
  const bar = root.querySelector("[data-cc-boot-progress]");
  if (bar) bar.hidden = true;
  root.setAttribute("data-cc-ready", "failed");
  if (box) {
    box.hidden = false;
    box.textContent = "The interactive parts could not start: " + message + " The explanations on this page still work without them.";
  }
}
