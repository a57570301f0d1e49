"""MkDocs hook: curated content (sources, glossary, misconceptions, SMART objectives, pathways).

What it does, in build order:

* ``on_files``: validates ``content/*.yml`` against their schemas, then every page's front matter
  (``title``, ``summary``, ``takeaways``, ``reviewed``) and markers (``[@key]`` citations,
  ``[[term-id]]`` glossary terms, ``<!-- render: name -->`` shortcodes), and fails the build with
  every problem, named by file (and line, or entry and field); a source that nothing cites fails too;
* ``on_page_markdown``: renders shortcodes from the data with Jinja2, puts the plain-language
  summary, key takeaways and review date after the H1, turns citations into numbered links with a
  reference list at the end of the page, and glossary terms into links with an accessible tooltip;
* ``on_files`` also checks the knowledge checks (``content/checks/<section>/<page>.yml``, see
  ``cocm_content.checks``), which ``on_page_markdown`` appends to their pages as "Check your
  understanding", before the reference list, so their citations are numbered with the page's;
* ``on_page_content``: links the browser modules and style sheets a page uses (``PAGE_ASSETS``), so a
  page without glossary terms, tables or reflective questions fetches none of their code, and puts in
  the simulator's interactive parts, which must not pass through Markdown (``cocm_content.simulator``).

The logic lives in the ``cocm_content`` package next to this file; see its modules. The browser code
lives under ``docs/assets/`` (the styles every page needs are in ``mkdocs.yml``'s ``extra_css``).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from cocm_content.checks import Checks, first_cited_in_checks, load_checks, render_checks, render_progress
from cocm_content.data import load_content
from cocm_content.markup import heading_ids, headings, segments
from cocm_content.pages import EXPLAINER, SHORTCODE_DATA, PageScan, scan_page, uncited_sources
from cocm_content.render import PageContext, Renderer
from cocm_content.schema import ContentError
from cocm_content.simulator import check_explainer_sources, explainer_sources
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
PAGE_ASSETS: tuple[tuple[tuple[str, ...], str], ...] = (
    (('class="cc-term"', 'class="cc-cite__item"'), "assets/javascripts/tooltips.mjs"),
    (("<table",), "assets/javascripts/tables.mjs"),
    (("data-cc-rq",), "assets/stylesheets/reflective-questions.css"),
    (("data-cc-rq",), "assets/stylesheets/reflective-questions-print.css"),
    (("data-cc-rq",), "assets/javascripts/reflective-questions.mjs"),
    (("data-cc-table", "data-cc-rules"), "assets/stylesheets/teaching.css"),
    (("data-cc-checks", "data-cc-progress"), "assets/stylesheets/checks.css"),
    (("data-cc-record",), "assets/stylesheets/checks-print.css"),
    (("data-cc-checks", "data-cc-progress"), "assets/javascripts/checks.mjs"),
)
"""Each browser module or style sheet under docs/, and the markup that makes a page need it (any of)."""
_SHORTCODE = re.compile(r"<!--\s*render:\s*([A-Za-z0-9_-]+)\s*-->")
_H1 = re.compile(r"^#[ \t]+\S.*$", re.MULTILINE)

_state: dict = {}


# Hooks ------------------------------------------------------------------------------------------

# Validate data and every page; fail the build listing every problem
def on_files(files: Files, config):
    for _, uri in PAGE_ASSETS:
        if files.get_file_from_path(uri) is None:
            raise PluginError(f"content.py: docs/{uri} is missing")

    def page_exists(path: str) -> bool:
        file = files.get_file_from_path(path)
        return file is not None and file.is_documentation_page()

    def anchor_ids(path: str) -> set[str] | None:
        file = files.get_file_from_path(path)
        return heading_ids(file.content_string) if file is not None and file.is_documentation_page() else None

    try:
        content = load_content(ROOT, page_exists, anchor_ids)
    except ContentError as exc:
        raise PluginError(_report("content data", exc.errors)) from None

    errors: list[str] = []
    checks, problems = load_checks(
        ROOT, set(content.sources), set(content.glossary), page_exists, anchor_ids,
        pages=[file.src_uri for file in files.documentation_pages()],
    )
    errors.extend(problems)
    cited = {key: list(files_) for key, files_ in content.data_citations.items()}
    for key, labels in checks.cited.items():
        cited.setdefault(key, []).extend(labels)
    content = dataclasses.replace(content, data_citations=cited)
    pages: dict[str, PageScan] = {}
    for file in files.documentation_pages():
        label = f"docs/{file.src_uri}"
        page, problems = scan_page(file.content_string, label, content)
        pages[file.src_uri] = page
        errors.extend(problems)
    if any(SHORTCODE_DATA.get(name) == EXPLAINER for page in pages.values() for name, _ in page.shortcodes):
        # Pages that show the simulator's rules cite the rules' sources: check them, count them as cited.
        errors.extend(check_explainer_sources(set(content.sources)))
        cited = {key: list(files_) for key, files_ in content.data_citations.items()}
        for key in explainer_sources():
            cited.setdefault(key, []).append(EXPLAINER)
        content = dataclasses.replace(content, data_citations=cited)
    for key in uncited_sources(content, pages):
        errors.append(f"content/sources.yml: entry '{key}': no page or data file cites this source")
    if errors:
        raise PluginError(_report("pages", errors))

    citing: dict[str, list[str]] = {}
    for uri, page in pages.items():
        keys = [k for k, _ in page.cites]
        for name, _ in page.shortcodes:
            data_file = SHORTCODE_DATA.get(name)
            keys += [k for k, used_in in content.data_citations.items() if data_file in used_in]
        keys += [k for k, used_in in checks.cited.items() if f"content/checks/{uri[:-3]}.yml" in used_in]
        for key in dict.fromkeys(keys):
            citing.setdefault(key, []).append(uri)
    renderer = Renderer(content)
    nav = _nav_paths(config["nav"])
    renderer.shortcodes["checks-progress"] = lambda ctx: render_progress(renderer, ctx, checks, nav)
    _state.update(
        renderer=renderer,
        checks=checks,
        titles={uri: str(p.meta.get("title", uri)) for uri, p in pages.items()},
        citing=citing,
    )
    return files


# Render shortcodes, the summary box, citations, glossary terms and the reference list
def on_page_markdown(markdown: str, page, config, files: Files):
    renderer: Renderer = _state["renderer"]
    label = f"docs/{page.file.src_uri}"

    def url_to(path: str) -> str:
        target = files.get_file_from_path(path)
        if target is None:
            raise PluginError(f"{label}: links to '{path}', which does not exist")
        return get_relative_url(target.url, page.file.url)

    ctx = PageContext(page.file.src_uri, url_to, _state["titles"], _state["citing"])
    try:
        markdown = _render_shortcodes(markdown, renderer, ctx)
        markdown = _insert_summary(markdown, page.meta, renderer)
        checks: Checks = _state["checks"]
        if page.file.src_uri in checks.pages:
            questions = checks.pages[page.file.src_uri]
            markdown = markdown.rstrip() + "\n\n" + render_checks(renderer, ctx, questions, headings(markdown))
        markdown, order = renderer.link_terms_and_citations(markdown, ctx)
    except KeyError as exc:
        raise PluginError(f"{label}: {exc.args[0]}") from None
    return markdown.rstrip() + "\n" + first_cited_in_checks(markdown, renderer.references(order, ctx), order)


# Link the modules and style sheets the page's markup needs (sheets first, modules last), then put in
# the simulator parts that wait for the finished HTML; they bring their own code (overrides/main.html)
def on_page_content(html: str, page, config, files: Files):
    needed = [uri for markers, uri in PAGE_ASSETS if any(marker in html for marker in markers)]
    links = [get_relative_url(uri, page.file.url) for uri in needed]
    sheets = "".join(f'<link rel="stylesheet" href="{url}">' for url in links if url.endswith(".css"))
    modules = "".join(f'<script type="module" src="{url}"></script>' for url in links if url.endswith(".mjs"))
    try:
        html = _state["renderer"].fill_parts(html, f"docs/{page.file.src_uri}")
    except KeyError as exc:
        raise PluginError(exc.args[0]) from None
    return sheets + html + modules


# Helper functions -------------------------------------------------------------------------------

# One error message listing every problem, one per line
def _report(what: str, errors: list[str]) -> str:
    lines = "\n".join(f"  - {e}" for e in errors)
    return f"Curated content check failed ({what}): {len(errors)} problem(s):\n{lines}"


# The docs paths of the navigation, in its order
def _nav_paths(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


# Replace each <!-- render: name --> comment (outside code) with the rendered data
def _render_shortcodes(markdown: str, renderer: Renderer, ctx: PageContext) -> str:
    out = []
    for is_prose, text, _ in segments(markdown):
        match = None if is_prose else _SHORTCODE.fullmatch(text.strip())
        if match is None:
            out.append(text)
            continue
        name = match.group(1)
        if name not in renderer.shortcodes:
            raise KeyError(f"unknown shortcode '<!-- render: {name} -->'")
        out.append("\n\n" + renderer.shortcodes[name](ctx).strip("\n") + "\n\n")
    return "".join(out)


# Put the summary box after the first H1 outside code, adding an H1 from the title if none
def _insert_summary(markdown: str, meta: dict, renderer: Renderer) -> str:
    block = renderer.summary_block(meta)
    offset = 0
    for is_prose, text, _ in segments(markdown):
        if is_prose:
            match = _H1.search(text)
            if match:
                at = offset + match.end()
                return markdown[:at] + "\n\n" + block + "\n" + markdown[at:].lstrip("\n")
        offset += len(text)
    return f"# {meta['title']}\n\n{block}\n{markdown.lstrip()}"
