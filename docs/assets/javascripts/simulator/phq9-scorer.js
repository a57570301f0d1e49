// The PHQ-9 scorer on the simulator page: sends the answers to explainer.api's "score" op and writes
// what comes back. Python scores; this module only collects the form and lays out the answer.
import { el } from "./dom.js";

export function wireScorer(root, python) {
  const scorer = root.querySelector("[data-cc-phq9-scorer]");
  if (!scorer) return;
  const form = scorer.querySelector("form");
  const output = scorer.querySelector("[data-cc-phq9-result]");
  const items = form.querySelectorAll("fieldset").length;
  form.addEventListener("reset", () => output.replaceChildren());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = [];
    for (let i = 0; i < items; i++) {
      const checked = form.querySelector('input[name="phq9-item-' + i + '"]:checked');
      answers.push(checked ? Number(checked.value) : null);
    }
    // Every unanswered item at once, rather than one per attempt.
    const missing = answers.flatMap((answer, i) => (answer === null ? [i + 1] : []));
    if (missing.length > 1) {
      output.replaceChildren(el("p", { className: "cc-message cc-message--error",
        text: "Items " + missing.slice(0, -1).join(", ") + " and " + missing.at(-1) + " have no answer yet: choose one of the four answers for each." }));
      return;
    }
    const args = { instrument: "PHQ-9", answers };
    const baselineText = form.elements.baseline.value.trim();
    if (baselineText !== "") args.baseline = /^\d+$/.test(baselineText) ? Number(baselineText) : baselineText;
    python.call("score", args).then((response) => showScore(output, response));
  });
}

function showScore(output, response) {
  if (!response.ok) {
    output.replaceChildren(el("p", { className: "cc-message cc-message--error", text: response.error }));
    return;
  }
  const r = response.result;
  const notes = el("ul");
  if (r.safety_flag) {
    notes.append(el("li", { text: "Safety flag: item 9 is above zero. In a real clinic this calls for a structured " +
      "risk conversation the same day; the score alone cannot judge risk." }));
  }
  if (r.baseline === 0) {
    notes.append(el("li", { text: "The earlier total was 0, so a change cannot be given as a share of it; " +
      "the total went from 0 to " + r.total + "." }));
  } else if (r.baseline !== undefined) {
    const percent = Math.round(r.change * 100);
    const change = percent > 0 ? percent + "% lower" : percent < 0 ? -percent + "% higher" : "no change";
    notes.append(el("li", { text: "Change from the earlier total of " + r.baseline + ": " + change + "." }));
    notes.append(el("li", { text: r.response ? "This counts as a response (a drop of at least half)." :
      "This is not yet a response (a drop of at least half)." }));
  }
  notes.append(el("li", { text: r.remission ? "This total is in the remission range." : "This total is not in the remission range." }));
  output.replaceChildren(el("p", { className: "cc-scorer__total", text: "Total: " + r.total + " of " + r.max_total + " — band: " + r.band + "." }), notes);
}
