// The simulator app's state and actions. Python (explainer.api, in the worker) computes every state;
// the view modules draw it; this module holds what is shown, runs the learner's actions and keeps the
// address bar in step, so a link reopens the same state. controls.js wires clicks and keys to it.
import { el, fill, setText } from "./dom.js";
import { readLink, shareLink, VIEWS } from "./link-state.js";
import { drawRegistry, drawStats } from "./registry.js";
import { drawReview } from "./review.js";
import { drawCareManager } from "./care-manager.js";
import { drawDebrief } from "./debrief.js";
import { openPatient } from "./patient.js";
import { drawOutcomes } from "./outcomes.js";
import { fillSettings } from "./settings.js";
import { showPresenterQr } from "./trainer.js";

const PLAY_INTERVAL_MS = 900;
const URL_DELAY_MS = 150;

export class Simulator {
  constructor(root, python) {
    this.root = root;
    this.python = python;
    this.config = JSON.parse(root.getAttribute("data-cc-config"));
    // Absolute, as Material's instant navigation makes the page's own links (and the build's rows).
    this.config.bibliographyUrl = new URL(this.config.bibliographyUrl, location.href).href;
    this.words = this.config.words; // every fixed word the page shows (explainer/page_words.py)
    this.view = null; // the API's answer for the current state; null until the first state is drawn
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
  }

  find(selector) { return this.root.querySelector(selector); }

  call(op, args) {
    return this.python.call(op, args).then((response) => {
      if (!response.ok) throw new Error(response.error);
      return response.result;
    });
  }

  // ---- starting, and restoring from a link ----------------------------------------------------
  async open() {
    const words = this.words;
    const wanted = readLink(location.search, this.config);
    this.setPresenter(wanted.present);
    try {
      if (wanted.problems.length) throw new Error(fill(words.link_problems, { problems: wanted.problems.join(words.link_problem_separator) }));
      let view;
      if (wanted.token) view = await this.call("restore", { token: wanted.token });
      else {
        view = await this.call("create", { scenario: wanted.scenario, overrides: wanted.overrides });
        if (wanted.week > view.weeks) throw new Error(fill(words.link_past_the_end, { weeks: view.weeks, asked: wanted.week }));
        // A scenario may open mid-programme (settings.opens_at_week): step from where it opens to the linked week.
        if (wanted.week > view.week) view = await this.call("step", { token: view.token, weeks: wanted.week - view.week });
      }
      this.scenarioId = view.scenario.id;
      this.overrides = wanted.token ? {} : wanted.overrides;
      this.show(view, { announce: false });
      this.selectTab(wanted.view, false);
      if (wanted.view === "patient" && wanted.patient) await openPatient(this, wanted.patient);
    } catch (error) {
      this.message(fill(words.link_not_opened, { reason: error.message }));
      const view = await this.call("create", { scenario: this.config.defaultScenario });
      this.scenarioId = view.scenario.id;
      this.overrides = {};
      this.show(view, { announce: false });
    }
    if (wanted.namesView) this.focusView();
  }

  // A link that names a view (every presenter link does) lands on it: the page's introduction is
  // folded away, and the view's tabs are scrolled to the top and its panel focused.
  focusView() {
    const intro = document.querySelector("[data-cc-intro]");
    if (intro) intro.open = false;
    this.find(".cc-tabs").scrollIntoView({ block: "start" });
    this.find("#cc-panel-" + this.tab).focus({ preventScroll: true });
  }

  // After a worker restart: rebuild the exact state from the current token.
  async restore() {
    if (!this.view) return this.open();
    const view = await this.call("restore", { token: this.view.token });
    this.show(view, { announce: false });
    this.message(this.words.restarted, "info");
  }

