"""A glossary term's first use on a page shows its definition on hover and on keyboard focus."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SHOWN = "(id) => getComputedStyle(document.getElementById(id)).display !== 'none'"
HIDDEN = "(id) => getComputedStyle(document.getElementById(id)).display === 'none'"


def test_definition_shows_on_focus_and_on_hover(page, site_server):
    page.goto(site_server + "model/")
    term = page.locator("a.cc-term-link[aria-describedby]").first
    tip_id = term.get_attribute("aria-describedby")
    tip = page.locator("#" + tip_id)
    assert tip.get_attribute("role") == "tooltip"
    assert len(tip.text_content().strip()) > 20, "the tooltip holds the plain definition"
    assert page.evaluate(HIDDEN, tip_id)
    term.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    assert page.evaluate("document.activeElement.classList.contains('cc-term-link')"), "focus is on the term"
    page.wait_for_function(SHOWN, arg=tip_id)
    page.keyboard.press("Escape")
    page.wait_for_function(HIDDEN, arg=tip_id)
    page.keyboard.press("Tab")
    page.locator("h1").first.hover()
    term.hover()
    page.wait_for_function(SHOWN, arg=tip_id)
