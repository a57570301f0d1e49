"""MkDocs hook: a Content-Security-Policy on every page that allows only the site's own origin.

The policy is a ``<meta http-equiv>`` tag, so it travels with the files to any static host.
Material's theme has a few small inline scripts; they are allowed by their sha256 hashes, which
are collected from every built page so that all pages carry the same policy (instant navigation
keeps the first page's policy while it swaps in the next page's scripts). WebAssembly
compilation for Pyodide needs ``'wasm-unsafe-eval'``; nothing else is relaxed.

``mkdocs serve`` injects its own live-reload script into each response after the build, so the
policy is left out there; ``mkdocs build`` and the tests always have it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "__COCM_CSP__"
META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S)
POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "worker-src 'self'; "
    "connect-src 'self'; "
    "img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)

enabled = True
inline_hashes: set[str] = set()


def on_startup(command: str, **kwargs) -> None:
    """Leave the policy out under ``mkdocs serve`` (see the module docstring)."""
    global enabled
    enabled = command != "serve"


def on_pre_build(config, **kwargs) -> None:
    inline_hashes.clear()


def script_hash(body: str) -> str:
    """The CSP source expression that allows one inline script."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Note the page's inline scripts and put the policy placeholder first in its head."""
    if not enabled:
        return output
    for match in INLINE_SCRIPT.finditer(output):
        attributes = match.group("attributes")
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue
        inline_hashes.add(script_hash(match.group("body")))
    return output.replace("<head>", "<head>\n    " + META, 1)


def on_post_build(config, **kwargs) -> None:
    """Write the one policy, with every inline script's hash, into every built page."""
    if not enabled:
        return
    policy = POLICY.format(hashes=" ".join(sorted(inline_hashes)))
    for html in Path(config["site_dir"]).rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if PLACEHOLDER in text:
            html.write_text(text.replace(PLACEHOLDER, policy), encoding="utf-8")


def on_post_template(output: str, template_name: str, config, **kwargs) -> str:
    """Give the theme's stand-alone pages (such as 404.html) the policy too."""
    if not template_name.endswith(".html"):
        return output
    return on_post_page(output, None, config)
