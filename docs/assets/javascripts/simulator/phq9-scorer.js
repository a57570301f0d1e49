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
  output.replaceChildren(el("p", { className: "cc-scorer__total", text: r.headline }),
    el("ul", {}, r.notes.map((note) => el("li", { text: note }))));
}
