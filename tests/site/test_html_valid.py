"""The built pages are valid HTML: html-validate's standard rules (the WHATWG specification's content
models, attributes and values) find no error in the markup the project writes.

html-validate (npm, pinned in package-lock.json) runs offline under Node. Material's own chrome has
two known slips the project does not write and leaves alone: ``autocomplete`` on its hidden toggle
checkboxes (kept so Firefox does not restore their state on Back) and an empty ``tabindex`` on its
section labels. Both sit on elements whose ids Material starts with two underscores; errors on such
elements are Material's, every other error is ours.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"
CONFIG = Path(__file__).with_name("htmlvalidate.json")
MATERIAL_CHROME = "#__"
"""Selectors html-validate gives for Material's toggles and navigation labels (``#__drawer``, ``#__nav_2_label``)."""


def validation_errors(pages: list[Path], report: Path) -> list[dict]:
    """Every error html-validate reports for these files, each with its file, line, rule and selector."""
    assert VALIDATOR.is_file(), "html-validate is missing: run scripts/test (it runs npm ci)"
    subprocess.run([str(VALIDATOR), "--config", str(CONFIG), f"--formatter=json={report}", *map(str, pages)],
                   cwd=ROOT, capture_output=True, text=True, check=False)
    return [{"file": result["filePath"], **message}
            for result in json.loads(report.read_text(encoding="utf-8")) for message in result["messages"]]


def ours(errors: list[dict]) -> list[str]:
    """The errors in the project's markup, as "file:line:column rule: message" lines."""
    return [f"{e['file']}:{e['line']}:{e['column']} {e['ruleId']}: {e['message']}"
            for e in errors if not (e.get("selector") or "").startswith(MATERIAL_CHROME)]


def test_the_projects_markup_is_valid_html(site_pages, site_dir, tmp_path):
    pages = [site_dir / rel for rel in site_pages]
    assert ours(validation_errors(pages, tmp_path / "report.json")) == []


def test_the_validator_catches_an_error_in_our_markup(tmp_path):
    """The check above can fail: a duplicated id and a block inside a paragraph are reported as ours."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><title>t</title></head><body>'
                    '<p id="a">x<div>y</div></p><span id="a"></span></body></html>', encoding="utf-8")
    found = ours(validation_errors([page], tmp_path / "report.json"))
    assert any("no-dup-id" in line for line in found), found
    assert len(found) >= 2, found
