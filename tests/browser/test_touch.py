"""The site on a touch-screen phone (390 x 844, Chromium's touch emulation): tooltips open on a tap,
targets are big enough to hit, and wide tables say that they scroll."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SHOWN = "(id) => getComputedStyle(document.getElementById(id)).display !== 'none'"
HIDDEN = "(id) => getComputedStyle(document.getElementById(id)).display === 'none'"
IN_VIEW = "(id) => { const r = document.getElementById(id).getBoundingClientRect(); " \
          "return r.top >= 0 && r.top < innerHeight; }"
INSIDE = "(id) => { const r = document.getElementById(id).getBoundingClientRect(); " \
         "return r.left >= 0 && r.right <= document.documentElement.clientWidth; }"


def test_a_tap_on_a_term_shows_its_definition_and_a_second_tap_opens_the_glossary(phone_page, site_server):
    page = phone_page
    page.goto(site_server + "model/")
    page.evaluate("() => { window.__sameDocument = true; }")
    term = page.locator("a.cc-term-link[aria-describedby]").first
    tip_id = term.get_attribute("aria-describedby")
    term.scroll_into_view_if_needed()
    term.tap()
    page.wait_for_function(SHOWN, arg=tip_id)
    assert urlsplit(page.url).path == "/model/", "the first tap stays on the page"
    assert page.evaluate(INSIDE, tip_id), "the definition fits inside the phone's screen"
    page.locator("h1").tap()
    page.wait_for_function(HIDDEN, arg=tip_id)
    term.tap()
    page.wait_for_function(SHOWN, arg=tip_id)
    term.tap()
    # Instant navigation changes the address before it swaps in the page, so wait for the page itself.
    # (Material's navigation.tracking rewrites the #fragment as a page scrolls; the path is firm.)
    page.wait_for_function("() => document.querySelector('h1')?.textContent.startsWith('Glossary')")
    assert urlsplit(page.url).path == "/reference/glossary/"
    assert page.evaluate("() => window.__sameDocument === true"), "instant navigation swapped the page in place"
    # The glossary's own citations answer a tap too: the module outlives the page swap.
    cite = page.locator("sup.cc-cite a[aria-describedby]").first
    cite.scroll_into_view_if_needed()
    cite.tap()
    page.wait_for_function(SHOWN, arg=cite.get_attribute("aria-describedby"))
    assert page.watch.console_errors == []


def test_a_tap_on_a_citation_shows_its_source_and_a_second_tap_goes_to_it(phone_page, site_server):
    page = phone_page
    page.goto(site_server + "evidence/impact/")
    cite = page.locator("sup.cc-cite a[aria-describedby]").first
    tip_id = cite.get_attribute("aria-describedby")
    cite.scroll_into_view_if_needed()
    box = cite.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"citation target {box} is under 24 x 24 px (WCAG 2.5.8)"
    cite.tap()
    page.wait_for_function(SHOWN, arg=tip_id)
    short = cite.get_attribute("data-short")
    assert page.locator("#" + tip_id).inner_text().startswith(short)
    entry = urlsplit(cite.get_attribute("href")).fragment  # Material makes in-page links absolute
    assert not page.evaluate(IN_VIEW, entry), "the first tap stays where the reader is"
    cite.tap()
    page.wait_for_function(IN_VIEW, arg=entry)


def test_a_wide_table_says_it_scrolls_sideways(phone_page, site_server):
    page = phone_page
    page.goto(site_server + "evidence/impact/")
    frame = page.locator(".md-typeset__scrollwrap.cc-scrolls").first
    frame.wait_for()
    hint = page.locator(".cc-scroll-hint:visible").first
    assert hint.inner_text() == "Wide table: scroll it sideways to see every column."
    assert frame.get_attribute("role") == "region"
    assert frame.get_attribute("aria-labelledby") == hint.get_attribute("id"), "the region is named by its hint"
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=frame.element_handle())
    page.set_viewport_size({"width": 1600, "height": 900})
    page.wait_for_function("() => document.querySelectorAll('.cc-scrolls').length === 0")
    assert page.locator(".cc-scroll-hint:visible").count() == 0, "a table that fits has no hint"
