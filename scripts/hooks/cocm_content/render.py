"""Turn validated content and page Markdown into the Markdown/HTML that MkDocs renders.

All links this module writes are computed relative to the page being rendered (raw HTML is not
rewritten by MkDocs), so they work with any ``use_directory_urls`` setting.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
from markupsafe import Markup

from . import simulator, teach
from .data import Content
from .datafiles import KIND_LABELS, KINDS
from .markup import CITATION, TERM, rewrite_prose, split_keys

TEMPLATES = Path(__file__).parent / "templates"
BIBLIOGRAPHY_PAGE = "reference/bibliography.md"
GLOSSARY_PAGE = "reference/glossary.md"
_MD_EXTENSIONS = ["abbr", "attr_list", "def_list", "tables", "md_in_html"]
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"^#{1,6}[ \t].*$", re.MULTILINE)


def md_block(text: str) -> Markup:
    """A data field's Markdown as HTML (paragraphs kept)."""
    return Markup(md.markdown(text.strip(), extensions=_MD_EXTENSIONS))


def md_inline(text: str) -> Markup:
    """A one-paragraph data field's Markdown as inline HTML (the outer <p> removed)."""
    out = md.markdown(text.strip(), extensions=_MD_EXTENSIONS)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)


def plain(text: str) -> str:
    """A field's Markdown as plain text (markers reduced to their words), for tooltips."""
    text = TERM.sub(lambda m: m.group(1) or m.group(2).replace("-", " "), text)
    text = CITATION.sub("", text)
    return " ".join(html.unescape(_TAG.sub("", md.markdown(text))).split())


def short_reference(source: dict[str, Any]) -> str:
    """'Unützer et al. 2002' style: the 'short' field, else first author (+ et al.) and year."""
    if source.get("short"):
        return str(source["short"])
    names = str(source["authors"]).strip()
    more = names.endswith("et al.")
    authors = [a.strip() for a in names.removesuffix("et al.").split(",") if a.strip()]
    more = more or len(authors) > 1
    parts = authors[0].split()
    if len(parts) > 1 and re.fullmatch(r"[A-Z](?:-?[A-Z]){0,3}", parts[-1]):
        parts = parts[:-1]
    return f"{' '.join(parts)}{' et al.' if more else ''} {source['year']}"


def with_citation(text: str, keys: list[str]) -> str:
    """A data field's Markdown with a citation marker for ``keys`` appended to its last line."""
    return f"{text.rstrip()} [@{'; @'.join(keys)}]" if keys else text


def environment() -> jinja2.Environment:
    """The Jinja2 environment for the templates next to this module."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_block
    env.filters["mdi"] = md_inline
    env.filters["short"] = short_reference
    env.filters["cite"] = with_citation
    return env


def format_date(value: Any) -> tuple[str, str]:
    """(ISO, '22 November 2026') for a front-matter date or ISO string."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return day.isoformat(), f"{day.day} {day:%B %Y}"


@dataclass
class PageContext:
    """What rendering one page needs to know about the rest of the site."""

    src_uri: str
    url_to: Callable[[str], str]
    """Maps a docs path (``reference/glossary.md``) to a URL relative to this page."""
    titles: dict[str, str] = field(default_factory=dict)
    """Docs path -> page title, for pathway links."""
    citing_pages: dict[str, list[str]] = field(default_factory=dict)
    """Source key -> docs paths of pages citing it, for the bibliography's back-links."""


