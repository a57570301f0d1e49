"""Finding and rewriting citation and glossary markers in page Markdown.

Syntax (shared with every writer of pages and data):

* citation: ``[@key]`` or ``[@key1; @key2]``; keys are the lowercase keys of ``content/sources.yml``;
* glossary term: ``[[term-id]]`` or ``[[shown text|term-id]]``; ids are those of ``content/glossary.yml``;
* data shortcode: ``<!-- render: name -->`` on a line of its own.

Nothing inside fenced code blocks, inline code spans, HTML comments or ``<script>``/``<style>``
elements is touched, so a page can show the syntax itself in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

CITATION = re.compile(r"\[(@[^\]\n]*)\]")
"""Anything that looks like a citation; :data:`CITATION_KEY` then checks each key in it."""
CITATION_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TERM = re.compile(r"\[\[(?:([^\[\]|\n]+)\|)?([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
"""A glossary marker: optional shown text and a pipe, then the term id."""
TERM_LIKE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
"""Anything written like a glossary marker; used to report malformed ones."""
SHORTCODE = re.compile(r"^[ \t]*<!--\s*render:\s*([A-Za-z0-9_-]*)\s*-->[ \t]*$", re.MULTILINE)
SHORTCODE_LIKE = re.compile(r"<!--\s*render\s*:")

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_PROTECTED_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<script><(script|style)\b.*?</(?:script|style)\s*>)",
    re.DOTALL | re.IGNORECASE,
)


def segments(markdown: str) -> Iterator[tuple[bool, str, int]]:
    """Split Markdown into (is_prose, text, first line number) pieces, in order.

    Fenced code blocks, inline code, HTML comments and script/style elements come out with
    ``is_prose`` False; joining every piece gives the input back unchanged.
    """
    lines = markdown.splitlines(keepends=True)
    prose: list[str] = []
    prose_start = 1
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            prose.append(lines[i])
            i += 1
            continue
        if prose:
            yield from _inline_segments("".join(prose), prose_start)
            prose = []
        fence = match.group(1)
        start = i
        i += 1
        while i < len(lines):
            close = _FENCE.match(lines[i])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                i += 1
                break
            i += 1
        yield False, "".join(lines[start:i]), start + 1
        prose_start = i + 1
    if prose:
        yield from _inline_segments("".join(prose), prose_start)


def _inline_segments(text: str, first_line: int) -> Iterator[tuple[bool, str, int]]:
    pos = 0
    line = first_line
    for match in _PROTECTED_INLINE.finditer(text):
        if match.start() > pos:
            yield True, text[pos : match.start()], line
            line += text.count("\n", pos, match.start())
        yield False, match.group(0), line
        line += match.group(0).count("\n")
        pos = match.end()
    if pos < len(text):
        yield True, text[pos:], line


def rewrite_prose(markdown: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to the prose pieces only; code, comments and scripts pass through."""
    return "".join(rewrite(text) if is_prose else text for is_prose, text, _ in segments(markdown))


def split_keys(inner: str) -> list[str]:
    """The keys of a citation's inside (``@a; @b``) in order; raises ValueError when malformed."""
    keys = []
    for part in inner.split(";"):
        part = part.strip()
        if not part.startswith("@") or not CITATION_KEY.fullmatch(part[1:]):
            raise ValueError(part or "(empty)")
        keys.append(part[1:])
    return keys


def scan(markdown: str, first_line: int = 1) -> Iterator[tuple[str, str, int]]:
    """Every marker in the prose of ``markdown`` as (kind, value, line).

    kind is ``cite`` (value: a key), ``term`` (value: a term id), ``bad-cite`` and ``bad-term``
    (value: the malformed text), ``shortcode`` (value: its name) or ``bad-shortcode``.
    """
    for is_prose, text, line0 in segments(markdown):
        line0 += first_line - 1
        if not is_prose:
            if text.lstrip().startswith("<!--"):
                for match in SHORTCODE.finditer(text):
                    yield "shortcode", match.group(1), line0 + text.count("\n", 0, match.start())
                if SHORTCODE_LIKE.match(text.lstrip()) and not SHORTCODE.fullmatch(text.strip()):
                    yield "bad-shortcode", text.strip(), line0
            continue
        for match in CITATION.finditer(text):
            line = line0 + text.count("\n", 0, match.start())
            try:
                for key in split_keys(match.group(1)):
                    yield "cite", key, line
            except ValueError:
                yield "bad-cite", match.group(0), line
        for match in TERM_LIKE.finditer(text):
            line = line0 + text.count("\n", 0, match.start())
            term = TERM.fullmatch(match.group(0))
            if term:
                yield "term", term.group(2), line
            else:
                yield "bad-term", match.group(0), line


def markers_in_text(text: str) -> tuple[list[str], list[str], list[str]]:
    """Citation keys, term ids and malformed markers in one data field (no line numbers)."""
    cites, terms, bad = [], [], []
    for kind, value, _ in scan(text):
        if kind == "cite":
            cites.append(value)
        elif kind == "term":
            terms.append(value)
        elif kind.startswith("bad-"):
            bad.append(value)
    return cites, terms, bad


_ATX = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def heading_ids(markdown: str) -> set[str]:
    """The ids the ``toc`` extension gives the headings of a page (explicit ``{ #id }`` or slugs).

    Used to check ``page.md#anchor`` links in data before the pages are rendered; glossary and
    citation markers are reduced to the words they show, as in the built page.
    """
    return set(headings(markdown))


def headings(markdown: str) -> dict[str, str]:
    """Heading id -> the heading's words (markers, links and emphasis reduced to their text), in page order."""
    from markdown.extensions.toc import slugify

    found: dict[str, str] = {}
    for is_prose, text, _ in segments(markdown):
        if not is_prose:
            continue
        for line in text.splitlines():
            match = _ATX.match(line)
            if not match:
                continue
            heading = match.group("text")
            explicit = _ATTR_ID.search(heading)
            heading = _ATTR_ID.sub("", heading).strip()
            heading = TERM.sub(lambda m: m.group(1) or m.group(2).replace("-", " "), heading)
            heading = CITATION.sub("", heading)
            heading = _LINK.sub(r"\1", heading)
            heading = re.sub(r"[*_`]", "", heading).strip()
            found.setdefault(explicit.group("id") if explicit else slugify(heading, "-"), heading)
    return found
