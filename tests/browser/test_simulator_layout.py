"""The simulator page as an app in Chromium: layout at laptop, projector and phone sizes, charts that
hold many arms, controls that wait for the first state, and the learner's safety nets."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PYTHON_READY_TIMEOUT_MS
from tests.browser.test_simulator_app import SIMULATOR, open_app, registry_text, wait_for_week, week_label

pytestmark = pytest.mark.browser

ROWS_IN_VIEW = """() => {
  const wrap = document.querySelector('[data-cc-registry]').getBoundingClientRect();
  const bottom = Math.min(innerHeight, wrap.bottom);
  return Array.from(document.querySelectorAll('[data-cc-registry-body] tr')).filter((tr) => {
    const r = tr.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= bottom + 0.5;
  }).length;
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_registry_shows_every_column_and_fifteen_rows_at_laptop_size(page, site_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, site_server, "?scenario=impact-like&week=8&view=registry")
    assert not page.locator(".md-sidebar--primary").is_visible(), "no navigation sidebar on the simulator"
    assert not page.locator(".md-sidebar--secondary").is_visible(), "no contents sidebar on the simulator"
    page.locator("[data-cc-registry]").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#cc-panel-registry').scrollIntoView({block: 'start'})")
    assert page.evaluate(ROWS_IN_VIEW) >= 15
    wrap = page.evaluate("() => [document.querySelector('[data-cc-registry]').scrollWidth, "
                         "document.querySelector('[data-cc-registry]').clientWidth]")
    assert wrap[0] <= wrap[1], "every column fits: the registry does not scroll sideways"
    assert page.evaluate(SIDEWAYS) <= 0


def test_registry_laid_out_as_grid_rows_is_still_a_table_to_assistive_technology(page, site_server):
    """At laptop width the rows are grids (site.css); Chromium's accessibility tree still has the table,
    a row per patient, each with its row header and ten cells, the rows far out of view included."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, site_server, "?scenario=impact-like&week=8&view=registry")
    page.get_by_role("button", name="Show all 100").click()
    page.wait_for_function("() => document.querySelectorAll('[data-cc-registry-body] tr').length === 100")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-cc-registry-body] tr')).display") == "grid"
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}

    def role(node: dict) -> str | None:
        return node.get("role", {}).get("value")

    tables = [node for node in nodes if role(node) == "table" and "Registry at week 8" in node["name"]["value"]]
    assert len(tables) == 1, "the registry is one table named by its caption"
    rows = [[role(by_id[child]) for child in node.get("childIds", []) if child in by_id]
            for node in nodes if role(node) == "row"]
    assert rows[0] == ["columnheader"] * 11
    assert rows[1:] == [["rowheader"] + ["cell"] * 10] * 100


def test_a_step_shows_no_stale_row_even_when_scrolled_at_once(page, site_server):
    """The rows off screen get their new week just after the frame that shows the rows on screen, or
    before any scroll shows them: scrolled to the last row in the very task that drew the week, the
    frame that shows it already has the new words, the same as once everything has settled."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, site_server, "?scenario=impact-like&week=8&view=registry")
    page.get_by_role("button", name="Show all 100").click()
    page.wait_for_function("() => document.querySelectorAll('[data-cc-registry-body] tr').length === 100")
    rows = "() => [...document.querySelectorAll('[data-cc-registry-body] tr')].map((tr) => tr.textContent)"
    before = page.evaluate(rows)
    seen = page.evaluate("""() => new Promise((resolve) => {
      const label = document.querySelector('[data-cc-week-label]');
      const watch = new MutationObserver(() => {
        if (!label.textContent.startsWith('Week 9 ')) return;
        watch.disconnect();
        const box = document.querySelector('[data-cc-registry]');
        box.scrollTop = box.scrollHeight;
        requestAnimationFrame(() => resolve(
          [...document.querySelectorAll('[data-cc-registry-body] tr')].map((tr) => tr.textContent)));
      });
      watch.observe(label, { childList: true, characterData: true, subtree: true });
      document.querySelector('[data-cc-action="next"]').click();
    })""")
    wait_for_week(page, 9)
    settled = page.evaluate(rows)
    assert seen == settled, "the frame after the scroll showed every row's new week"
    changed = sum(a != b for a, b in zip(before, settled, strict=True))
    assert changed >= 50, "the step changed the rows far out of view too"


@pytest.mark.parametrize("view", ["registry", "review", "outcomes"])
def test_reflows_to_320_px_without_sideways_scrolling(page, site_server, view):
    page.set_viewport_size({"width": 320, "height": 640})
    open_app(page, site_server, f"?scenario=impact-like&week=4&view={view}")
    if view == "outcomes":
        page.locator("[data-cc-outcomes] svg[role=img]").wait_for(timeout=60_000)
    assert page.evaluate(SIDEWAYS) <= 0, "the page itself never scrolls sideways (WCAG 1.4.10)"


def test_a_presenter_link_lands_on_its_view_with_a_legible_chart_of_many_arms(page, site_server):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_app(page, site_server, "?scenario=name-only&week=52&view=outcomes&present=1")
    chart = page.locator("[data-cc-outcomes] svg[role=img]")
    chart.wait_for(timeout=60_000)
    assert page.locator("[data-cc-intro]").get_attribute("open") is None, "the page's introduction is folded away"
    assert page.evaluate("document.activeElement.id") == "cc-panel-outcomes"
    top = page.evaluate("document.querySelector('[data-cc-tab=outcomes]').getBoundingClientRect().top")
    assert -1 <= top < 300, "the view is on screen without scrolling (to within sub-pixel scrolling)"
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('[data-cc-outcomes] svg text'))
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)""")
    assert min(sizes) >= 16, "chart text is at least 16 px on the projector"
    series = page.locator("[data-cc-outcomes] .cc-chart__series")
    arms = page.locator("[data-cc-outcomes] table").first.locator("tbody tr")
    assert series.count() >= 8 and series.count() == arms.count(), "every arm is drawn, and listed in the table"
    dashes = page.evaluate("""() => Array.from(
        document.querySelectorAll('[data-cc-outcomes] .cc-chart__series polyline')).slice(0, 8)
        .map((line) => getComputedStyle(line).stroke + '|' + getComputedStyle(line).strokeDasharray)""")
    assert len(set(dashes)) == len(dashes), "each of eight arms has its own colour and dash pattern"
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('[data-cc-outcomes] .cc-chart__label'))
        .map((t) => { const r = t.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom, t.textContent]; })""")
    assert len(boxes) == series.count()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"labels overlap: {a[4]!r} and {b[4]!r}"
    labels = [box[4] for box in boxes]
    assert not any("-" in label.split(" (")[0] and " " not in label for label in labels), f"arm ids shown: {labels}"
    caption = page.inner_text("[data-cc-outcomes] figcaption")
    assert "Horizontal axis: week 0 to 52" in caption and "0% to 100%" in caption


