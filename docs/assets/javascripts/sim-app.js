// The simulator app: registry, caseload review, patient detail, outcomes and guided walkthrough.
// Python (explainer.api, in the worker) computes every state; this file sends the learner's actions
// and draws what comes back. The whole state lives in the page's URL, so a link reopens it.
// simulator.js starts it with CCSimApp.start(root, python) once the page has a [data-cc-app].
(function () {
  "use strict";

  var TABS = ["registry", "review", "patient", "outcomes", "walkthrough"];
  var SWITCHES = ["registry", "measurement", "review", "step_up"];
  var URL_SWITCHES = { registry: "registry", measurement: "measurement", review: "review", stepup: "step_up" };
  var NUMBER_PARAMS = { caseload: "patients", fte: "care_manager_fte", hours: "consultant_hours_per_week" };
  var PLAY_INTERVAL_MS = 900;
  var URL_DELAY_MS = 150;

  // ---- small DOM helpers ------------------------------------------------------------------------
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.append(child);
    });
    return node;
  }
  function pct(share) { return share === null || share === undefined ? "—" : Math.floor(share * 100 + 0.5) + "%"; }

  // Same wording as score_text() in scripts/hooks/simulator_page.py (the build-time registry).
  function scoreText(first, latest, change) {
    if (first === null || first === undefined) return "—";
    if (change === null || change === undefined) return first + " → " + latest;
    var percent = Math.floor(change * 100 + 0.5);
    if (percent > 0) return first + " → " + latest + " (" + percent + "% lower)";
    if (percent < 0) return first + " → " + latest + " (" + (-percent) + "% higher)";
    return first + " → " + latest + " (no change)";
  }

  function download(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // ---- URL state ----------------------------------------------------------------------------------
  // ?scenario=ID&seed=N&week=N&view=TAB&patient=ID&present=1&caseload=N&fte=X&hours=X
  //  &registry=0|1&measurement=0|1&review=0|1&stepup=0|1, or &state=TOKEN for runs with review decisions.
  function readUrl(config) {
    var query = new URLSearchParams(location.search);
    var wanted = { scenario: query.get("scenario") || config.defaultScenario, overrides: {}, week: 0,
      view: query.get("view") || "registry", patient: query.get("patient"), present: query.get("present") === "1",
      token: query.get("state"), problems: [] };
    if (TABS.indexOf(wanted.view) < 0) {
      wanted.problems.push("unknown view '" + wanted.view + "'");
      wanted.view = "registry";
    }
    if (query.has("week")) {
      if (/^\d+$/.test(query.get("week"))) wanted.week = Number(query.get("week"));
      else wanted.problems.push("the week must be a whole number");
    }
    if (query.has("seed")) wanted.overrides.seed = numberOrText(query.get("seed"));
    Object.keys(NUMBER_PARAMS).forEach(function (param) {
      if (query.has(param)) wanted.overrides[NUMBER_PARAMS[param]] = numberOrText(query.get(param));
    });
    Object.keys(URL_SWITCHES).forEach(function (param) {
      if (!query.has(param)) return;
      wanted.overrides.fidelity = wanted.overrides.fidelity || {};
      var value = query.get(param);
      if (value === "0" || value === "1") wanted.overrides.fidelity[URL_SWITCHES[param]] = value === "1";
      else wanted.problems.push("'" + param + "' must be 0 or 1");
    });
    return wanted;
  }
  function numberOrText(text) { return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text; }

  function Simulator(root, python) {
    this.root = root;
    this.python = python;
    this.config = JSON.parse(root.getAttribute("data-cc-config"));
    this.view = null;          // the API's answer for the current state
    this.overrides = {};
    this.scenarioId = this.config.defaultScenario;
    this.importedScenario = null;
    this.tab = "registry";
    this.patientId = null;
    this.sort = { key: "id", direction: 1 };
    this.filter = "";
    this.allRows = false; // the registry shows config.registryFirstRows rows until the reader asks for all
    this.playing = null;
    this.busy = false;
    this.walk = null;
    this.path = location.pathname;
    this.find = function (selector) { return root.querySelector(selector); };
  }

  Simulator.prototype.call = function (op, args) {
    return this.python.call(op, args).then(function (response) {
      if (!response.ok) throw new Error(response.error);
      return response.result;
    });
  };

  // ---- starting, and restoring from a link ---------------------------------------------------
  Simulator.prototype.open = function () {
    var self = this;
    var wanted = readUrl(this.config);
    this.setPresenter(wanted.present);
    var opening;
    if (wanted.problems.length) {
      opening = Promise.reject(new Error("This link has a problem: " + wanted.problems.join("; ") + "."));
    } else if (wanted.token) {
      opening = this.call("restore", { token: wanted.token });
    } else {
      opening = this.call("create", { scenario: wanted.scenario, overrides: wanted.overrides }).then(function (view) {
        if (wanted.week > view.weeks) throw new Error("This scenario runs for " + view.weeks + " weeks; the link asks for week " + wanted.week + ".");
        return wanted.week > 0 ? self.call("step", { token: view.token, weeks: wanted.week }) : view;
      });
    }
    return opening.then(function (view) {
      self.scenarioId = view.scenario.id;
      self.overrides = wanted.token ? {} : wanted.overrides;
      self.show(view, { announce: false });
      self.selectTab(wanted.view, false);
      if (wanted.view === "patient" && wanted.patient) self.openPatient(wanted.patient);
    }, function (error) {
      self.message("This link could not be opened: " + error.message + " Showing the default scenario instead.");
      return self.call("create", { scenario: self.config.defaultScenario }).then(function (view) {
        self.scenarioId = view.scenario.id;
        self.overrides = {};
        self.show(view, { announce: false });
      });
    }).then(function () {
      self.root.setAttribute("data-cc-app-ready", "true");
      performance.mark("cc-interactive"); // read by scripts/bench (time to interactive)
    });
  };

  // After a worker restart: rebuild the exact state from the current token.
  Simulator.prototype.restore = function () {
    var self = this;
    if (!this.view) return this.open();
    return this.call("restore", { token: this.view.token }).then(function (view) {
      self.show(view, { announce: false });
      self.message("The simulator stopped responding and was restarted; your place has been restored.", "info");
    });
  };

  Simulator.prototype.message = function (text, kind) {
    var box = this.find("[data-cc-app-message]");
    box.hidden = !text;
    box.className = "cc-app__message" + (kind === "info" ? " cc-app__message--info" : "");
    box.textContent = text || "";
  };

  // ---- running an action --------------------------------------------------------------------
  Simulator.prototype.act = function (op, args, options) {
    var self = this;
    if (this.busy) return Promise.resolve();
    this.busy = true;
    this.root.setAttribute("aria-busy", "true");
    return this.call(op, args).then(function (view) {
      self.message("");
      self.show(view, options || {});
      return view;
    }, function (error) {
      self.stopPlaying();
      self.message(error.message);
      throw error;
    }).finally(function () {
      self.busy = false;
      self.root.removeAttribute("aria-busy");
    });
  };

  Simulator.prototype.next = function () {
    if (this.view.done) { this.message("The run has reached its last week. Reset or go back a week."); return Promise.resolve(); }
    return this.act("step", { token: this.view.token, weeks: 1 }).catch(function () {});
  };
  Simulator.prototype.back = function () {
    if (this.view.week === 0) { this.message("This run is already at its first week."); return Promise.resolve(); }
    return this.act("undo", { token: this.view.token }).catch(function () {});
  };
  Simulator.prototype.reset = function () {
    this.stopPlaying();
    return this.act("reset", { token: this.view.token }).catch(function () {});
  };

  Simulator.prototype.togglePlay = function () {
    if (this.playing) { this.stopPlaying(); return; }
    var self = this;
    var button = this.find('[data-cc-action="play"]');
    button.textContent = "Pause";
    button.setAttribute("aria-pressed", "true");
    // One week per tick: each tick is a separate request, so Pause takes effect at once.
    var tick = function () {
      if (!self.playing) return;
      if (self.view.done) { self.stopPlaying(); return; }
      self.next().then(function () { if (self.playing) self.playing = setTimeout(tick, PLAY_INTERVAL_MS); });
    };
    this.playing = setTimeout(tick, 0);
  };
  Simulator.prototype.stopPlaying = function () {
    if (!this.playing) return;
    clearTimeout(this.playing);
    this.playing = null;
    var button = this.find('[data-cc-action="play"]');
    button.textContent = "Play";
    button.setAttribute("aria-pressed", "false");
  };

  Simulator.prototype.changeScenario = function (id) {
    this.stopPlaying();
    var self = this;
    this.importedScenario = null;
    return this.act("create", { scenario: id }).then(function (view) {
      self.scenarioId = id;
      self.overrides = {};
      self.fillSettings(view);
    }).catch(function () {});
  };

  // ---- drawing a state -------------------------------------------------------------------------
  Simulator.prototype.show = function (view, options) {
    this.view = view;
    this.find("[data-cc-week-label]").textContent = "Week " + view.week + " of " + view.weeks;
    this.find("[data-cc-summary]").textContent = view.summary;
    this.find("[data-cc-scenario]").value = this.importedScenario ? "" : view.scenario.id;
    this.drawStats(view.registry.statistics);
    this.drawRegistry();
    if (this.tab === "review") this.drawReview();
    if (this.tab === "patient" && this.patientId) this.openPatient(this.patientId);
    if (this.tab === "outcomes") this.drawOutcomes();
    this.writeUrl();
    if (options.announce !== false) {
      this.find("[data-cc-announce]").textContent = (view.narration || []).concat([view.summary]).join(" ");
    }
  };

  Simulator.prototype.drawStats = function (stats) {
    var list = this.find("[data-cc-stats]");
    var items = [["Active", stats.active], ["Contacted in " + stats.contact_period_weeks + " weeks", pct(stats.contacted_share)],
      ["Reviewed", pct(stats.reviewed_share)], ["Response", pct(stats.response_share)],
      ["Remission", pct(stats.remission_share)],
      ["Median weeks in care", stats.median_weeks_in_treatment === null ? "—" : stats.median_weeks_in_treatment]];
    list.replaceChildren.apply(list, items.map(function (item) {
      return el("div", {}, [el("dt", { text: item[0] }), el("dd", { text: String(item[1]) })]);
    }));
  };

  var SORT_VALUES = {
    id: function (r) { return r.id; },
    age: function (r) { return r.age; },
    condition: function (r) { return r.condition; },
    status: function (r) { return r.status; },
    weeks: function (r) { return r.weeks_in_treatment; },
    phq9: function (r) { return r.phq9_change === null ? -Infinity : r.phq9_change; },
    gad7: function (r) { return r.gad7_change === null ? -Infinity : r.gad7_change; },
    contacts: function (r) { return r.contacts; },
    review: function (r) { return r.last_review_week === null ? -1 : r.last_review_week; },
    step: function (r) { return r.treatment_step; },
    flags: function (r) { return r.flags.length; },
  };

  Simulator.prototype.drawRegistry = function () {
    var self = this;
    var body = this.find("[data-cc-registry-body]");
    // The build drew the default state's rows in id order: when Python opens that very state, keep
    // them rather than draw 100 rows again while the page is still starting.
    var drawnToken = body.getAttribute("data-cc-drawn-token");
    body.removeAttribute("data-cc-drawn-token");
    if (drawnToken === this.view.token && !this.filter && !this.allRows && this.sort.key === "id" && this.sort.direction === 1) {
      Array.prototype.forEach.call(body.rows, function (tr) { rememberMarkup(tr.cells); });
      return;
    }
    var rows = this.view.registry.rows.filter(function (row) {
      return !self.filter || row.flags.some(function (flag) { return flag.flag === self.filter; });
    });
    var value = SORT_VALUES[this.sort.key];
    var direction = this.sort.direction;
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      if (x < y) return -direction;
      if (x > y) return direction;
      return a.id < b.id ? -1 : 1;
    });
    var listed = rows.length;
    if (!this.allRows) rows = rows.slice(0, this.config.registryFirstRows);
    this.find("[data-cc-caption-week]").textContent = this.view.week;
    this.find("[data-cc-caption-count]").textContent = listed;
    this.find("[data-cc-caption-shown]").textContent = rows.length < listed ? ", the first " + rows.length + " shown" : "";
    this.drawRowsNote(listed);
    this.root.querySelectorAll("[data-cc-registry-table] th[aria-sort]").forEach(function (th) {
      var key = th.querySelector("[data-cc-sort]").getAttribute("data-cc-sort");
      th.setAttribute("aria-sort", key === self.sort.key ? (direction > 0 ? "ascending" : "descending") : "none");
    });
    var drawn = rows.map(function (row) { return self.registryRow(row); });
    var shown = Array.prototype.slice.call(body.rows);
    var samePatients = shown.length === drawn.length && drawn.every(function (tr, index) {
      return tr.getAttribute("data-cc-patient-row") === shown[index].getAttribute("data-cc-patient-row");
    });
    if (!samePatients) {
      body.replaceChildren.apply(body, drawn);
      return;
    }
    // Same patients in the same order (a week's step): swap only the cells whose content changed, so
    // the browser lays out a few hundred cells instead of the whole table, and keyboard focus and an
    // open "why" stay where they are. A cell is compared by the markup it was drawn with, not its live
    // markup, which gains classes and attributes as it is used (focus-visible, open).
    drawn.forEach(function (tr, index) {
      var oldCells = Array.prototype.slice.call(shown[index].cells);
      Array.prototype.slice.call(tr.cells).forEach(function (cell, column) {
        var old = oldCells[column];
        if (old.ccMarkup !== cell.ccMarkup) old.replaceWith(cell);
      });
    });
  };

  // The note under the registry: how many rows are shown, and the button that shows all or fewer.
  Simulator.prototype.drawRowsNote = function (listed) {
    var first = this.config.registryFirstRows;
    var note = this.find("[data-cc-registry-more]");
    note.hidden = listed <= first;
    this.find("[data-cc-registry-more-text]").textContent = this.allRows
      ? "All " + listed + " patients are shown." : "The first " + first + " of " + listed + " patients are shown.";
    this.find('[data-cc-action="all-rows"]').textContent = this.allRows
      ? "Show the first " + first + " only" : "Show all " + listed + " patients";
  };

  // Same markup as scripts/hooks/templates/registry_table.html.
  Simulator.prototype.registryRow = function (row) {
    var icons = this.config.flagIcons;
    var bibliography = this.config.bibliographyUrl;
    var cells = [
      el("th", { scope: "row" }, [
        el("button", { type: "button", className: "cc-link-button", "data-cc-open-patient": row.id, text: row.name }),
        " ", el("span", { className: "cc-id", text: row.id })]),
      el("td", { text: row.age + ", " + row.sex }),
      el("td", { text: row.condition + (row.chronic_illness ? "; " + row.chronic_illness : "") }),
      el("td", { text: row.status }),
      el("td", { text: String(row.weeks_in_treatment) }),
      el("td", { text: scoreText(row.phq9_initial, row.phq9_latest, row.phq9_change) }),
      el("td", { text: scoreText(row.gad7_initial, row.gad7_latest, row.gad7_change) }),
      el("td", { text: row.contacts + (row.last_contact_week === null ? "" : " (last: week " + row.last_contact_week + ")") }),
      el("td", { text: row.last_review_week === null ? "—" : "week " + row.last_review_week }),
      el("td", { text: row.treatment_step + ": " + row.treatment }),
      el("td", {}, row.flags.map(function (flag) {
        return el("details", { className: "cc-flag cc-flag--" + flag.flag }, [
          el("summary", {}, [el("span", { className: "cc-flag__icon", "aria-hidden": "true", text: icons[flag.flag] || "•" }),
            " " + flag.label]),
          el("p", {}, [flag.reason + " Rule from ", el("a", { href: bibliography + "#src-" + flag.source, text: flag.source }), "."]),
        ]);
      })),
    ];
    rememberMarkup(cells);
    return el("tr", { "data-cc-patient-row": row.id }, cells);
  };

  // Note on each registry cell the markup it was drawn with; drawRegistry compares by it.
  function rememberMarkup(cells) {
    Array.prototype.forEach.call(cells, function (cell) { cell.ccMarkup = cell.innerHTML; });
  }

  // ---- caseload review ----------------------------------------------------------------------
  Simulator.prototype.drawReview = function () {
    var self = this;
    var box = this.find("[data-cc-review]");
    var view = this.view;
    var agenda = view.agenda;
    var rows = {};
    view.registry.rows.forEach(function (row) { rows[row.id] = row; });
    var parts = [];
    if (view.review) parts.push(el("p", { className: "cc-review__last", text: view.review }));
    if (!view.settings.fidelity.review) {
      parts.push(el("p", { text: "This clinic holds no weekly caseload review, so nobody looks at the registry with the consultant. Switch the review on in the clinic settings to take the consultant's chair." }));
      box.replaceChildren.apply(box, parts);
      return;
    }
    if (view.done) {
      parts.push(el("p", { text: "The run has ended; there are no more reviews." }));
      box.replaceChildren.apply(box, parts);
      return;
    }
    if (!agenda || !agenda.items.length) {
      parts.push(el("p", { text: "Nobody is on next week's agenda. Step on a week to see who comes up." }));
      box.replaceChildren.apply(box, parts);
      return;
    }
    parts.push(el("p", { "data-cc-review-time": "", text: "Consultant time this week: " + agenda.slots + " patient" +
      (agenda.slots === 1 ? "" : "s") + " (" + view.settings.staffing.consultant_hours_per_week + " hours at " +
      view.settings.staffing.cases_per_consultant_hour + " patients an hour). The registry suggests " + agenda.items.length + "." }));
    var recommendations = this.config.recommendations;
    var table = el("table", { className: "cc-agenda" }, [
      el("caption", { text: "Agenda for the week " + agenda.week + " review, in the registry's order" }),
      el("thead", {}, [el("tr", {}, ["Discuss", "Patient", "Why on the agenda", "Latest scores", "Recommend"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]),
      el("tbody", {}, agenda.items.map(function (item) {
        var row = rows[item.id] || { name: item.id, phq9_initial: null, flags: [] };
        var safety = item.tier === "safety";
        var checkboxId = "cc-discuss-" + item.id;
        var select = el("select", { "data-cc-recommend": item.id, "aria-label": "Recommendation for " + row.name },
          [el("option", { value: "", text: "consultant's own advice" })].concat(Object.keys(recommendations).map(function (key) {
            return el("option", { value: key, text: recommendations[key] });
          })));
        return el("tr", {}, [
          el("td", {}, [el("input", { type: "checkbox", id: checkboxId, "data-cc-discuss": item.id, checked: true,
            disabled: safety, "aria-describedby": safety ? "cc-safety-note" : null })]),
          el("th", { scope: "row" }, [el("label", { for: checkboxId, text: row.name + " (" + item.id + ")" })]),
          el("td", { text: tierText(item.tier) }),
          el("td", { text: scoreText(row.phq9_initial, row.phq9_latest, row.phq9_change) }),
          el("td", {}, [select]),
        ]);
      })),
    ]);
    parts.push(el("div", { className: "cc-table-wrap" }, [table]));
    parts.push(el("p", { id: "cc-safety-note", className: "cc-hint", text: "Patients with a safety flag are always discussed first; you cannot take them off the agenda." }));
    if (agenda.escalated.length) {
      parts.push(el("p", { text: "Also raised with the consultant the same day (safety, beyond the review's time): " + agenda.escalated.join(", ") + "." }));
    }
    parts.push(el("p", { "data-cc-review-left": "", "aria-live": "polite" }));
    parts.push(el("p", { className: "cc-field-error", "data-cc-review-error": "" }));
    parts.push(el("p", {}, [el("button", { type: "button", className: "md-button md-button--primary", "data-cc-hold-review": "",
      text: "Hold the review and run the week" })]));
    box.replaceChildren.apply(box, parts);
    this.countReviewTime();
  };

  // "Consultant time left": how many of the week's slots the learner's choices use.
  Simulator.prototype.countReviewTime = function () {
    var line = this.find("[data-cc-review-left]");
    if (!line) return;
    var slots = this.view.agenda.slots;
    var chosen = this.root.querySelectorAll("[data-cc-discuss]:checked").length;
    var left = slots - chosen;
    line.textContent = left >= 0 ? "Chosen: " + chosen + " of " + slots + ". Consultant time left for " + left + " more patient" + (left === 1 ? "" : "s") + "." :
      "Chosen: " + chosen + " of " + slots + ". That is " + (-left) + " more than the consultant has time for; untick some.";
  };

  function tierText(tier) {
    return { safety: "Safety flag", "new": "New patient", not_improving: "Not improving", other: "Routine check" }[tier] || tier;
  }

  Simulator.prototype.holdReview = function () {
    var self = this;
    var discuss = [];
    var recommend = {};
    this.root.querySelectorAll("[data-cc-discuss]").forEach(function (box) {
      if (box.checked) discuss.push(box.getAttribute("data-cc-discuss"));
    });
    this.root.querySelectorAll("[data-cc-recommend]").forEach(function (select) {
      var id = select.getAttribute("data-cc-recommend");
      if (select.value && discuss.indexOf(id) >= 0) recommend[id] = select.value;
    });
    return this.act("decide", { token: this.view.token, discuss: discuss, recommend: recommend }).then(function () {
      // The redraw removed the button that had focus: put it back at the top of the review.
      self.find("#cc-review-heading").focus();
    }, function (error) {
      self.find("[data-cc-review-error]").textContent = error.message;
    });
  };

  // ---- patient detail -----------------------------------------------------------------------
  Simulator.prototype.openPatient = function (id) {
    var self = this;
    this.patientId = id;
    if (this.tab !== "patient") this.selectTab("patient", false);
    this.writeUrl();
    return this.call("patient", { token: this.view.token, id: id }).then(function (detail) {
      self.drawPatient(detail);
    }, function (error) {
      self.find("[data-cc-patient]").replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
    });
  };

  Simulator.prototype.drawPatient = function (detail) {
    var box = this.find("[data-cc-patient]");
    var m = detail.measurements;
    var first = m.length ? m[0].phq9 : null;
    var lines = [];
    if (first !== null) {
      lines.push({ value: first / 2, label: "response: half the first PHQ-9 (" + (first / 2) + ")", className: "cc-line--response" });
    }
    lines.push({ value: 4.5, label: "remission: PHQ-9 below 5", className: "cc-line--remission" });
    var chart = lineChart({
      id: "cc-patient-chart",
      title: "PHQ-9 and GAD-7 of " + detail.patient.name + " by week",
      description: m.length ? "PHQ-9 went from " + m[0].phq9 + " at week " + m[0].week + " to " + m[m.length - 1].phq9 +
        " at week " + m[m.length - 1].week + "; GAD-7 from " + m[0].gad7 + " to " + m[m.length - 1].gad7 +
        ". The table below the chart lists every score." : "No scores yet.",
      xMax: Math.max(this.view.week, 4), yMax: 27, xLabel: "week",
      series: [
        { label: "PHQ-9", className: "cc-series--phq9", points: m.map(function (r) { return [r.week, r.phq9]; }) },
        { label: "GAD-7", className: "cc-series--gad7", points: m.map(function (r) { return [r.week, r.gad7]; }) },
      ],
      lines: lines,
    });
    var table = el("table", {}, [
      el("caption", { text: "Every questionnaire for " + detail.patient.name + " (item answers 0–3, in item order)" }),
      el("thead", {}, [el("tr", {}, ["Week", "Taken by", "PHQ-9", "PHQ-9 items", "GAD-7", "GAD-7 items"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]),
      el("tbody", {}, m.map(function (r) {
        return el("tr", {}, [el("th", { scope: "row", text: String(r.week) }), el("td", { text: r.by }),
          el("td", { text: r.phq9 + " (" + r.phq9_band + ")" + (r.item9 > 0 ? ", item 9: " + r.item9 : "") }),
          el("td", { text: r.phq9_items.join(" ") }),
          el("td", { text: r.gad7 + " (" + r.gad7_band + ")" }), el("td", { text: r.gad7_items.join(" ") })]);
      })),
    ]);
    var timeline = el("ol", { className: "cc-timeline" }, detail.timeline.map(function (entry) {
      return el("li", {}, [el("strong", { text: "Week " + entry.week + ": " }), entry.text]);
    }));
    box.replaceChildren(
      el("h2", { id: "cc-patient-heading", tabindex: "-1", text: detail.patient.name + " (" + detail.patient.id + ")" }),
      el("p", { text: detail.summary }),
      el("figure", { className: "cc-figure" }, [chart, el("figcaption", { text: "PHQ-9 (solid) and GAD-7 (dashed) over time, with the response and remission lines. Synthetic data." })]),
      el("div", { className: "cc-table-wrap" }, [table]),
      el("h3", { text: "Contacts, reviews and treatment steps" }),
      timeline);
  };

  // A line chart as SVG with a title and description (role img); the data is also given as a table.
  function lineChart(spec) {
    var NS = "http://www.w3.org/2000/svg";
    var width = 640, height = 280, left = 44, right = 150, top = 14, bottom = 36;
    var plotW = width - left - right, plotH = height - top - bottom;
    function x(v) { return left + plotW * v / spec.xMax; }
    function y(v) { return top + plotH - plotH * v / spec.yMax; }
    function svg(tag, attributes, text) {
      var node = document.createElementNS(NS, tag);
      Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", class: "cc-chart",
      "aria-labelledby": spec.id + "-title " + spec.id + "-desc" });
    root.append(svg("title", { id: spec.id + "-title" }, spec.title), svg("desc", { id: spec.id + "-desc" }, spec.description));
    var axes = svg("g", { class: "cc-chart__axes", "aria-hidden": "true" });
    axes.append(svg("line", { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }),
      svg("line", { x1: left, y1: top, x2: left, y2: top + plotH }));
    var xStep = spec.xMax > 26 ? 8 : spec.xMax > 12 ? 4 : 2;
    for (var t = 0; t <= spec.xMax; t += xStep) {
      axes.append(svg("text", { x: x(t), y: top + plotH + 16, "text-anchor": "middle" }, String(t)));
    }
    var yStep = spec.yMax > 30 ? 25 : 5;
    for (var v = 0; v <= spec.yMax; v += yStep) {
      axes.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, String(v) + (spec.yUnit || "")));
    }
    axes.append(svg("text", { x: left + plotW / 2, y: height - 4, "text-anchor": "middle" }, spec.xLabel));
    root.append(axes);
    (spec.lines || []).forEach(function (line) {
      var g = svg("g", { class: "cc-chart__ref " + line.className, "aria-hidden": "true" });
      g.append(svg("line", { x1: left, x2: left + plotW, y1: y(line.value), y2: y(line.value) }),
        svg("text", { x: left + plotW + 6, y: y(line.value) + 4 }, line.label));
      root.append(g);
    });
    spec.series.forEach(function (series, index) {
      if (!series.points.length) return;
      var g = svg("g", { class: "cc-chart__series " + series.className, "aria-hidden": "true" });
      g.append(svg("polyline", { points: series.points.map(function (p) { return x(p[0]) + "," + y(p[1]); }).join(" ") }));
      series.points.forEach(function (p) { g.append(svg("circle", { cx: x(p[0]), cy: y(p[1]), r: 3 })); });
      var last = series.points[series.points.length - 1];
      g.append(svg("text", { x: x(last[0]) + 6, y: y(last[1]) + 4 + index * 12 }, series.label));
      root.append(g);
    });
    return root;
  }

  // ---- outcomes -----------------------------------------------------------------------------
  Simulator.prototype.drawOutcomes = function () {
    var self = this;
    var box = this.find("[data-cc-outcomes]");
    var token = this.view.token;
    if (this.outcomesFor === token) return Promise.resolve();
    this.outcomesFor = token;
    box.replaceChildren(el("p", { role: "status", text: "Running every arm on the same synthetic panel…" }));
    return this.call("outcomes", { token: token }).then(function (result) {
      if (self.outcomesFor !== token) return;
      var staffing = self.view.settings.staffing;
      var perHour = self.view.settings.panel.patients / staffing.consultant_hours_per_week;
      var chart = lineChart({
        id: "cc-outcomes-chart", title: "Share of patients responding (PHQ-9 at least 50% lower) by week, per arm",
        description: result.arms.map(function (arm) {
          return arm.arm + ": " + pct(arm.final.response_rate) + " responding at week " + arm.final.week;
        }).join("; ") + ". The table below gives every figure.",
        xMax: result.weeks, yMax: 100, yUnit: "%", xLabel: "week",
        series: result.arms.map(function (arm, index) {
          return { label: arm.arm, className: "cc-series--arm" + index, points: arm.series.map(function (p) {
            return [p.week, Math.round(100 * (p.response_rate || 0))]; }) };
        }),
      });
      var table = el("table", {}, [
        el("caption", { text: "Outcomes at week " + result.weeks + " by arm (synthetic panel of " + self.view.settings.panel.patients + ", seed " + result.seed + ")" }),
        el("thead", {}, [el("tr", {}, ["Arm", "Response", "Remission", "Lost to follow-up", "Contacts per patient", "Reviews per patient"].map(function (h) {
          return el("th", { scope: "col", text: h }); }))]),
        el("tbody", {}, result.arms.map(function (arm) {
          var f = arm.final;
          return el("tr", {}, [el("th", { scope: "row", text: arm.arm }), el("td", { text: pct(f.response_rate) }),
            el("td", { text: pct(f.remission_rate) }), el("td", { text: f.lost_to_follow_up + " (" + pct(f.lost_to_follow_up_rate) + ")" }),
            el("td", { text: String(f.contacts_per_patient) }), el("td", { text: String(f.reviews_per_patient) })]);
        })),
      ]);
      var weekly = el("details", {}, [el("summary", { text: "Response and remission by week, every arm (table)" }),
        el("div", { className: "cc-table-wrap" }, [el("table", {}, [
          el("caption", { text: "Share responding and in remission by week (response / remission)" }),
          el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Week" })].concat(result.arms.map(function (arm) {
            return el("th", { scope: "col", text: arm.arm }); })))]),
          el("tbody", {}, result.arms[0].series.map(function (point, i) {
            return el("tr", {}, [el("th", { scope: "row", text: String(point.week) })].concat(result.arms.map(function (arm) {
              return el("td", { text: pct(arm.series[i].response_rate) + " / " + pct(arm.series[i].remission_rate) }); })));
          })),
        ])])]);
      box.replaceChildren(
        el("figure", { className: "cc-figure" }, [chart, el("figcaption", { text: "Each arm is a different way of organising care for the same invented patients. Illustration only." })]),
        el("div", { className: "cc-table-wrap" }, [table]),
        el("p", { text: "Patients per consultant hour in this clinic: " + (Math.round(perHour * 10) / 10) + " (" +
          self.view.settings.panel.patients + " patients, " + staffing.consultant_hours_per_week + " consultant hours a week)." }),
        weekly);
    }, function (error) {
      self.outcomesFor = null;
      box.replaceChildren(el("p", { className: "cc-field-error", text: error.message }));
    });
  };

  // ---- guided walkthrough -------------------------------------------------------------------
  Simulator.prototype.startWalkthrough = function () {
    var self = this;
    var steps = Array.prototype.map.call(this.root.querySelectorAll("[data-cc-walk-step]"), function (item) {
      return { week: Number(item.getAttribute("data-cc-walk-week")), html: item };
    });
    this.stopPlaying();
    return this.act("create", { scenario: this.config.walkthroughScenario }).then(function (view) {
      self.scenarioId = view.scenario.id;
      self.overrides = {};
      self.walk = { steps: steps, index: 0, predicted: false };
      self.find("[data-cc-walk]").hidden = true;
      self.find("[data-cc-walk-live]").hidden = false;
      self.showWalkStep();
    }).catch(function () {});
  };

  Simulator.prototype.showWalkStep = function () {
    var walk = this.walk;
    var step = walk.steps[walk.index];
    var body = this.find("[data-cc-walk-body]");
    var nextButton = this.find("[data-cc-walk-next]");
    this.find("[data-cc-walk-progress]").textContent = "Step " + (walk.index + 1) + " of " + walk.steps.length + " (week " + step.week + ")";
    var predict = step.html.querySelector(".cc-walk__predict");
    if (!walk.predicted && predict && step.week > this.view.week) {
      body.replaceChildren(predict.cloneNode(true), el("p", {}, [el("label", { for: "cc-walk-guess", text: "Your prediction (stays in this page)" })]),
        el("textarea", { id: "cc-walk-guess", rows: "2", className: "cc-walk__guess" }));
      nextButton.textContent = "Run to week " + step.week;
      return;
    }
    var notes = Array.prototype.map.call(step.html.querySelectorAll(".cc-walk__note, .cc-walk__reflect"), function (n) { return n.cloneNode(true); });
    body.replaceChildren.apply(body, notes);
    nextButton.textContent = walk.index + 1 < walk.steps.length ? "Go on to the next step" : "Finish the walkthrough";
  };

  Simulator.prototype.advanceWalkthrough = function () {
    var self = this;
    var walk = this.walk;
    var step = walk.steps[walk.index];
    var body = this.find("[data-cc-walk-body]");
    if (step.week > this.view.week) {
      return this.act("step", { token: this.view.token, weeks: step.week - this.view.week }).then(function () {
        walk.predicted = true;
        self.showWalkStep();
        body.focus();
      }).catch(function () {});
    }
    if (walk.index + 1 >= walk.steps.length) { this.stopWalkthrough(); return Promise.resolve(); }
    walk.index += 1;
    walk.predicted = false;
    this.showWalkStep();
    return Promise.resolve();
  };

  Simulator.prototype.stopWalkthrough = function () {
    this.walk = null;
    this.find("[data-cc-walk]").hidden = false;
    this.find("[data-cc-walk-live]").hidden = true;
  };

  // ---- tabs, presenter mode, settings, sharing --------------------------------------------------
  Simulator.prototype.selectTab = function (name, focus) {
    var self = this;
    this.tab = name;
    TABS.forEach(function (tab) {
      var button = self.find('[data-cc-tab="' + tab + '"]');
      var selected = tab === name;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      self.find("#cc-panel-" + tab).hidden = !selected;
      if (selected && focus) button.focus();
    });
    if (name === "review" && this.view) this.drawReview();
    if (name === "outcomes" && this.view) this.drawOutcomes();
    if (name === "patient" && this.patientId && this.view) this.openPatient(this.patientId);
    this.writeUrl();
  };

  Simulator.prototype.setPresenter = function (on) {
    document.body.classList.toggle("cc-presenter", on);
    this.find('[data-cc-action="present"]').setAttribute("aria-pressed", String(on));
    this.presenting = on;
    if (this.view) this.writeUrl();
  };

  Simulator.prototype.togglePresenter = function () {
    var on = !this.presenting;
    this.setPresenter(on);
    if (on && document.fullscreenEnabled && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(function () {});
    } else if (!on && document.fullscreenElement) {
      document.exitFullscreen().catch(function () {});
    }
  };

  Simulator.prototype.shareUrl = function () {
    var query = new URLSearchParams();
    var view = this.view;
    if (view.decisions > 0 || this.importedScenario) {
      query.set("state", view.token);
    } else {
      query.set("scenario", view.scenario.id);
      var o = this.overrides;
      if (o.seed !== undefined) query.set("seed", o.seed);
      Object.keys(NUMBER_PARAMS).forEach(function (param) {
        if (o[NUMBER_PARAMS[param]] !== undefined) query.set(param, o[NUMBER_PARAMS[param]]);
      });
      Object.keys(URL_SWITCHES).forEach(function (param) {
        if (o.fidelity && o.fidelity[URL_SWITCHES[param]] !== undefined) query.set(param, o.fidelity[URL_SWITCHES[param]] ? "1" : "0");
      });
      query.set("week", view.week);
    }
    query.set("view", this.tab);
    if (this.tab === "patient" && this.patientId) query.set("patient", this.patientId);
    if (this.presenting) query.set("present", "1");
    return location.origin + this.path + "?" + query.toString();
  };

  // The address bar follows the state, updated after the page has drawn (replaceState is not free,
  // and Chromium throttles rapid calls while Play runs).
  Simulator.prototype.writeUrl = function () {
    if (!this.view) return;
    var self = this;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(function () {
      if (self.view && location.pathname === self.path) history.replaceState(history.state, "", self.shareUrl());
    }, URL_DELAY_MS);
  };

  Simulator.prototype.copyLink = function () {
    var url = this.shareUrl();
    var field = this.find("[data-cc-link-field]");
    var announce = this.find("[data-cc-announce]");
    field.value = url;
    var copied = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(url) : Promise.reject();
    copied.then(function () {
      announce.textContent = "Link copied. It reopens this scenario, week and view.";
    }, function () {
      field.hidden = false;
      field.select();
      announce.textContent = "Copy the selected link from the text field.";
    });
  };

  Simulator.prototype.fillSettings = function (view) {
    var form = this.find("[data-cc-settings-form]");
    form.elements.patients.value = view.settings.panel.patients;
    form.elements.care_manager_fte.value = view.settings.staffing.care_manager_fte;
    form.elements.consultant_hours_per_week.value = view.settings.staffing.consultant_hours_per_week;
    form.elements.seed.value = view.settings.seed;
    SWITCHES.forEach(function (name) { form.elements[name].checked = !!view.settings.fidelity[name]; });
    form.querySelectorAll("[data-cc-error-for]").forEach(function (node) { node.textContent = ""; });
  };

  Simulator.prototype.applySettings = function () {
    var self = this;
    var form = this.find("[data-cc-settings-form]");
    var errors = {};
    var overrides = { fidelity: {} };
    [["patients", true], ["care_manager_fte", false], ["consultant_hours_per_week", false], ["seed", true]].forEach(function (spec) {
      var text = form.elements[spec[0]].value.trim();
      var pattern = spec[1] ? /^\d+$/ : /^\d+(\.\d+)?$/;
      if (!pattern.test(text)) errors[spec[0]] = spec[1] ? "Enter a whole number." : "Enter a number such as 1 or 0.5.";
      else overrides[spec[0]] = Number(text);
    });
    SWITCHES.forEach(function (name) { overrides.fidelity[name] = form.elements[name].checked; });
    form.querySelectorAll("[data-cc-error-for]").forEach(function (node) {
      node.textContent = errors[node.getAttribute("data-cc-error-for")] || "";
    });
    Object.keys(errors).forEach(function (name) { form.elements[name].setAttribute("aria-invalid", "true"); });
    if (Object.keys(errors).length) { form.elements[Object.keys(errors)[0]].focus(); return Promise.resolve(); }
    var scenario = this.importedScenario || this.scenarioId;
    this.stopPlaying();
    return this.call("create", { scenario: scenario, overrides: overrides }).then(function (view) {
      Array.prototype.forEach.call(form.elements, function (field) { field.removeAttribute("aria-invalid"); });
      self.overrides = overrides;
      self.message("");
      self.show(view, {});
    }, function (error) {
      // Python names the setting in its message; show it by the field it is about, state untouched.
      var field = ["patients", "care_manager_fte", "consultant_hours_per_week", "seed"].filter(function (name) {
        return error.message.indexOf(name) >= 0;
      })[0] || "form";
      form.querySelector('[data-cc-error-for="' + field + '"]').textContent = error.message;
      if (field !== "form") form.elements[field].setAttribute("aria-invalid", "true");
    });
  };

  Simulator.prototype.exportCsv = function () {
    var view = this.view;
    return this.call("registry", { token: view.token, format: "csv" }).then(function (result) {
      download("cocm-registry-SYNTHETIC-" + view.scenario.id + "-week-" + view.week + ".csv", result.csv, "text/csv");
    }, this.message.bind(this));
  };

  Simulator.prototype.exportJson = function () {
    var self = this;
    var scenario = this.importedScenario ? Promise.resolve({ scenario: this.importedScenario }) : this.call("scenario", { id: this.scenarioId });
    return scenario.then(function (result) {
      var data = Object.assign({}, result.scenario, { synthetic: true });
      download("cocm-scenario-SYNTHETIC-" + data.id + ".json", JSON.stringify(data, null, 2) + "\n", "application/json");
    }, function (error) { self.message(error.message); });
  };

  Simulator.prototype.importFile = function (input) {
    var self = this;
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return Promise.resolve();
    return file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (error) {
        throw new Error("The file " + file.name + " is not valid JSON (" + error.message + ").");
      }
      return self.call("create", { scenario: data }).then(function (view) {
        self.importedScenario = data;
        self.overrides = {};
        self.message("Imported the scenario \u201c" + view.scenario.title + "\u201d from " + file.name + ".", "info");
        self.show(view, {});
        self.fillSettings(view);
      }, function (error) {
        throw new Error("The file " + file.name + " could not be used: " + error.message + " Nothing was changed.");
      });
    }).catch(function (error) { self.message(error.message); });
  };

  Simulator.prototype.help = function () {
    var dialog = this.find("[data-cc-help]");
    if (!dialog.open) dialog.showModal();
  };

  // ---- events -------------------------------------------------------------------------------
  Simulator.prototype.wire = function () {
    var self = this;
    var root = this.root;
    root.addEventListener("click", function (event) {
      var target = event.target.closest("button, [data-cc-action]");
      if (!target || !root.contains(target)) return;
      var action = target.getAttribute("data-cc-action");
      if (action === "next") self.next();
      else if (action === "back") self.back();
      else if (action === "play") self.togglePlay();
      else if (action === "reset") self.reset();
      else if (action === "copy-link") self.copyLink();
      else if (action === "present") self.togglePresenter();
      else if (action === "export-csv") self.exportCsv();
      else if (action === "export-json") self.exportJson();
      else if (action === "all-rows") {
        self.allRows = !self.allRows;
        self.drawRegistry();
      }
      else if (action === "help") self.help();
      else if (target.hasAttribute("data-cc-tab")) self.selectTab(target.getAttribute("data-cc-tab"), true);
      else if (target.hasAttribute("data-cc-open-patient")) {
        self.openPatient(target.getAttribute("data-cc-open-patient")).then(function () {
          var heading = self.find("#cc-patient-heading");
          if (heading) heading.focus();
        });
      } else if (target.hasAttribute("data-cc-sort")) {
        var key = target.getAttribute("data-cc-sort");
        self.sort = { key: key, direction: self.sort.key === key ? -self.sort.direction : 1 };
        self.drawRegistry();
      } else if (target.hasAttribute("data-cc-hold-review")) self.holdReview();
      else if (target.hasAttribute("data-cc-walk-start")) self.startWalkthrough();
      else if (target.hasAttribute("data-cc-walk-next")) self.advanceWalkthrough();
      else if (target.hasAttribute("data-cc-walk-stop")) self.stopWalkthrough();
    });
    this.find("[data-cc-scenario]").addEventListener("change", function (event) { self.changeScenario(event.target.value); });
    this.find("[data-cc-review]").addEventListener("change", function (event) {
      if (event.target.hasAttribute("data-cc-discuss")) self.countReviewTime();
    });
    this.find("[data-cc-filter]").addEventListener("change", function (event) { self.filter = event.target.value; self.drawRegistry(); });
    this.find("[data-cc-settings-form]").addEventListener("submit", function (event) { event.preventDefault(); self.applySettings(); });
    this.find("[data-cc-import]").addEventListener("change", function (event) { self.importFile(event.target); });
    this.find('[role="tablist"]').addEventListener("keydown", function (event) {
      var index = TABS.indexOf(self.tab);
      if (event.key === "ArrowRight") index = (index + 1) % TABS.length;
      else if (event.key === "ArrowLeft") index = (index + TABS.length - 1) % TABS.length;
      else if (event.key === "Home") index = 0;
      else if (event.key === "End") index = TABS.length - 1;
      else return;
      event.preventDefault();
      self.selectTab(TABS[index], true);
    });
    this.onKey = function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
      if (self.find("[data-cc-help]").open) return;
      var key = event.key;
      var handled = true;
      if (key === "n" || key === "N") self.next();
      else if (key === "b" || key === "B") self.back();
      else if (key === "p" || key === "P") self.togglePlay();
      else if (key === "r" || key === "R") self.reset();
      else if (key === "f" || key === "F") self.togglePresenter();
      else if (key === "?") self.help();
      else if (key === "Escape" && self.presenting) self.setPresenter(false);
      else if (/^[1-5]$/.test(key)) self.selectTab(TABS[Number(key) - 1], true);
      else handled = false;
      if (handled) {
        // Material binds N, P, F and others to page navigation and search on the window; the
        // simulator's keys win on this page.
        event.preventDefault();
        event.stopPropagation();
      }
    };
    document.addEventListener("keydown", this.onKey);
  };

  Simulator.prototype.stop = function () {
    clearTimeout(this.urlTimer);
    this.view = null;
    this.stopPlaying();
    document.removeEventListener("keydown", this.onKey);
    document.body.classList.remove("cc-presenter");
  };

  window.CCSimApp = {
    start: function (root, python) {
      var simulator = new Simulator(root, python);
      simulator.wire();
      return simulator;
    },
  };
})();
