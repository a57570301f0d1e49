// The notes as a Markdown file the reader downloads: each question with its theme, principle, why
// it matters and the note. The file is made in the browser; nothing is sent anywhere.
import { textOf, today } from "./copies.mjs";

export function notesMarkdown(items, notes) {
  const lines = [
    "# Notes on reflective questions for supervision",
    "",
    "Exported on " + today() + " from " + document.title + ". These notes were kept only in this browser.",
    "For education only; not medical advice. In a crisis in the US, call or text 988.",
  ];
  items.forEach((item, i) => {
    const id = item.getAttribute("data-cc-rq-question");
    lines.push("", "## " + (i + 1) + ". " + textOf(item.querySelector(".cc-rq__text")), "",
      "Theme: " + item.getAttribute("data-theme-title") + ". Principle: " +
        item.getAttribute("data-principle-label") + ".",
      "Why it matters: " + textOf(item.querySelector("[data-cc-rq-why]")), "",
      notes[id].trim());
  });
  return lines.join("\n") + "\n";
}

// Save text as a file called name (a Markdown file unless type says otherwise), through a link the
// page clicks for the reader.
export function download(name, text, type = "text/markdown") {
  const url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
