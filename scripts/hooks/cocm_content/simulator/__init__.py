"""Everything the site renders from the simulator at build time, with one shortcode syntax.

A page asks for a part with ``<!-- render: simulator-NAME -->`` on its own line, like every other
data shortcode (``content.py``), and each part is a Jinja2 template in
``cocm_content/templates/simulator/`` filled from the explainer's own API:

* ``simulator-app`` and ``simulator-phq9-scorer``: the simulator page's interactive parts (``app.py``);
* ``simulator-rules``, ``-flags``, ``-review``, ``-arms``, ``-scenarios``, ``-calibration`` and
  ``-process``: the model's rules and measured process, for the page that explains it (``teaching.py``).

The interactive parts are put into the page after Markdown has run (:data:`AFTER_MARKDOWN`), because
Python-Markdown's HTML-block parser rearranges nested forms and fieldsets.
"""

from __future__ import annotations

from . import app, teaching
from .calls import check_explainer_sources, explainer_call, explainer_sources

SHORTCODES = {
    "simulator-app": app.render_app,
    "simulator-phq9-scorer": app.render_phq9_scorer,
    "simulator-rules": teaching.render_rules,
    "simulator-flags": teaching.render_flags,
    "simulator-review": teaching.render_review,
    "simulator-arms": teaching.render_arms,
    "simulator-scenarios": teaching.render_scenarios,
    "simulator-calibration": teaching.render_calibration,
    "simulator-process": teaching.render_process,
}
"""Every simulator part a page can ask for, by shortcode name."""
AFTER_MARKDOWN = frozenset({"simulator-app", "simulator-phq9-scorer"})
"""Parts inserted into the page's finished HTML instead of its Markdown."""
EXPLAINER_SHORTCODES = tuple(name for name in SHORTCODES if name not in AFTER_MARKDOWN)
"""Parts that show the simulator's own constants (their sources count as cited by the page)."""

__all__ = ["AFTER_MARKDOWN", "EXPLAINER_SHORTCODES", "SHORTCODES", "check_explainer_sources", "explainer_call",
           "explainer_sources"]
