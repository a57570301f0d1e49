"""The built HTML: conventions on every page, links and anchors that resolve, no third-party assets."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.site

SOURCE_KEYS = [e["key"] for e in yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))]
TERM_IDS = [e["id"] for e in yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))]
SRC_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
             "embed": "src", "track": "src", "input": "src"}
ASSET_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "prefetch"}


def _has_disclaimer(page) -> bool:
    return bool(page.find("aside", class_="cc-disclaimer")) and "For education only" in page.text


def test_every_page_has_the_crisis_line(site_pages):
    for rel, page in site_pages.items():
        assert page.find("a", href="tel:988"), f"{rel}: no 988 crisis-line link"
        assert "call or text 988" in page.text, f"{rel}: crisis-line wording missing"


def test_every_content_page_has_the_disclaimer(content_pages):
    missing = [rel for rel, page in content_pages.items() if not _has_disclaimer(page)]
    assert missing == [], f"no educational-use disclaimer on: {missing}"


def test_the_404_page_has_the_disclaimer(site_pages):
    assert _has_disclaimer(site_pages["404.html"])


def test_every_page_has_summary_takeaways_and_review_date(content_pages):
    for rel, page in content_pages.items():
        assert page.find("div", class_="cc-summary"), f"{rel}: no plain-language summary"
        assert "In plain language" in page.text, rel
        assert page.find("div", class_="cc-takeaways"), f"{rel}: no key takeaways"
        times = [el for el in page.find("time") if el.attrs.get("datetime")]
        assert times and "Last reviewed:" in page.text, f"{rel}: no review date"


def test_every_page_cites_a_source(content_pages):
    for rel, page in content_pages.items():
        if rel == "reference/bibliography/index.html":
            assert all(f"src-{k}" in page.ids for k in SOURCE_KEYS)
            continue
        cites = [el for el in page.find("a") if el.attrs.get("href", "").startswith("#ref-")]
        assert cites, f"{rel}: cites no source"
        for el in cites:
            assert el.attrs["href"][1:] in page.ids, f"{rel}: citation {el.attrs['href']} has no reference entry"
            tip = page.find(id=el.attrs.get("aria-describedby", ""))
            assert tip and tip[0].attrs.get("role") == "tooltip", f"{rel}: citation {el.attrs['href']} has no tooltip"


def test_glossary_terms_have_an_accessible_definition(content_pages):
    seen = 0
    for rel, page in content_pages.items():
        for el in page.find("a", class_="cc-term-link"):
            described = el.attrs.get("aria-describedby")
            if not described:
                continue
            seen += 1
            tips = page.find(id=described)
            assert tips and tips[0].attrs.get("role") == "tooltip", f"{rel}: {described} is not a tooltip"
    assert seen >= 10


def test_bibliography_and_glossary_have_every_entry(site_pages):
    bibliography = site_pages["reference/bibliography/index.html"]
    assert {f"src-{key}" for key in SOURCE_KEYS} <= bibliography.ids
    assert any(i.startswith("kind-") for i in bibliography.ids)
    glossary = site_pages["reference/glossary/index.html"]
    assert {f"term-{term}" for term in TERM_IDS} <= glossary.ids


def test_data_pages_are_rendered(site_pages):
    home = site_pages["index.html"]
    assert {"start-clinician", "start-trainee", "start-supervisor", "start-trainer"} <= home.ids
    myths = site_pages["misconceptions/index.html"]
    assert len([i for i in myths.ids if i.startswith("myth-")]) >= 8
    planning = site_pages["practice/treatment-planning/index.html"]
    assert planning.find("table", class_="cc-smart")
    assert "Illustrative example, not guidance" in planning.text
    payment = site_pages["practice/payment/index.html"]
    assert "when-each-rule-was-checked" in payment.ids
    assert "G0512 discontinued" in payment.text and "2026-12-01" in payment.text


def _target(site: Path, page_rel: str, url: str) -> tuple[Path, str] | None:
    """The file and fragment a same-site URL points at, or None for external and special links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    base = posixpath.dirname(page_rel)
    if not parts.path:
        return site / page_rel, unquote(parts.fragment)
    if parts.path.startswith("/"):  # root-relative, as on the 404 page (site_url's path is "/")
        joined = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / joined
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_no_broken_internal_link_or_anchor(site_dir, site_pages):
    problems = []
    for rel, page in site_pages.items():
        for el in page.elements:
            for attr in ("href", "src"):
                url = el.attrs.get(attr)
                if not url:
                    continue
                target = _target(site_dir, rel, url)
                if target is None:
                    continue
                path, fragment = target
                if not path.is_file():
                    problems.append(f"{rel}: {el.tag}[{attr}={url}] -> missing {path.relative_to(site_dir)}")
                    continue
                if fragment and path.suffix == ".html":
                    target_rel = path.relative_to(site_dir).as_posix()
                    ids = site_pages[target_rel].ids if target_rel in site_pages else set()
                    if fragment not in ids:
                        problems.append(f"{rel}: {el.tag}[{attr}={url}] -> no #{fragment} in {target_rel}")
    assert problems == [], "\n".join(problems[:50])


def test_no_assets_from_other_origins(site_pages):
    problems = []
    for rel, page in site_pages.items():
        for el in page.elements:
            urls = []
            if el.tag in SRC_ATTRS and el.attrs.get("src"):
                urls.append(el.attrs["src"])
            if el.tag == "link" and ASSET_RELS & set(el.attrs.get("rel", "").split()):
                urls.append(el.attrs.get("href", ""))
            for url in urls:
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                    problems.append(f"{rel}: {el.tag} loads {url}")
    assert problems == [], "\n".join(problems)


def test_palette_sheet_does_not_restyle_every_element_at_page_load(site_dir):
    """Material's colour-switching rule is gone (scripts/hooks/palette_css.py): with it, every page load
    restyled every element twice. The palette toggle itself is tested in the browser."""
    sheets = list((site_dir / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(sheets) == 1
    css = sheets[0].read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]" in css, "the palettes themselves are still there"
    assert "[data-md-color-switching]" not in css


def _linked_assets(page) -> set[str]:
    """The file names of the project's own scripts and style sheets a page links."""
    urls = [el.attrs.get("src", "") for el in page.find("script")]
    urls += [el.attrs.get("href", "") for el in page.find("link", rel="stylesheet")]
    return {posixpath.basename(urlsplit(url).path) for url in urls if "/assets/" in url or url.startswith("assets/")}


def test_each_page_fetches_only_the_browser_code_it_uses(site_pages):
    """Tooltip code only where a term or citation has a tooltip; the questions' code on their page only."""
    for rel, page in site_pages.items():
        assets = _linked_assets(page)
        tips = bool(page.find("span", class_="cc-term__tip") or page.find("span", class_="cc-cite__tip"))
        assert ("tooltips.mjs" in assets) == tips, rel
        questions = rel == "teach/reflective-questions/index.html"
        for name in ("reflective-questions.mjs", "reflective-questions.css", "reflective-questions-print.css"):
            assert (name in assets) == questions, f"{rel}: {name}"


def test_instructions_fit_touch_screens_too(content_pages):
    """A page that tells readers to hover or point at something also says what to tap."""
    pointer_only = re.compile(r"\bhover|\bpoint at (?:it|them)\b")
    for rel, page in content_pages.items():
        text = page.text.lower()
        for match in pointer_only.finditer(text):
            sentence = text[text.rfind(".", 0, match.start()) + 1:text.find(".", match.start())]
            assert "tap" in sentence, f"{rel}: '{sentence.strip()}' leaves out touch screens"
