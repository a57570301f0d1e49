"""Browser-test helpers: still pages (reduced motion, no transitions), a page that records console errors
and requests to other origins, and axe-core with the WCAG 2.2 AA and best-practice rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""axe-core rule tags: WCAG 2.2 level AA (which includes the A and AA rules of 2.0 and 2.1) and Deque's
best practices (landmarks, heading order, names of dialogs, ...)."""
STILL_STYLE = """
addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.dataset.ccTestStyle = "";
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
}, { once: true });
"""
"""A test style that stops every transition and animation, so no check catches an element mid-fade."""
PYTHON_READY_TIMEOUT_MS = 120_000
"""Generous: a cold Pyodide boot takes 2-4 s on two cores, far more on a loaded CI machine."""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every test page prefers reduced motion, as a reader who asked their system for it does."""
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def context(context):
    """Playwright's browser context, with the test style in each of its pages."""
    context.add_init_script(script=STILL_STYLE)
    return context


@dataclass
class PageWatch:
    """What a page did while a test drove it."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if urlsplit(url).scheme in ("data", "blob"):
            return
        if f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != self.origin:
            self.foreign_requests.append(url)


def watch(page, site_server: str):
    """Record the page's console errors, page errors and other-origin requests in ``page.watch``."""
    parts = urlsplit(site_server)
    seen = PageWatch(origin=f"{parts.scheme}://{parts.netloc}")
    page.on("request", seen.on_request)
    page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.watch = seen
    return page


@pytest.fixture
def watched_page(page, site_server):
    """The Playwright page, with console errors, page errors and other-origin requests recorded."""
    return watch(page, site_server)


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 3}
"""A phone held upright (390 x 844 CSS px) with a touch screen."""


@pytest.fixture
def phone_page(browser, browser_context_args, site_server):
    """A watched page on a touch-screen phone (Chromium's touch emulation), still like every test page."""
    context = browser.new_context(**{**browser_context_args, **PHONE})
    context.add_init_script(script=STILL_STYLE)
    page = watch(context.new_page(), site_server)
    yield page
    context.close()


def axe_violations(page, context=None) -> tuple[int, str]:
    """Run axe-core (WCAG 2.2 AA and best practices) on the page; return the violation count and a report."""
    results = Axe().run(page, context=context, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.violations_count, results.generate_report()


PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
"""A page object in the PDF that Chromium prints (its page tree is written as plain dictionaries)."""


def printed_sheets(page) -> int:
    """How many sheets of Letter paper the page prints on, from Chromium's own PDF of it."""
    return len(PDF_PAGE.findall(page.pdf(format="Letter")))


def wait_for_python(page) -> None:
    """Wait until the simulator's worker reports Python ready (or fail with the page's error text)."""
    page.wait_for_function(
        "() => ['true', 'failed'].includes(document.querySelector('[data-cc-simulator]')?.dataset.ccReady)",
        timeout=PYTHON_READY_TIMEOUT_MS,
    )
    state = page.get_attribute("[data-cc-simulator]", "data-cc-ready")
    if state != "true":
        pytest.fail("Python did not start: " + (page.text_content("[data-cc-boot-error]") or "no message"))
