"""MkDocs hook: give Material's search dialog an accessible name.

Material writes its search panel as ``<div class="md-search" role="dialog">`` with no name, so a
screen reader announces only "dialog" (axe-core's best-practice rule ``aria-dialog-name``). This hook
labels it with the search box's own words ("Search"). Should a Material update change that markup,
the hook logs a warning, which fails the strict build, rather than leave the dialog unnamed again.
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.search_dialog")

UNNAMED = '<div class="md-search" data-md-component="search" role="dialog">'
"""The dialog's opening tag as Material 9 writes it (``partials/search.html``)."""


def named(html: str, name: str) -> str | None:
    """The page with the search dialog labelled ``name``, or None when the page has no unnamed dialog."""
    if UNNAMED not in html:
        return None
    return html.replace(UNNAMED, UNNAMED.removesuffix(">") + f' aria-label="{name}">', 1)


def labelled(output: str, where: str) -> str:
    """``output`` with its search dialog named; warn when the dialog is not where it was."""
    result = named(output, "Search")
    if result is None:
        log.warning("%s: Material's search dialog markup changed; name it again (search_dialog.py)", where)
        return output
    return result


def on_post_page(output: str, page, config, **kwargs) -> str:
    return labelled(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config, **kwargs) -> str:
    """The theme's stand-alone 404 page has the search dialog too."""
    return labelled(output, template_name) if template_name == "404.html" else output