  // A message above the controls; an undo action adds a button that calls it.
  message(text, kind, undo) {
    const box = this.find("[data-cc-app-message]");
    if (!text && box.hidden) return; // nothing shown, nothing to clear: a step writes no DOM here
    box.hidden = !text;
    box.className = "cc-app__message" + (kind === "info" ? " cc-app__message--info" : "");
    box.replaceChildren(text || "");
    if (undo) {
      const button = el("button", { type: "button", className: "md-button", "data-cc-undo": "", text: undo.label });
      button.addEventListener("click", () => { this.message(""); undo.run(); }, { once: true });
      box.append(" ", button);
    }
  }

  // ---- running an action ------------------------------------------------------------------------
  act(op, args, options = {}) {
    if (this.busy) return Promise.resolve(null);
    this.busy = true;
    this.root.setAttribute("aria-busy", "true");
    return this.call(op, args).then((view) => {
      if (!options.keepMessage) this.message("");
      this.show(view, options);
      return view;
    }, (error) => {
      this.stopPlaying();
      this.message(error.message);
      throw error;
    }).finally(() => {
      this.busy = false;
      this.root.removeAttribute("aria-busy");
    });
  }

  // An action that throws the current run away (reset, a new scenario, the walkthrough): it offers
  // to bring the run back, exactly, from the token it had.
  replaceRun(op, args, done) {
    this.stopPlaying();
    const before = { token: this.view.token, scenarioId: this.scenarioId, overrides: this.overrides, imported: this.importedScenario, week: this.view.week };
    return this.act(op, args, { keepMessage: true }).then((view) => {
      if (!view) return null;
      this.message(fill(this.words.run_replaced, { done, week: before.week }), "info", {
        label: this.words.undo, run: () => this.act("restore", { token: before.token }).then((restored) => {
          if (!restored) return;
          this.scenarioId = before.scenarioId;
          this.overrides = before.overrides;
          this.importedScenario = before.imported;
          fillSettings(this, restored);
          this.show(restored, {});
          this.announce(fill(this.words.run_back, { week: restored.week }));
        }).catch(() => {}),
      });
      return view;
    }).catch(() => null);
  }

  next() {
    if (this.view.done) { this.message(this.words.at_last_week); return Promise.resolve(); }
    return this.act("step", { token: this.view.token, weeks: 1 }).catch(() => {});
  }

  back() {
    if (this.view.week <= this.view.settings.opens_at_week) { this.message(this.words.at_first_week); return Promise.resolve(); }
    return this.act("undo", { token: this.view.token }).catch(() => {});
  }

  reset() {
    if (this.view.week <= this.view.settings.opens_at_week && !this.view.decisions) return Promise.resolve();
    return this.replaceRun("reset", { token: this.view.token }, this.words.reset_done);
  }

  changeScenario(id) {
    return this.replaceRun("create", { scenario: id }, this.words.scenario_opened).then((view) => {
      if (!view) { this.drawScenarioPicker(this.view); return; }
      this.scenarioId = id;
      this.overrides = {};
      this.importedScenario = null;
      this.drawScenarioPicker(view);
      fillSettings(this, view);
    });
  }

  // Play runs one week per tick, each a separate request, so Pause takes effect at once. The button
  // says "Pause" exactly while a run is going.
  togglePlay() {
    if (this.playing) { this.stopPlaying(); return; }
    if (this.view.done) { this.message(this.words.at_last_week); return; }
    const tick = () => {
      if (!this.playing) return;
      if (this.view.done) { this.stopPlaying(); return; }
      this.next().then(() => { if (this.playing) this.playing = setTimeout(tick, PLAY_INTERVAL_MS); });
    };
    this.playing = setTimeout(tick, 0);
    this.drawPlay();
  }

  stopPlaying() {
    if (!this.playing) return;
    clearTimeout(this.playing);
    this.playing = null;
    this.drawPlay();
  }

  drawPlay() {
    const button = this.find('[data-cc-action="play"]');
    button.textContent = this.playing ? this.words.pause : this.words.play;
    button.setAttribute("aria-pressed", String(Boolean(this.playing)));
  }