class Renderer:
    """Renders shortcodes, the page summary box, citations and glossary terms for one site."""

    def __init__(self, content: Content):
        self.content = content
        self.env = environment()
        self.shortcodes: dict[str, Callable[[PageContext], str]] = {
            "bibliography": self.bibliography,
            "glossary": self.glossary,
            "misconceptions": self.misconceptions,
            "smart-objectives": self.smart_objectives,
            "pathways": self.pathways,
        }
        self.shortcodes.update(
            {name: functools.partial(render, self) for name, render in teach.SHORTCODES.items()}
        )
        self.shortcodes.update(
            {name: functools.partial(self._part, name, render) for name, render in simulator.SHORTCODES.items()}
        )
        self.parts: dict[str, str] = {}
        self.part_count = 0
        """Rendered parts waiting for the page's finished HTML, by placeholder (see :meth:`fill_parts`)."""

    def _part(self, name: str, render: Callable[..., str], ctx: PageContext) -> str:
        """A simulator part: its markup, or for one put in after Markdown, a placeholder paragraph."""
        html_part = render(self, ctx)
        if name not in simulator.AFTER_MARKDOWN:
            return html_part
        self.part_count += 1
        placeholder = f"CC-RENDER-PART-{self.part_count}"
        self.parts[placeholder] = html_part
        return placeholder

    def fill_parts(self, html_text: str, label: str) -> str:
        """The page's HTML with each waiting part in place of its placeholder paragraph."""
        for placeholder in [p for p in self.parts if p in html_text]:
            html_text = html_text.replace(f"<p>{placeholder}</p>", self.parts.pop(placeholder))
        if "CC-RENDER-PART-" in html_text:
            raise KeyError(f"{label}: a simulator part's shortcode must stand alone in its own paragraph")
        return html_text

    # Shortcodes -----------------------------------------------------------------------------

    def bibliography(self, ctx: PageContext) -> str:
        groups = []
        for kind in KINDS:
            entries = sorted(
                (s for s in self.content.sources.values() if s["kind"] == kind),
                key=lambda s: (short_reference(s).lower(), s["key"]),
            )
            if entries:
                groups.append({"kind": kind, "label": KIND_LABELS[kind], "entries": entries})
        citing = {
            key: [{"title": ctx.titles.get(p, p), "url": ctx.url_to(p)} for p in pages]
            for key, pages in ctx.citing_pages.items()
        }
        return self.env.get_template("bibliography.html.j2").render(groups=groups, citing=citing)

    def glossary(self, ctx: PageContext) -> str:
        terms = sorted(self.content.glossary.values(), key=lambda t: t["term"].lower())
        return self.env.get_template("glossary.html.j2").render(terms=terms, glossary=self.content.glossary)

    def misconceptions(self, ctx: PageContext) -> str:
        return self.env.get_template("misconceptions.html.j2").render(items=self.content.misconceptions)

    def smart_objectives(self, ctx: PageContext) -> str:
        return self.env.get_template("smart_objectives.html.j2").render(items=self.content.smart_objectives)

    def pathways(self, ctx: PageContext) -> str:
        paths = [
            {
                **p,
                "steps": [
                    {"title": ctx.titles.get(s["page"], s["page"]), "url": ctx.url_to(s["page"]), "why": s["why"]}
                    for s in p["pages"]
                ],
            }
            for p in self.content.pathways
        ]
        return self.env.get_template("pathways.html.j2").render(paths=paths)

    # Page-level rendering --------------------------------------------------------------------

    def summary_block(self, meta: dict[str, Any]) -> str:
        iso, human = format_date(meta["reviewed"])
        return self.env.get_template("summary.md.j2").render(
            summary=" ".join(str(meta["summary"]).split()),
            takeaways=[" ".join(str(t).split()) for t in meta["takeaways"]],
            iso=iso,
            human=human,
        )

    def link_terms_and_citations(self, markdown: str, ctx: PageContext) -> tuple[str, list[str]]:
        """Rewrite markers in the prose; return the new Markdown and cited keys in first-use order."""
        order: list[str] = []
        first_cite_seen: set[str] = set()
        terms_seen: set[str] = set()
        glossary_url = ctx.url_to(GLOSSARY_PAGE)
        tip_ids: dict[str, int] = {}

        def cite(match: re.Match[str]) -> str:
            keys = split_keys(match.group(1))
            links = []
            for key in keys:
                if key not in self.content.sources:
                    raise KeyError(f"unknown source '{key}'")
                if key not in order:
                    order.append(key)
                n = order.index(key) + 1
                anchor = ""
                if key not in first_cite_seen:
                    first_cite_seen.add(key)
                    anchor = f' id="cite-{key}"'
                source = self.content.sources[key]
                short, title = short_reference(source), plain(source["title"])
                tip = html.escape(short if title.lower() in short.lower() else f"{short}. {title}", quote=False)
                count = tip_ids[f"cite-{key}"] = tip_ids.get(f"cite-{key}", 0) + 1
                tip_id = f"cc-tip-cite-{key}-{count}"
                links.append(
                    f'<span class="cc-cite__item"><a href="#ref-{key}"{anchor} aria-label="Source {n}" '
                    f'aria-describedby="{tip_id}" data-short="{html.escape(short, quote=True)}">{n}</a>'
                    f'<span class="cc-cite__tip" role="tooltip" id="{tip_id}">{tip}</span></span>'
                )
            return f'<sup class="cc-cite">{",".join(links)}</sup>'

        def term(match: re.Match[str]) -> str:
            term_id = match.group(2)
            entry = self.content.glossary.get(term_id)
            if entry is None:
                raise KeyError(f"unknown glossary term '{term_id}'")
            shown = html.escape(match.group(1) or entry["term"], quote=False)
            href = f"{glossary_url}#term-{term_id}"
            if ctx.src_uri == GLOSSARY_PAGE:
                href = f"#term-{term_id}"
            if term_id in terms_seen:
                return f'<a class="cc-term-link" href="{href}">{shown}</a>'
            terms_seen.add(term_id)
            count = tip_ids[term_id] = tip_ids.get(term_id, 0) + 1
            tip_id = f"cc-tip-{term_id}-{count}"
            definition = html.escape(plain(entry["definition"]), quote=False)
            return (
                f'<span class="cc-term"><a class="cc-term-link" href="{href}" aria-describedby="{tip_id}">'
                f'{shown}</a><span class="cc-term__tip" role="tooltip" id="{tip_id}">'
                f"{definition}</span></span>"
            )

        def plain_term(match: re.Match[str]) -> str:
            entry = self.content.glossary.get(match.group(2))
            if entry is None:
                raise KeyError(f"unknown glossary term '{match.group(2)}'")
            shown = html.escape(match.group(1) or entry["term"], quote=False)
            return f'<a class="cc-term-link" href="{glossary_url}#term-{match.group(2)}">{shown}</a>'

        def rewrite(text: str) -> str:
            # A space before a citation goes (the number hugs the word), but never a line's indent.
            text = re.sub(r"(?<=\S)[ \t]+(?=\[@)", "", text)
            text = CITATION.sub(cite, text)
            # In headings a term is a plain link: a tooltip there would leak into the table of contents.
            text = _HEADING.sub(lambda m: TERM.sub(plain_term, m.group(0)), text)
            return TERM.sub(term, text)

        return rewrite_prose(markdown, rewrite), order

    def references(self, order: list[str], ctx: PageContext) -> str:
        if not order:
            return ""
        bib = ctx.url_to(BIBLIOGRAPHY_PAGE)
        if ctx.src_uri == BIBLIOGRAPHY_PAGE:
            bib = ""
        items = [{"key": k, "source": self.content.sources[k], "bib": f"{bib}#src-{k}"} for k in order]
        return self.env.get_template("references.html.j2").render(items=items)
