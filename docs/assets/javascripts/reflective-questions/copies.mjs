// Text of a question fit to show a second time (in the session list, the handout and the export).

// Today's date as YYYY-MM-DD, in the reader's time zone.
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

// A copy of a question's text or "why" with no ids and no tooltips, and its citation numbers written
// out as short references, since a handout has no reference list.
export function copyOf(node) {
  const copy = node.cloneNode(true);
  copy.querySelectorAll(".cc-term__tip, .cc-cite__tip").forEach((el) => el.remove());
  copy.querySelectorAll("sup.cc-cite").forEach((sup) => {
    const names = Array.from(sup.querySelectorAll("a"), (a) => a.getAttribute("data-short") || a.textContent);
    const cite = document.createElement("span");
    cite.className = "cc-rq__s-cite";
    cite.textContent = " (" + names.join("; ") + ")";
    sup.replaceWith(cite);
  });
  [copy, ...copy.querySelectorAll("[id], [aria-describedby]")].forEach((el) => {
    el.removeAttribute("id");
    el.removeAttribute("aria-describedby");
  });
  return copy;
}

export function textOf(node) {
  return copyOf(node).textContent.replace(/\s+/g, " ").trim();
}

// A question cut to about 70 characters at a word boundary, for button names and announcements.
export function shorten(text) {
  return text.length > 70 ? text.slice(0, 67).replace(/\s+\S*$/, "") + "..." : text;
}
