// Page glue for the simulator: starts the Pyodide worker on pages that have a simulator root,
// shows boot progress and failures, and wires the PHQ-9 scorer. Python computes every result;
// this file only sends the user's input and draws what comes back.
// Material's instant navigation swaps pages without reloading: document$ fires on every page,
// so the worker is stopped when the user leaves and started afresh when a simulator page opens.
(function () {
  "use strict";

  // Resolve the worker URL now: after instant navigation a relative URL would resolve against the new page.
  var WORKER_URL = new URL("sim-worker.mjs", document.currentScript.src).href;
  var BOOT_TIMEOUT_MS = 120000;

  var CALL_TIMEOUT_MS = 30000;
  var MAX_RESTARTS = 3;

  var session = null;
  var app = null;

  // One Pyodide worker and the calls waiting on it. If the worker crashes, or a call gets no answer
  // in time, the worker is replaced and onRestart() lets the page restore its state.
  function PythonSession(root, onRestart) {
    this.root = root;
    this.onRestart = onRestart;
    this.restarts = 0;
    this.callTimeoutMs = CALL_TIMEOUT_MS;
    this.pending = new Map();
    this.nextId = 1;
    this.boot();
  }

  PythonSession.prototype.boot = function () {
    this.ready = false;
    this.readyPromise = new Promise(function (resolve, reject) {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    }.bind(this));
    this.readyPromise.catch(function () {});
    var early = adoptEarlyWorker();
    this.worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
    this.worker.onmessage = this.onMessage.bind(this);
    this.worker.onerror = function (event) {
      event.preventDefault();
      if (this.ready) {
        this.restart("The simulator's worker crashed" + (event.message ? " (" + event.message + ")" : "") + ".");
      } else {
        this.fail("The simulator's worker script could not start" + (event.message ? ": " + event.message : ".") +
          " Check that the site is served over http(s), not opened as a file.");
      }
    }.bind(this);
    this.timer = setTimeout(function () {
      this.fail("Python took too long to load. Reload the page to try again.");
    }.bind(this), BOOT_TIMEOUT_MS);
    if (early) {
      early.messages.forEach(this.worker.onmessage);
      early.errors.forEach(this.worker.onerror);
    }
  };

  // The worker that the page's <head> started on a full load (overrides/main.html), if there is one.
  function adoptEarlyWorker() {
    var early = window.ccEarlyWorker;
    window.ccEarlyWorker = null;
    return early || null;
  }

  PythonSession.prototype.onMessage = function (event) {
    var data = event.data;
    if (data.type === "progress") {
      showProgress(this.root, data.percent, data.label);
      // Where the boot spends its time, for scripts/bench: cc-worker-started, cc-python-started, …
      if (data.stage) performance.mark("cc-" + data.stage, { startTime: data.time - performance.timeOrigin });
    } else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.ready = true;
      performance.mark("cc-python-ready"); // read by scripts/bench (time to interactive)
      this.root.setAttribute("data-cc-ready", "true");
      this.resolveReady();
    } else if (data.type === "boot-error") {
      this.fail(data.message);
    } else if (this.pending.has(data.id)) {
      var call = this.pending.get(data.id);
      this.pending.delete(data.id);
      clearTimeout(call.timer);
      call.settle(JSON.parse(data.response));
    }
  };

  PythonSession.prototype.settleAll = function (message) {
    this.pending.forEach(function (call) {
      clearTimeout(call.timer);
      call.settle({ ok: false, error: message });
    });
    this.pending.clear();
  };

  PythonSession.prototype.fail = function (message) {
    clearTimeout(this.timer);
    showBootError(this.root, message);
    this.rejectReady(new Error(message));
    this.settleAll(message);
  };

  PythonSession.prototype.restart = function (reason) {
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
    this.readyPromise.then(function () {
      showProgress(this.root, 100, "Python restarted.");
      if (this.onRestart) this.onRestart();
    }.bind(this), function () {});
  };

  // Send one request to explainer.api; resolves with its {ok, result | error} response.
  PythonSession.prototype.call = function (op, args) {
    var self = this;
    return this.readyPromise.then(function () {
      return new Promise(function (settle) {
        var id = self.nextId++;
        var timer = setTimeout(function () {
          self.restart("The simulator did not answer within " + Math.round(self.callTimeoutMs / 1000) + " seconds.");
        }, self.callTimeoutMs);
        self.pending.set(id, { settle: settle, timer: timer });
        self.worker.postMessage({ id: id, request: JSON.stringify({ op: op, args: args || {} }) });
      });
    }, function (error) { return { ok: false, error: error.message }; });
  };

  PythonSession.prototype.drill = function (kind) { this.worker.postMessage({ drill: kind }); };

  PythonSession.prototype.stop = function () {
    clearTimeout(this.timer);
    this.worker.terminate();
    this.settleAll("The page was left.");
  };

  function showProgress(root, percent, label) {
    var bar = root.querySelector("[data-cc-boot-progress]");
    var status = root.querySelector("[data-cc-boot-status]");
    if (bar) bar.value = percent;
    if (status) status.textContent = label;
    if (percent >= 100) {
      var boot = root.querySelector("[data-cc-boot]");
      if (bar) bar.hidden = true;
      if (boot) boot.classList.add("cc-sim__boot--done");
    }
  }

  function showBootError(root, message) {
    var box = root.querySelector("[data-cc-boot-error]");
    var bar = root.querySelector("[data-cc-boot-progress]");
    if (bar) bar.hidden = true;
    root.setAttribute("data-cc-ready", "failed");
    if (box) {
      box.hidden = false;
      box.textContent = "The interactive parts could not start: " + message +
        " The explanations on this page still work without them.";
    }
  }

  function enableControls(root) {
    root.querySelectorAll("[data-cc-needs-python]").forEach(function (control) { control.disabled = false; });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // ---- PHQ-9 scorer -------------------------------------------------------------------------
  function wireScorer(root, python) {
    var scorer = root.querySelector("[data-cc-phq9-scorer]");
    if (!scorer) return;
    var form = scorer.querySelector("form");
    var output = scorer.querySelector("[data-cc-phq9-result]");
    form.addEventListener("reset", function () { output.replaceChildren(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = [];
      for (var i = 0; i < 9; i++) {
        var checked = form.querySelector('input[name="phq9-item-' + i + '"]:checked');
        answers.push(checked ? Number(checked.value) : null);
      }
      var args = { instrument: "PHQ-9", answers: answers };
      var baselineText = form.elements.baseline.value.trim();
      if (baselineText !== "") {
        args.baseline = /^\d+$/.test(baselineText) ? Number(baselineText) : baselineText;
      }
      python.call("score", args).then(function (response) { showScore(output, response); });
    });
  }

  function showScore(output, response) {
    output.replaceChildren();
    if (!response.ok) {
      output.append(el("p", response.error, "cc-message cc-message--error"));
      return;
    }
    var r = response.result;
    output.append(el("p", "Total: " + r.total + " of " + r.max_total + " — band: " + r.band + ".", "cc-scorer__total"));
    var notes = el("ul");
    if (r.safety_flag) {
      notes.append(el("li", "Safety flag: item 9 is above zero. In a real clinic this calls for a structured " +
        "risk conversation the same day; the score alone cannot judge risk."));
    }
    if (r.baseline !== undefined) {
      var percent = Math.round(r.change * 100);
      notes.append(el("li", "Change from the earlier total of " + r.baseline + ": " +
        (percent >= 0 ? percent + "% lower" : Math.abs(percent) + "% higher") + "."));
      notes.append(el("li", r.response ? "This counts as a response (a drop of at least half)." :
        "This is not yet a response (a drop of at least half)."));
    }
    notes.append(el("li", r.remission ? "This total is in the remission range." : "This total is not in the remission range."));
    output.append(notes);
  }

  // The simulator page's head holds back Material's search worker so that it does not compete with
  // Python's boot (overrides/main.html); it starts when the reader needs search, when the simulator
  // has failed, or when the reader leaves the page by instant navigation.
  function releaseSearch() {
    if (window.ccReleaseSearch) window.ccReleaseSearch();
  }

  function start(root) {
    if (typeof WebAssembly !== "object") {
      showBootError(root, "this browser cannot run WebAssembly, which the simulator needs.");
      return null;
    }
    var appRoot = root.querySelector("[data-cc-app]");
    var python = new PythonSession(root, function () { if (app) app.restore(); });
    wireScorer(root, python);
    if (appRoot && window.CCSimApp) app = window.CCSimApp.start(appRoot, python);
    python.readyPromise.then(function () {
      enableControls(root);
      return app ? app.open() : null;
    }).catch(releaseSearch);
    window.CCSim = { python: python, app: app }; // for the browser tests' fault drills and scripts/bench
    return python;
  }

  function onPage() {
    if (app) {
      app.stop();
      app = null;
    }
    if (session) {
      session.stop();
      session = null;
    }
    var root = document.querySelector("[data-cc-simulator]");
    if (root) {
      session = start(root);
    } else {
      releaseSearch();
      if (window.ccEarlyWorker) adoptEarlyWorker().worker.terminate();
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
