"""Sharing a state with a room, in Chromium: presenter mode's QR code and the address "Copy link" gives.

The QR code is read back from a screenshot with zxing-cpp and must hold exactly the link written beside
it. The test site is served on loopback, so the page must also say that only this computer can open it;
a copy whose site_url names another address (a documentation address, never contacted) must give that
address instead.
"""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from tests.browser.offline_server import BASE, SiteServer, copy_site, rename_build
from tests.browser.test_offline import open_simulator

pytestmark = pytest.mark.browser

SIMULATOR = "simulator/"
FIGURE = ".cc-link-qr"
ROOM_ADDRESS = "http://192.0.2.10:8000/"
"""An address reserved for documentation (RFC 5737): it stands for the laptop's address in a room."""


def decoded_qr(page) -> list[str]:
    image = Image.open(io.BytesIO(page.locator(f"{FIGURE} svg").screenshot())).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_presenter_mode_shows_a_qr_code_of_the_state_link_written_beside_it(page, site_server):
    open_simulator(page, site_server + SIMULATOR)
    page.get_by_role("button", name="Presenter mode").click()
    page.wait_for_selector(f"{FIGURE} svg")
    written = page.text_content("[data-cc-link-qr-text]")
    assert decoded_qr(page) == [written]
    assert "present=1" in written and written.startswith(site_server + SIMULATOR)
    assert "this computer only" in page.text_content(FIGURE)
    assert page.get_attribute(f"{FIGURE} svg", "aria-label")

    page.get_by_role("button", name="Next week").click()
    page.wait_for_function("(before) => document.querySelector('[data-cc-link-qr-text]')?.textContent !== before",
                           arg=written)
    now = page.text_content("[data-cc-link-qr-text]")
    assert decoded_qr(page) == [now]
    assert now == page.evaluate("() => location.href.split('#')[0]")
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !document.querySelector('{FIGURE}')")


def test_copy_link_says_when_the_page_is_served_on_loopback_only(page, site_server):
    open_simulator(page, site_server + SIMULATOR)
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("() => document.querySelector('[data-cc-copy-status]').textContent.includes('loopback')")


@pytest.fixture
def room_site(built_site, tmp_path):
    """A copy of the site whose site_url is the room's address, served here on loopback."""
    site = copy_site(built_site, tmp_path / "site")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(f'name="cocm-site-url" content="{BASE}"',
                                     f'name="cocm-site-url" content="{ROOM_ADDRESS}"'), encoding="utf-8")
    rename_build(site)
    server = SiteServer(site)
    server.start()
    yield site
    server.stop()


def test_copy_link_and_the_qr_code_give_the_address_learners_can_reach(page, context, room_site):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_simulator(page, BASE + SIMULATOR + "?scenario=impact-like&week=2")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("() => document.querySelector('[data-cc-copy-status]').textContent.includes('copied')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(ROOM_ADDRESS + SIMULATOR + "?") and "week=2" in copied
    assert "loopback" not in page.text_content("[data-cc-copy-status]")
    page.get_by_role("button", name="Presenter mode").click()
    page.wait_for_selector(f"{FIGURE} svg")
    assert decoded_qr(page) == [page.text_content("[data-cc-link-qr-text]")]
    assert page.text_content("[data-cc-link-qr-text]").startswith(ROOM_ADDRESS + SIMULATOR)
