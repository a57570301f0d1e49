// Glossary tooltips (served as assets/content/content.js). The CSS shows a definition on hover and
// on keyboard focus; this script keeps it inside the window and lets Escape hide it (WCAG 1.4.13,
// content on hover or focus) until the pointer or the focus leaves that term.
(function () {
  "use strict";
  function termOf(event) {
    return event.target && event.target.closest ? event.target.closest(".cc-term") : null;
  }
  function fit(term) {
    var tip = term.querySelector(".cc-term__tip");
    if (!tip) return;
    tip.style.left = "";
    var rect = tip.getBoundingClientRect();
    var overflow = rect.right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.left = -Math.min(overflow, rect.left - 8) + "px";
  }
  function show(event) {
    var term = termOf(event);
    if (term) window.requestAnimationFrame(function () { fit(term); });
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".cc-term:hover, .cc-term:focus-within").forEach(function (term) {
      term.classList.add("cc-term--dismissed");
    });
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event);
    if (term) term.classList.remove("cc-term--dismissed");
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("cc-term--dismissed");
  });
})();
