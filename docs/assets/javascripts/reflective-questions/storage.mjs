// What the reflective-questions page keeps in this browser's localStorage, and nowhere else: the
// session list (question ids, in the order picked) and notes by question id. Unreadable storage
// (blocked by the browser) and unreadable contents (edited by hand) differ: the first means nothing
// can be kept, the second just starts afresh.

export const KEY = "cocm.reflective-questions.v1";

export function load() {
  let raw;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch (error) {
    return { session: [], notes: {}, storage: false };
  }
  let data = {};
  try {
    data = JSON.parse(raw || "{}") || {};
  } catch (error) {
    data = {};
  }
  const notes = {};
  if (data.notes && typeof data.notes === "object") {
    Object.keys(data.notes).forEach((id) => {
      if (typeof data.notes[id] === "string" && data.notes[id].trim()) notes[id] = data.notes[id];
    });
  }
  const session = Array.isArray(data.session) ? data.session.filter((id) => typeof id === "string") : [];
  return { session, notes, storage: true };
}

// True when the state was written; false when the browser refused.
export function save(state) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ session: state.session, notes: state.notes }));
    return true;
  } catch (error) {
    return false;
  }
}
