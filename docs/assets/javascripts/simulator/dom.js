// Small DOM helpers shared by the simulator's views. No view logic lives here.

// el("td", {text: "3", className: "x", "data-a": "1"}, [children]): an element; null, false and
// undefined attributes are left out, true gives an empty attribute.
export function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// fill("Week {week} of {weeks}", {week: 3, weeks: 52}): one of the explainer's templates
// (explainer/page_words.py, in the app's config as "words") with its named values put in; it adds no
// words of its own, and a placeholder with no value stays as written.
export function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

// Set an element's text only when it differs, so an unchanged label costs no style or layout work.
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// A table with a caption, a header row and body rows; each row is [header cell text, ...cells],
// a cell being text or a node.
export function dataTable(caption, headings, rows, className) {
  const cell = (tag, value, extra = {}) => el(tag, extra, [value instanceof Node ? value : String(value)]);
  return el("table", { className }, [
    el("caption", { text: caption }),
    el("thead", {}, [el("tr", {}, headings.map((h) => cell("th", h, { scope: "col" })))]),
    el("tbody", {}, rows.map(([head, ...cells]) =>
      el("tr", {}, [cell("th", head, { scope: "row" }), ...cells.map((c) => cell("td", c))]))),
  ]);
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
