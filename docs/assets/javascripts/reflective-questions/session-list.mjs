// The session list: a copy of each picked question with why it matters, its notes (or ruled lines
// to write on in the printed handout), a link back to it and a Remove button.
import { copyOf, shorten, textOf } from "./copies.mjs";

const RULED_LINES = 5;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  return el;
}

export function noteBlock(note) {
  const block = element("div", "cc-rq__s-notes");
  block.append(element("p", "cc-rq__s-label", "Notes"));
  if (note) {
    block.append(element("p", "cc-rq__s-note", note));
    return block;
  }
  block.append(element("p", "cc-rq__s-none", "No notes yet."));
  const lines = element("div", "cc-rq__lines");
  lines.setAttribute("aria-hidden", "true");
  for (let i = 0; i < RULED_LINES; i += 1) lines.append(document.createElement("span"));
  block.append(lines);
  return block;
}

// One entry of the list for the question element item (an li[data-cc-rq-question]).
export function sessionItem(item, note) {
  const id = item.getAttribute("data-cc-rq-question");
  const question = item.querySelector(".cc-rq__text");
  const li = element("li", "cc-rq__s-item");
  li.setAttribute("data-cc-rq-item", id);
  const text = copyOf(question);
  text.className = "cc-rq__s-text";
  li.append(text);
  const why = element("p", "cc-rq__s-why");
  why.append(element("strong", "", "Why it matters: "), ...copyOf(item.querySelector("[data-cc-rq-why]")).childNodes);
  li.append(why);
  li.append(element("p", "cc-rq__s-meta",
    item.getAttribute("data-theme-title") + " · " + item.getAttribute("data-principle-label")));
  li.append(noteBlock(note));
  const actions = element("p", "cc-rq__s-actions");
  const go = element("a", "", "Go to the question");
  go.href = "#q-" + id;
  const remove = element("button", "md-button", "Remove");
  remove.type = "button";
  remove.setAttribute("aria-label", "Remove from session: " + shorten(textOf(question)));
  remove.setAttribute("data-cc-rq-remove", id);
  actions.append(go, remove);
  li.append(actions);
  return li;
}