def test_controls_wait_for_the_first_state_and_keys_during_boot_stay_on_the_page(page, site_server):
    held = []  # the explainer wheel's request, held back so that the boot waits for the test
    page.route("**/*.whl", lambda route: held.append(route))
    with page.expect_request("**/*.whl", timeout=PYTHON_READY_TIMEOUT_MS):
        page.goto(site_server + SIMULATOR + "?scenario=impact-like")
        assert page.locator("[data-cc-app] [data-cc-needs-python]").count() > 20
        assert page.evaluate("""() => Array.from(document.querySelectorAll('[data-cc-app] [data-cc-needs-python]'))
            .every((control) => control.disabled)"""), "every control is inert while Python boots"
        assert page.locator("[data-cc-open-patient]").first.is_disabled(), "patient names do not look live"
        for key in ("n", "p", "r", "3"):
            page.locator("body").press(key)
        assert page.url == site_server + SIMULATOR + "?scenario=impact-like", "a key during boot stays on the page"
        play = page.locator('[data-cc-action="play"]')
        assert play.inner_text() == "Play" and play.get_attribute("aria-pressed") == "false"
    for _ in range(1000):  # let Playwright hand the held request to the route handler
        if held:
            break
        page.evaluate("0")
    held[0].continue_()
    page.get_by_role("button", name="Next week").click(timeout=PYTHON_READY_TIMEOUT_MS)  # at the first moment
    wait_for_week(page, 1)
    assert play.inner_text() == "Play"
    assert page.url.startswith(site_server + SIMULATOR)


def test_reset_and_a_new_scenario_can_be_undone(page, site_server):
    open_app(page, site_server, "?scenario=impact-like&week=3")
    before = registry_text(page)
    page.locator("body").press("r")
    wait_for_week(page, 0)
    message = page.locator("[data-cc-app-message]")
    assert message.is_visible() and "week 3" in message.inner_text()
    message.get_by_role("button", name="Undo").click()
    wait_for_week(page, 3)
    assert registry_text(page) == before
    page.select_option("[data-cc-scenario]", "understaffed")
    page.wait_for_function("() => window.CCSim.app.view.scenario.id === 'understaffed'")
    message.get_by_role("button", name="Undo").click()
    page.wait_for_function("() => window.CCSim.app.view.scenario.id === 'impact-like'")
    assert "Week 3 of 52" in week_label(page) and page.input_value("[data-cc-scenario]") == "impact-like"


def test_copy_link_confirms_on_screen(page, site_server, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, site_server, "?scenario=impact-like&week=2")
    page.get_by_role("button", name="Copy link").click()
    status = page.locator("[data-cc-copy-status]")
    status.get_by_text("Link copied").wait_for()
    assert status.is_visible()
    assert "week=2" in page.evaluate("navigator.clipboard.readText()")


