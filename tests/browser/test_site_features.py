"""Site-wide features of the foundation: offline search (on the simulator page too) and the palette toggle."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_python

pytestmark = pytest.mark.browser


def test_search_works_offline_from_the_sites_own_index(watched_page, site_server):
    page = watched_page
    page.goto(site_server)
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("registry")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    assert results.count() > 0
    assert "registry" in results.first.inner_text().lower()
    assert page.watch.foreign_requests == []


@pytest.mark.parametrize("when", ["while Python boots", "once Python is ready"])
def test_search_works_on_the_simulator_page(watched_page, site_server, when):
    """The simulator page holds back the search worker during Python's boot; search must not suffer."""
    page = watched_page
    page.goto(site_server + "simulator/")
    if when == "once Python is ready":
        wait_for_python(page)
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("registry")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    assert "registry" in results.first.inner_text().lower()
    assert page.watch.console_errors == []


def test_palette_toggle_switches_between_light_and_dark(page, site_server):
    page.emulate_media(color_scheme="light")
    page.goto(site_server)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for=__palette_1]").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[for=__palette_0]").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


MOVING = """() => [...document.querySelectorAll('*')].filter((el) => {
    const style = getComputedStyle(el);
    const seconds = (list) => Math.max(...list.split(',').map(parseFloat));
    const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0.001;
    return seconds(style.transitionDuration) > 0 || animated || style.scrollBehavior === 'smooth';
}).map((el) => el.tagName.toLowerCase() + '.' + String(el.getAttribute('class') || '').split(' ')[0])"""
"""The elements that would transition, animate or scroll smoothly (as tag.class)."""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_site_honours_a_request_for_less_motion(browser, site_server, motion):
    """Without the tests' own still style: reduced motion stills every element, Back to top included."""
    context = browser.new_context(reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(site_server + "evidence/impact/")
        page.mouse.wheel(0, 3000)
        page.wait_for_function("() => window.scrollY > 1000")
        page.mouse.wheel(0, -300)  # scrolling back up shows Back to top
        page.locator("button.md-top").wait_for(state="visible")
        moving = page.evaluate(MOVING)
    finally:
        context.close()
    if motion == "reduce":
        assert moving == []
    else:
        # The control case: with motion welcome, Material's header and links do transition, so the
        # check above can fail. (Back to top alone is not used: its fade may already be over.)
        assert "header.md-header" in moving, "Material's header transitions when motion is welcome"
