"""MkDocs hook: drop the rule of Material's palette style sheet that restyles every element at each page load.

Material marks ``<body>`` with ``data-md-color-switching`` whenever it applies the colour palette,
which it does at every page load, not only when the reader switches between light and dark. Its rule
``[data-md-color-switching] *`` (no transitions while the colours change) makes the browser
recalculate the style of every element when the mark is set and again when it is removed. On the
simulator page (about 1,200 elements) each recalculation took about 27 ms on an idle two-core
machine, and several times that while Pyodide boots beside it (Chromium traces; see scripts/bench).
Without the rule, switching between light and dark fades a few colours for a quarter of a second
instead of changing them at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.palette_css")

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)
"""The rule as it stands in Material's minified palette.*.min.css."""


def without_switching_rule(css: str) -> str | None:
    """The style sheet without SWITCHING_RULE, or None when it does not hold the rule."""
    if SWITCHING_RULE not in css:
        return None
    return css.replace(SWITCHING_RULE, "")


def on_post_build(config, **kwargs) -> None:
    """Rewrite the built palette style sheet; warn (a failure under --strict) if the rule is not there."""
    sheets = sorted(Path(config["site_dir"], "assets", "stylesheets").glob("palette.*.min.css"))
    for sheet in sheets:
        trimmed = without_switching_rule(sheet.read_text(encoding="utf-8"))
        if trimmed is not None:
            sheet.write_text(trimmed, encoding="utf-8")
            return
    log.warning("Material's palette style sheet no longer holds the colour-switching rule that "
                "scripts/hooks/palette_css.py removes; check the new theme version and update the hook.")