  // ---- drawing a state --------------------------------------------------------------------------
  show(view, options = {}) {
    this.view = view;
    this.find("[data-cc-week-label]").textContent = fill(this.words.week_label, { week: view.week, weeks: view.weeks });
    setText(this.find("[data-cc-summary]"), view.summary);
    this.drawScenarioPicker(view);
    drawStats(this);
    drawRegistry(this);
    if (this.tab === "review") { drawReview(this); drawDebrief(this); }
    if (this.tab === "caremanager") drawCareManager(this);
    if (this.tab === "patient" && this.patientId) openPatient(this, this.patientId);
    if (this.tab === "outcomes") drawOutcomes(this);
    this.writeUrl();
    if (options.announce !== false) this.announce((view.narration || []).concat([view.summary]).join(" "));
    this.lookAhead(view);
  }

  // Once a week is painted, the worker computes the next one, so "Next week" (or Play) only draws.
  lookAhead(view) {
    if (view.done) return;
    requestAnimationFrame(() => setTimeout(() => {
      if (this.view === view) this.python.lookAhead("step", { token: view.token, weeks: 1 });
    }));
  }

  // The scenario picker names the scenario shown; an imported one has an entry of its own, its title.
  drawScenarioPicker(view) {
    const select = this.find("[data-cc-scenario]");
    let imported = select.querySelector("[data-cc-imported]");
    if (this.importedScenario) {
      if (!imported) {
        imported = el("option", { value: "", "data-cc-imported": true });
        select.prepend(imported);
      }
      setText(imported, view.scenario.title);
      if (select.value !== "") select.value = "";
    } else {
      if (imported) imported.remove();
      if (select.value !== view.scenario.id) select.value = view.scenario.id;
    }
  }

  announce(text) { this.find("[data-cc-announce]").textContent = text; }

  selectTab(name, focus) {
    this.tab = name;
    for (const tab of VIEWS) {
      const button = this.find('[data-cc-tab="' + tab + '"]');
      const selected = tab === name;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      this.find("#cc-panel-" + tab).hidden = !selected;
      if (selected && focus) button.focus();
    }
    if (this.view) {
      if (name === "review") { drawReview(this); drawDebrief(this); }
      if (name === "caremanager") drawCareManager(this);
      if (name === "outcomes") drawOutcomes(this);
      if (name === "patient" && this.patientId) openPatient(this, this.patientId);
    }
    this.writeUrl();
  }

  setPresenter(on) {
    document.body.classList.toggle("cc-presenter", on);
    this.find('[data-cc-action="present"]').setAttribute("aria-pressed", String(on));
    this.presenting = on;
    this.outcomesFor = null; // charts are drawn at the size they are shown
    if (this.view) {
      showPresenterQr(this); // before the first state (a presenter link), writeUrl places it once drawn
      if (this.tab === "outcomes") drawOutcomes(this);
      if (this.tab === "patient" && this.patientId) openPatient(this, this.patientId);
      this.writeUrl();
    }
  }

  togglePresenter() {
    const on = !this.presenting;
    this.setPresenter(on);
    if (on && document.fullscreenEnabled && !document.fullscreenElement) document.documentElement.requestFullscreen().catch(() => {});
    else if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  shareUrl() { return shareLink(this); }

  // The address bar follows the state, updated just after the page has drawn (replaceState is not
  // free, and Chromium throttles rapid calls while Play runs).
  writeUrl() {
    if (!this.view) return;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      if (this.view && location.pathname === this.path) history.replaceState(history.state, "", this.shareUrl());
      if (this.view && this.presenting) showPresenterQr(this);
    }, URL_DELAY_MS);
  }

  stop() {
    clearTimeout(this.urlTimer);
    this.view = null;
    this.stopPlaying();
    document.body.classList.remove("cc-presenter");
  }
}
