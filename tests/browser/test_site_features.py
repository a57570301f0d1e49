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
