// Knowledge checks (content.py loads this module only on pages that end with them, and on "What I
// have covered"). Answers are kept in this browser's localStorage only (checks/store.mjs). Material's
// instant navigation does not re-run a module, so it starts on each page through Material's document$.
import { startProgress } from "./checks/progress.mjs";
import { startQuestions } from "./checks/questions.mjs";

function init() {
  for (const [selector, start] of [["[data-cc-checks]", startQuestions], ["[data-cc-progress]", startProgress]]) {
    const root = document.querySelector(selector);
    if (!root || root.getAttribute("data-cc-ready") === "true") continue;
    root.setAttribute("data-cc-ready", "true");
    start(root);
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else {
  init();
}
