// The guided walkthrough: one invented patient through a whole episode of care, step by step as
// predict, run, reflect. Only the current step shows; the learner's prediction stays beside what
// happened, with the patient's chart. The steps and prompts are drawn into the page at build time.
import { recordExercise } from "../checks/store.mjs";
import { el, fill } from "./dom.js";
import { patientChart } from "./patient.js";

export function startWalkthrough(app) {
  const steps = Array.from(app.root.querySelectorAll("[data-cc-walk-step]"), (item) => ({
    week: Number(item.getAttribute("data-cc-walk-week")),
    predict: item.querySelector(".cc-walk__predict-text")?.textContent || null,
    reflect: item.querySelector(".cc-walk__reflect-text")?.textContent || null,
    notes: Array.from(item.querySelectorAll(".cc-walk__note"), (note) => note.textContent),
  }));
  return app.replaceRun("create", { scenario: app.config.walkthroughScenario }, app.words.walkthrough_started).then((view) => {
    if (!view) return;
    app.walk = { steps, index: 0, ran: false, guesses: [] };
    app.find("[data-cc-walk-intro]").hidden = true;
    app.find("[data-cc-walk-live]").hidden = false;
    showStep(app);
    app.find("[data-cc-walk-progress]").focus();
  });
}

function showStep(app) {
  const words = app.words;
  const walk = app.walk;
  const step = walk.steps[walk.index];
  const body = app.find("[data-cc-walk-body]");
  const nextButton = app.find("[data-cc-walk-next]");
  app.find("[data-cc-walk-progress]").textContent = fill(words.walk_progress, { step: walk.index + 1, steps: walk.steps.length, week: step.week });
  if (!walk.ran && step.week > app.view.week) {
    const guess = el("textarea", { id: "cc-walk-guess", rows: "3", className: "cc-walk__guess", "data-cc-walk-guess": "" });
    guess.value = walk.guesses[walk.index] || "";
    guess.addEventListener("input", () => { walk.guesses[walk.index] = guess.value; });
    body.replaceChildren(
      el("h3", { text: words.walk_predict }),
      el("p", { className: "cc-walk__prompt", text: step.predict || fill(words.walk_default_prompt, { week: step.week }) }),
      el("p", {}, [el("label", { for: "cc-walk-guess", text: words.walk_guess_label })]),
      guess);
    nextButton.textContent = fill(words.walk_run_to, { week: step.week });
    return;
  }
  const guessText = (walk.guesses[walk.index] || "").trim();
  const compare = el("div", { className: "cc-walk__compare" }, [
    el("section", { className: "cc-walk__yours", "aria-label": words.walk_yours }, [
      el("h3", { text: words.walk_yours }),
      el("p", { "data-cc-walk-kept": "", text: guessText || (step.predict ? words.walk_no_guess : words.walk_nothing_to_predict) })]),
    el("section", { className: "cc-walk__happened", "aria-label": words.walk_happened }, [
      el("h3", { text: fill(words.walk_happened_by, { week: app.view.week }) }),
      ...step.notes.map((note) => el("p", { className: "cc-walk__note", text: note }))]),
  ]);
  const chartBox = el("div", { className: "cc-walk__chart" });
  const parts = [compare, chartBox];
  if (step.reflect) parts.push(el("h3", { text: words.walk_reflect }), el("p", { className: "cc-walk__reflect", text: step.reflect }));
  body.replaceChildren(...parts);
  nextButton.textContent = walk.index + 1 < walk.steps.length ? words.walk_next_step : words.walk_finish;
  const patient = app.view.registry.rows[0];
  if (patient) {
    app.call("patient", { token: app.view.token, id: patient.id }).then((detail) => {
      if (app.walk === walk) chartBox.replaceChildren(patientChart(app, detail, chartBox, "cc-walk"));
    }, () => {});
  }
}

export function advanceWalkthrough(app) {
  const walk = app.walk;
  const step = walk.steps[walk.index];
  if (!walk.ran && step.week > app.view.week) {
    return app.act("step", { token: app.view.token, weeks: step.week - app.view.week }).then(() => {
      walk.ran = true;
      showStep(app);
      app.find("[data-cc-walk-body]").focus();
    }).catch(() => {});
  }
  if (walk.index + 1 >= walk.steps.length) {
    // Finished: "What I have covered" lists it (kept in this browser only, like the knowledge checks).
    recordExercise("walkthrough");
    stopWalkthrough(app);
    return Promise.resolve();
  }
  walk.index += 1;
  walk.ran = false;
  showStep(app);
  app.find("[data-cc-walk-progress]").focus();
  return Promise.resolve();
}

export function stopWalkthrough(app) {
  app.walk = null;
  app.find("[data-cc-walk-intro]").hidden = false;
  app.find("[data-cc-walk-live]").hidden = true;
}
