"""With a mouse and a keyboard: a glossary term (at its first use on a page) and a citation show their
tooltip on hover and on keyboard focus, and Escape hides it."""

from __future__ import annotations

from urllib.parse import urlsplit

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


def test_terms_have_the_dotted_underline_the_pages_describe(page, site_server):
    page.goto(site_server + "model/")
    style = page.locator("a.cc-term-link").first.evaluate("(el) => getComputedStyle(el).textDecorationStyle")
    assert style == "dotted"


def test_a_citation_names_its_source_on_focus_and_on_hover(page, site_server):
    page.goto(site_server + "evidence/impact/")
    cite = page.locator("sup.cc-cite a[aria-describedby]").first
    tip_id = cite.get_attribute("aria-describedby")
    assert page.evaluate(HIDDEN, tip_id)
    cite.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.wait_for_function(SHOWN, arg=tip_id)
    assert page.locator("#" + tip_id).inner_text().startswith(cite.get_attribute("data-short"))
    page.keyboard.press("Escape")
    page.wait_for_function(HIDDEN, arg=tip_id)
    page.keyboard.press("Tab")  # focus moves on; the tooltip may show again
    page.locator("h1").first.hover()
    cite.hover()
    page.wait_for_function(SHOWN, arg=tip_id)


def test_a_citation_jumps_to_its_source_without_reloading_the_page(page, site_server):
    """Even once Material's navigation.tracking has put a section's #fragment in the address."""
    page.goto(site_server + "evidence/impact/")
    page.evaluate("() => { history.replaceState(null, '', '#design'); "
                  "window.__article = document.querySelector('article'); }")
    cite = page.locator("sup.cc-cite a[aria-describedby]").first
    entry = urlsplit(cite.get_attribute("href")).fragment
    cite.click()
    page.wait_for_function("(id) => location.hash === '#' + id", arg=entry)
    assert page.evaluate("() => document.querySelector('article') === window.__article"), "the page was reloaded"
    assert page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top < innerHeight", entry)
