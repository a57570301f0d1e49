// Glossary tooltips: Escape hides an open definition (WCAG 1.4.13, content on hover or focus),
// until the pointer or the focus leaves that term. Served as assets/content/content.js.
(function () {
  "use strict";
  function openTerms() {
    return document.querySelectorAll(".cc-term:hover, .cc-term:focus-within");
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openTerms().forEach(function (term) {
      term.classList.add("cc-term--dismissed");
    });
  });
  function reset(event) {
    var term = event.target.closest && event.target.closest(".cc-term");
    if (term) term.classList.remove("cc-term--dismissed");
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest(".cc-term");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("cc-term--dismissed");
  });
})();
