// The "Check your understanding" section at the end of a page. The build writes each question's
// feedback, the right answer and its source into a closed "Show the answers" disclosure, for readers
// without JavaScript; this module takes them out of the page before anyone chooses, and puts back only
// the feedback for the option chosen, after "Check answer", into the question's live region.
import { load, recordAnswer } from "./store.mjs";

// Each question's feedback nodes, read from the disclosure (which is then removed).
function takeAnswers(root) {
  const answers = {};
  const details = root.querySelector("[data-cc-checks-answers]");
  if (!details) return answers;
  for (const block of details.querySelectorAll("[data-cc-check-answer]")) {
    answers[block.getAttribute("data-cc-check-answer")] = {
      key: block.querySelector("[data-cc-check-key]"),
      read: block.querySelector("[data-cc-check-read]"),
      options: Array.from(block.querySelectorAll("[data-cc-check-option]"), (item) => ({
        node: item,
        right: item.getAttribute("data-cc-check-right") === "true",
      })),
    };
  }
  details.remove();
  return answers;
}

// The feedback for one chosen option: why it is right or wrong, the right answer with its source, and
// where the page explains it (all as the build wrote them).
function feedbackFor(answer, choice) {
  const why = document.createElement("p");
  why.className = "cc-check__why";
  why.append(...Array.from(answer.options[choice].node.childNodes, (node) => node.cloneNode(true)));
  const parts = [why, answer.key.cloneNode(true)];
  if (answer.read) parts.push(answer.read.cloneNode(true));
  for (const part of parts) part.removeAttribute("data-cc-check-key");
  return parts;
}

export function startQuestions(root) {
  const page = root.getAttribute("data-cc-checks");
  const status = root.querySelector("[data-cc-checks-status]");
  const answers = takeAnswers(root);
  const kept = load();
  let warned = false;

  function say(region, nodes) {
    // Empty first, so that the same feedback twice in a row is still read out.
    region.replaceChildren();
    window.setTimeout(() => region.replaceChildren(...nodes), 60);
  }

  function show(form, choice) {
    const answer = answers[form.getAttribute("data-cc-check")];
    const right = answer.options[choice].right;
    form.classList.toggle("cc-check--right", right);
    form.classList.toggle("cc-check--wrong", !right);
    for (const option of form.querySelectorAll(".cc-check__option")) option.classList.remove("cc-check__option--chosen");
    form.querySelectorAll("input[type='radio']")[choice].closest(".cc-check__option").classList.add("cc-check__option--chosen");
    return { right, nodes: feedbackFor(answer, choice) };
  }

  for (const form of root.querySelectorAll("[data-cc-check]")) {
    const id = form.getAttribute("data-cc-check");
    const region = form.querySelector("[data-cc-check-feedback]");
    if (!answers[id]) continue;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      form.querySelector("[data-cc-check-kept]")?.remove();
      const chosen = form.querySelector("input[type='radio']:checked");
      if (!chosen) {
        const note = document.createElement("p");
        note.className = "cc-check__hint";
        note.textContent = root.getAttribute("data-cc-msg-choose");
        say(region, [note]);
        return;
      }
      const choice = Number(chosen.value);
      const { right, nodes } = show(form, choice);
      say(region, nodes);
      if (!recordAnswer(page, id, choice, right) && !warned) {
        warned = true;
        status.textContent = root.getAttribute("data-cc-msg-nostore");
      }
    });
    form.querySelector("[data-cc-check-controls]").hidden = false;
    const before = (kept.answers[page] || {})[id];
    const radios = form.querySelectorAll("input[type='radio']");
    if (before && before.choice >= 0 && before.choice < radios.length) {
      // An answer given earlier in this browser: its choice and feedback come back beside the live
      // region, not in it, so that a screen reader does not read every earlier answer on arrival.
      radios[before.choice].checked = true;
      const kept = document.createElement("div");
      kept.className = "cc-check__feedback";
      kept.setAttribute("data-cc-check-kept", "");
      kept.append(...show(form, before.choice).nodes);
      region.before(kept);
    }
  }
  root.querySelectorAll("[data-cc-checks-nojs]").forEach((node) => { node.hidden = true; });
  if (!kept.storage) status.textContent = root.getAttribute("data-cc-msg-nostore");
}
