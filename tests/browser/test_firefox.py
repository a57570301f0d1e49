"""The site in Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (firefox.mjs).

Every page loads with no console error and nothing from another origin, and the simulator boots,
holds a caseload review, steps a week and exports its registry. Issue 12's points 1-6 are checked as
the Chromium tests check them (test_simulator_layout.py, test_simulator_app.py, test_touch.py), with
the same data-cc-* hooks and expectations: the app layout and a presenter link to a chart of many
arms (firefox_layout.mjs), controls during boot, Play/Pause, Undo, Copy link and the walkthrough in
one boot (firefox_controls.mjs), and taps on terms and citations (firefox_touch.mjs). Each test runs
firefox.mjs under Node once and checks the JSON it prints.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.test_every_page import built_pages
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

DRIVER = Path(__file__).with_name("firefox.mjs")
RUN_TIMEOUT_S = 900
"""A generous bound on one run, which may boot Python: the run fails instead of hanging the suite."""


def firefox() -> str:
    executable = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")
    if not executable:
        pytest.fail("No Firefox found: install Debian's 'firefox-esr' package (scripts/test does this as root).")
    return executable


def run_firefox(*args: str) -> dict:
    """Run firefox.mjs with these arguments; return the JSON report it prints."""
    result = subprocess.run(["node", str(DRIVER), *args], cwd=ROOT, env={**os.environ, "FIREFOX": firefox()},
                            capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    assert result.returncode == 0, f"firefox.mjs {args[0]} failed:\n{result.stderr[-4000:]}"
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def firefox_pages(site_server) -> dict:
    """What each built page did in Firefox, by path (one browser for all the pages)."""
    return run_firefox("pages", site_server, *built_pages())


@pytest.mark.parametrize("path", built_pages())
def test_page_is_clean_in_firefox(firefox_pages, path):
    seen = firefox_pages[path]
    assert seen["status"] == 200 or (path == "404.html" and seen["status"] == 404), f"{path} answered {seen['status']}"
    assert seen["foreignRequests"] == [], f"{path} requested other origins: {seen['foreignRequests']}"
    assert seen["consoleErrors"] == [], f"{path} logged errors: {seen['consoleErrors']}"


def test_simulator_boots_reviews_steps_and_exports_in_firefox(site_server, tmp_path):
    seen = run_firefox("simulator", site_server, str(tmp_path))
    assert seen["afterReview"].startswith("Week 7 "), "holding the week-6 review runs the week"
    assert seen["afterStep"].startswith("Week 8 ")
    assert seen["exportName"] == "cocm-registry-SYNTHETIC-impact-like-week-8.csv"
    lines = seen["exportText"].strip().splitlines()
    assert lines[0].startswith("# SYNTHETIC DATA") and len(lines) == 2 + 100
    assert seen["foreignRequests"] == [] and seen["consoleErrors"] == [], seen


def test_app_layout_and_a_chart_of_many_arms_in_firefox(site_server):
    """Issue 12 points 1 and 2: laptop layout, reflow to 320 px, a presenter link to eight arms' outcomes."""
    seen = run_firefox("layout", site_server)
    laptop = seen["laptop"]
    assert not laptop["navigationSidebar"] and not laptop["contentsSidebar"], "no sidebars on the simulator"
    assert len(laptop["columns"]) == 11, f"the registry's 11 columns: {laptop['columns']}"
    clipped = [column for column in laptop["columns"] if column["clippedPx"] > 0.5]
    assert clipped == [], f"columns cut off at 1280 x 800: {clipped}"
    widths = laptop["registryWidths"]
    assert widths["scroll"] <= widths["client"], f"the registry scrolls sideways: {widths}"
    assert laptop["rowsInView"] >= 15, f"{laptop['rowsInView']} registry rows in view at 1280 x 800"
    assert laptop["sideways"] <= 0
    narrow = seen["narrow"]
    assert set(narrow) == {"registry", "review", "outcomes"} and all(px <= 0 for px in narrow.values()), \
        f"the page scrolls sideways at 320 px (WCAG 1.4.10), px by view: {narrow}"

    shown = seen["presenter"]
    assert not shown["introOpen"], "a presenter link folds the page's introduction away"
    assert shown["focused"] == "cc-panel-outcomes", "a presenter link focuses its view's panel"
    assert -1 <= shown["tabTop"] < 300, f"the view's tabs are on screen without scrolling (top {shown['tabTop']})"
    assert min(shown["textPx"]) >= 16, f"chart text is at least 16 px on the projector: {min(shown['textPx'])}"
    assert shown["series"] >= 8 and shown["series"] == shown["tableRows"], "every arm is drawn, and in the table"
    styles = shown["strokes"][:8]
    assert None not in styles and len(set(styles)) == len(styles), f"colour|dash repeated among eight arms: {styles}"
    labels = shown["labels"]
    assert len(labels) == shown["series"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, f"labels overlap: {a} and {b}"
    texts = [label["text"] for label in labels]
    assert not any("-" in text.split(" (")[0] and " " not in text for text in texts), f"arm ids shown: {texts}"
    assert "Usual care" in shown["table"] and "Collaborative Care (reference, week 52)" in shown["table"]
    assert "undefined" not in shown["table"] and "NaN" not in shown["table"], f"a figure is missing:\n{shown['table']}"
    assert "Horizontal axis: week 0 to 52" in shown["caption"] and "0% to 100%" in shown["caption"]
    assert seen["foreignRequests"] == [] and seen["consoleErrors"] == [], seen["consoleErrors"]


def test_controls_undo_copy_link_and_walkthrough_in_firefox(site_server):
    """Issue 12 points 3, 4 and 5, in one boot of Python whose explainer wheel the driver holds back."""
    seen = run_firefox("controls", site_server)
    boot = seen["boot"]
    assert boot["pythonReady"] is None, "the checks below ran while Python was still booting"
    assert boot["controls"] > 20 and boot["live"] == [], f"controls live during boot: {boot['live']}"
    assert boot["patientNameDisabled"] and boot["nextDisabled"], "patient names and Next week are inert during boot"
    assert boot["addressAfterKeys"] == boot["address"], "N, P, R and 3 during boot stay on the page"
    assert boot["keysOnWindow"] == [], f"keys reached Material's shortcuts during boot: {boot['keysOnWindow']}"
    assert boot["play"] == {"text": "Play", "pressed": "false"}, "P during boot leaves Play as it was"
    assert boot["afterFirstClick"].startswith("Week 1 "), "Next week clicked the moment it is enabled runs a week"
    assert boot["playAfterBoot"] == {"text": "Play", "pressed": "false"}
    assert boot["addressAfterBoot"].startswith(boot["address"].split("?")[0])

    play = seen["play"]
    assert play["playing"] == {"text": "Pause", "pressed": "true"}, "while playing the button offers Pause"
    assert play["paused"] == {"text": "Play", "pressed": "false"} and play["timerStopped"], "Pause stops at once"

    undo, week = seen["undo"], play["week"]
    assert undo["resetMessageShown"] and f"week {week}" in undo["resetMessage"], undo["resetMessage"]
    assert undo["registryRestored"], "Undo after Reset brings back the registry exactly"
    assert f"week {week}" in undo["scenarioMessage"], undo["scenarioMessage"]
    assert undo["afterScenarioUndo"].startswith(f"Week {week} of 52") and undo["scenarioPicked"] == "impact-like"
    assert undo["registryAfterScenarioUndo"]

    copy = seen["copy"]
    assert copy["statusShown"] and copy["status"].startswith("Link copied"), copy["status"]
    assert f"week={week}" in copy["clipboard"] and "scenario=impact-like" in copy["clipboard"], copy["clipboard"]

    walk = seen["walkthrough"]
    assert not walk["stepsListOpen"], "the steps' outcomes start folded away"
    assert "Step 1 of" in walk["firstStep"] and not walk["stepsListShown"], "only the current step shows"
    assert "Run to week 10" in walk["beforeRun"], walk["beforeRun"]
    text = walk["predictText"]
    assert "Predict" in text and "Predict:" not in text, "the prompt reads once, without a doubled label"
    assert "not improving" not in text.lower(), "the prompt does not give the outcome away"
    assert walk["promptsShown"] == 1, f"{walk['promptsShown']} prompts on screen, not just the current step's"
    assert walk["kept"] == walk["typed"], "the prediction stays beside what happened"
    assert "not improving" in walk["happened"].lower() and "Reflect" in walk["afterRun"]
    assert "Margaret O." in walk["chartTitle"], "the patient's chart is shown at the step"
    assert seen["foreignRequests"] == [] and seen["consoleErrors"] == [], seen["consoleErrors"]


def test_taps_on_terms_and_citations_in_firefox(site_server):
    """Issue 12 point 6 on a 390 x 844 window. Firefox ESR's WebDriver BiDi cannot emulate a touch screen
    (no emulation.setTouchOverride), so the taps are input actions of pointer type "touch": the page sees
    pointerdown events of type touch and then clicks, which is what the tooltips answer."""
    seen = run_firefox("touch", site_server)
    term = seen["term"]
    assert set(term["pointerTypes"]) == {"touch"}, \
        f"the taps reached the page as {term['pointerTypes']} (maxTouchPoints {term['maxTouchPoints']})"
    assert term["pathAfterFirstTap"] == "/model/", "the first tap on a term stays on the page"
    assert term["tipInsideScreen"], "the definition fits inside the phone's screen"
    assert term["pathAfterSecondTap"] == "/reference/glossary/" and term["sameDocument"], "a second tap follows it"
    assert term["glossaryCitationPath"] == "/reference/glossary/", "a citation on the new page answers a tap"
    cite = seen["citation"]
    assert cite["box"]["width"] >= 24 and cite["box"]["height"] >= 24, f"citation target {cite['box']} (WCAG 2.5.8)"
    assert cite["tipText"].startswith(cite["short"]), "a tap on a citation names its source"
    assert not cite["entryInViewAfterFirstTap"], "the first tap stays where the reader is"
    assert cite["hashAfterSecondTap"] == cite["entry"], "a second tap goes to the source"
    assert seen["foreignRequests"] == [] and seen["consoleErrors"] == [], seen["consoleErrors"]