def test_back_to_top_never_covers_the_controls_after_a_review(page, site_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, site_server, "?scenario=impact-like&week=6&view=review")
    page.get_by_role("button", name="Hold the review and run the week").click()
    wait_for_week(page, 7)
    page.mouse.wheel(0, -200)
    play = page.locator('[data-cc-action="play"]')
    play.scroll_into_view_if_needed()
    hit = page.evaluate("""() => { const r = document.querySelector('[data-cc-action=play]').getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2).dataset.ccAction; }""")
    assert hit == "play"
    assert not page.locator(".md-top").is_visible()


def test_boot_progress_counts_the_bytes_downloaded_on_a_slow_link(page, site_server):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 20, "downloadThroughput": 40e6 / 8, "uploadThroughput": 5e6 / 8})
    page.goto(site_server + SIMULATOR + "?scenario=impact-like")
    page.wait_for_function(
        """() => /Downloading Python: [0-9.]+ of [0-9.]+ MB/
            .test(document.querySelector('[data-cc-boot-status]').textContent)
            && Number(document.querySelector('[data-cc-boot-progress]').value) > 10""",
        timeout=PYTHON_READY_TIMEOUT_MS,
    )
    page.wait_for_function("() => document.querySelector('[data-cc-app]').dataset.ccAppReady === 'true'",
                           timeout=PYTHON_READY_TIMEOUT_MS)


def test_reading_pages_fetch_none_of_the_simulator_code(watched_page, site_server):
    page = watched_page
    page.goto(site_server + "model/workflow/")
    page.goto(site_server)
    simulator_code = [url for url in page.watch.requests
                      if "/assets/javascripts/simulator/" in url or "sim-worker" in url or "/pyodide/" in url]
    assert simulator_code == [], simulator_code
    assert page.watch.console_errors == []


CHIPS = """() => Array.from(document.querySelectorAll('[data-cc-registry-body] td'))
  .filter((td) => td.querySelector('.cc-flag'))
  .map((td) => {
    const cell = td.getBoundingClientRect();
    const chips = Array.from(td.querySelectorAll('.cc-flag'))
      .map((d) => [d.getBoundingClientRect(), d.querySelector('summary').getBoundingClientRect()]);
    const inside = chips.every(([chip, summary]) =>
      summary.left >= chip.left - 0.5 && summary.right <= chip.right + 0.5 && chip.left >= cell.left - 0.5);
    const apart = chips.every(([a], i) => chips.every(([b], j) => i === j
      || a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5));
    return inside && apart;
  })"""
# Every word of the registry's headings and cells on one line, inside its own cell.
WORDS_WHOLE = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('[data-cc-registry-table] th, [data-cc-registry-table] td')) {
    const box = cell.getBoundingClientRect();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        if (rects.length > 1 || rects.some((r) => r.right > box.right + 0.5)) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_flag_chips_show_their_whole_name_at_laptop_size(page, site_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, site_server, "?scenario=impact-like&week=10&view=registry")
    cells = page.evaluate(CHIPS)
    assert cells and all(cells), "each flag chip holds its whole name, starts inside its cell and covers no other chip"


def test_presenter_registry_breaks_no_word_at_projector_size(page, site_server):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_app(page, site_server, "?scenario=impact-like&week=10&view=registry&present=1")
    assert page.evaluate(WORDS_WHOLE) == [], "no heading or cell breaks inside a word or spills out of its cell"
    assert page.evaluate(CHIPS) and all(page.evaluate(CHIPS))


# A symbol the page's fonts lack is drawn as the missing-glyph box, the same as an unassigned code point.
GLYPHS_DRAWN = """(symbols) => {
  const font = getComputedStyle(document.querySelector('[data-cc-registry-table]')).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 40;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const draw = (text) => {
    context.clearRect(0, 0, 40, 40);
    context.font = '28px ' + font;
    context.fillText(text, 4, 32);
    return Array.from(context.getImageData(0, 0, 40, 40).data).join();
  };
  const missing = draw('\\u0378');
  return symbols.filter((symbol) => draw(symbol) === missing);
}"""


def test_every_flag_symbol_is_in_the_pages_fonts(page, site_server):
    from explainer.present import FLAG_ICON_OTHER, FLAG_ICONS

    open_app(page, site_server, "?scenario=impact-like&week=10")
    symbols = [*FLAG_ICONS.values(), FLAG_ICON_OTHER]
    assert page.evaluate(GLYPHS_DRAWN, ["\u0379"]) == ["\u0379"], "the check tells a missing glyph"
    assert page.evaluate(GLYPHS_DRAWN, symbols) == [], "every flag symbol renders"
