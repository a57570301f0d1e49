// What the knowledge checks keep in this browser's localStorage, and nowhere else: each page's answers
// (the option chosen, whether it was right, when) and the simulator exercises finished (when). Storage
// the browser refuses (some private windows, blocked site data) leaves the page working without memory;
// contents that cannot be read (edited by hand) start afresh.

export const KEY = "cocm.checks.v1";

function empty(storage) {
  return { answers: {}, exercises: {}, storage };
}

export function load() {
  let raw;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch (error) {
    return empty(false);
  }
  let data;
  try {
    data = JSON.parse(raw || "{}") || {};
  } catch (error) {
    data = {};
  }
  const state = empty(true);
  const answers = data.answers && typeof data.answers === "object" ? data.answers : {};
  for (const [page, byId] of Object.entries(answers)) {
    if (!byId || typeof byId !== "object") continue;
    for (const [id, answer] of Object.entries(byId)) {
      if (answer && Number.isInteger(answer.choice) && typeof answer.right === "boolean" && typeof answer.at === "string") {
        (state.answers[page] ||= {})[id] = { choice: answer.choice, right: answer.right, at: answer.at };
      }
    }
  }
  const exercises = data.exercises && typeof data.exercises === "object" ? data.exercises : {};
  for (const [id, done] of Object.entries(exercises)) {
    if (done && typeof done.at === "string") state.exercises[id] = { at: done.at };
  }
  return state;
}

// True when the state was written; false when the browser refused.
export function save(state) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ answers: state.answers, exercises: state.exercises }));
    return true;
  } catch (error) {
    return false;
  }
}

// Keep one answer; true when it was stored.
export function recordAnswer(page, id, choice, right) {
  const state = load();
  (state.answers[page] ||= {})[id] = { choice, right, at: new Date().toISOString() };
  return state.storage && save(state);
}

// Note that a simulator exercise was finished (the latest time is kept); true when it was stored.
export function recordExercise(id) {
  const state = load();
  state.exercises[id] = { at: new Date().toISOString() };
  return state.storage && save(state);
}

export function clear() {
  try {
    window.localStorage.removeItem(KEY);
    return true;
  } catch (error) {
    return false;
  }
}

// A date kept as ISO text, as the page shows it: "2 December 2026".
export function shownDate(iso) {
  const day = new Date(iso);
  return Number.isNaN(day.getTime()) ? iso : day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}
