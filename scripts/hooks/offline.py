"""MkDocs hook: make the built site work offline after one visit, and start the simulator from a snapshot.

After the other hooks have written the site (list it last in ``mkdocs.yml``), it

1. writes a Pyodide memory snapshot of the simulator into ``assets/pyodide/`` (``make_snapshot.mjs``,
   with the page's opening scenario answered ahead; cached in ``.cache/snapshots/opening-<scenario>/``
   under the Pyodide version and the wheel's sha256);
2. names the build by a sha256 over every file, and writes that id into each page's
   ``<meta name="cocm-build">``, so the service worker can tell a page of another build;
3. writes ``sw.js`` at the site's root from ``docs/assets/javascripts/offline-sw.js``, with a manifest
   of every file it may serve: its path, sha256 (as a Subresource Integrity value), size and group;
4. copies the pinned npm file the page imports to draw QR codes (``qrcode-generator``) into
   ``assets/javascripts/vendor/``;
5. writes a gzipped copy of Pyodide's WebAssembly beside it (``pyodide.asm.wasm.gz``, 3.5 MB for 9.6):
   the simulator's worker and the service worker download that and unpack it in the browser, so a first
   visit fetches 6 MB less from a server that does not compress (Python's, as in ``scripts/serve
   --workshop``), and the same bytes from one that does;
6. lists the snapshot as stored unpacked (``unpacked`` in the manifest, with its unpacked size): the
   service worker checks the gzipped file and stores it inflated, so a return visit need not inflate it.

Every page also gets ``<meta name="cocm-site-url">`` with ``site_url``, the address learners can reach
(``scripts/serve --workshop`` sets it to the laptop's network address). Under ``mkdocs serve``, which
rewrites each page as it serves it, no service worker is written and the site works as it would without.

A hand-written worker (about 150 lines) rather than Workbox's ``generateSW``: Workbox keeps one precache
per scope and updates it in place, while this site wants one cache per build, filled from the previous
one, and a simulator group that is stored only on request (reading pages must not download Pyodide),
and an HTML rule that refuses pages of another build; these would be custom code on top of Workbox,
plus a bundling step in Node at every build.
"""

from __future__ import annotations

import base64
import fnmatch
import gzip
import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

from cocm_content.simulator.app import DEFAULT_SCENARIO
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.offline")

ROOT = Path(__file__).resolve().parents[2]
WORKER_SOURCE = Path("assets") / "javascripts" / "offline-sw.js"
WORKER_NAME = "sw.js"
MAKE_SNAPSHOT = Path(__file__).with_name("make_snapshot.mjs")
SNAPSHOT_CACHE = ROOT / ".cache" / "snapshots"
SNAPSHOT_GLOB = "pyodide-snapshot-*.bin.gz"
SIMULATOR_DIR = "assets/pyodide/"
BUILD_PLACEHOLDER = "__COCM_BUILD__"
BUILD_META_TEMPLATE = '<meta name="cocm-build" content="{}">'
BUILD_META = re.compile(r'<meta name="cocm-build" content="[^"]*">')
MANIFEST_PLACEHOLDER = "self.__COCM_MANIFEST__"
VENDOR_DIR = Path("assets") / "javascripts" / "vendor"
VENDORED = {ROOT / "node_modules" / "qrcode-generator" / "dist" / "qrcode.mjs": "qrcode-generator.mjs"}
"""npm files the page imports, and their names in the site (QR codes of links, share-link.mjs)."""
GZIPPED = ("pyodide.asm.wasm",)
"""Files of SIMULATOR_DIR downloaded as a gzipped copy (name + ".gz"), stored unpacked under their own name."""
NOT_STORED = ("*.map", "sitemap.xml.gz", "assets/javascripts/lunr/*",
              *(SIMULATOR_DIR + name + ".gz" for name in GZIPPED))
"""Never stored as such: source maps, the gzipped sitemap, lunr's other languages (none fetched by the
English site), and the gzipped runtime copies (stored unpacked)."""
UNPACKED = (SIMULATOR_DIR + SNAPSHOT_GLOB,)
"""Gzipped files the service worker stores inflated under their own name (offline-sw.js, UNPACKED); their
size in the manifest is the inflated one, which the footer's "Available offline" adds up."""

enabled = True
worker_source = ""


def on_startup(command: str, **kwargs) -> None:
    global enabled
    enabled = command != "serve"


def on_files(files, config, **kwargs):
    """Take the worker's source out of the site: it is written to the root with its manifest."""
    global worker_source
    source = files.get_file_from_path(WORKER_SOURCE.as_posix())
    if source is not None:
        worker_source = Path(source.abs_src_path).read_text(encoding="utf-8")
        files.remove(source)
    return files


def head_tags(config) -> str:
    site_url = config.get("site_url") or ""
    return (BUILD_META_TEMPLATE.format(BUILD_PLACEHOLDER) + "\n    "
            f'<meta name="cocm-site-url" content="{html.escape(site_url)}">')


def on_post_page(output: str, page, config, **kwargs) -> str:
    return output.replace("<head>", "<head>\n    " + head_tags(config), 1)


def on_post_template(output: str, template_name: str, config, **kwargs) -> str:
    """The theme's stand-alone pages (404.html) carry the build id too."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_build(config, **kwargs) -> None:
    site = Path(config["site_dir"])
    add_snapshot(site / SIMULATOR_DIR)
    add_gzipped(site / SIMULATOR_DIR)
    add_vendored(site)
    if not enabled:
        return
    if not worker_source:
        raise PluginError(f"The service worker's source docs/{WORKER_SOURCE.as_posix()} is missing.")
    manifest = finish_site(site, worker_source)
    size = sum(entry[2] for entry in manifest["files"])
    log.info("Service worker %s: build %s, %d files, %.1f MB", WORKER_NAME, manifest["build"],
             len(manifest["files"]), size / 1e6)


def finish_site(site: Path, source: str) -> dict:
    """Name the build, write its id into every page and write the worker with its manifest; return the
    manifest. Running it again after a file changed gives the changed site a new id (the tests do)."""
    files = stored_files(site)
    pages = {path: BUILD_META.sub(BUILD_META_TEMPLATE.format(BUILD_PLACEHOLDER), path.read_text(encoding="utf-8"))
             for path in files if path.suffix == ".html"}
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    build = build_id(site, files)
    for path, text in pages.items():
        path.write_text(text.replace(BUILD_META_TEMPLATE.format(BUILD_PLACEHOLDER), BUILD_META_TEMPLATE.format(build)),
                        encoding="utf-8")
    entries = [manifest_entry(site, path) for path in files]
    manifest = {"build": build, "files": entries,
                "gzipped": [SIMULATOR_DIR + name for name in GZIPPED if (site / SIMULATOR_DIR / name).is_file()],
                "unpacked": [entry[0] for entry in entries if is_unpacked(entry[0])]}
    worker = source.replace(MANIFEST_PLACEHOLDER, json.dumps(manifest, separators=(",", ":")), 1)
    (site / WORKER_NAME).write_text(worker, encoding="utf-8")
    return manifest


def add_snapshot(target: Path) -> None:
    """Put the simulator's memory snapshot beside the runtime (made once per Pyodide and wheel)."""
    cache = SNAPSHOT_CACHE / f"opening-{DEFAULT_SCENARIO}"
    cache.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node")
    if not node:
        raise PluginError("Node.js is missing: install Node 20 or later (the build runs Pyodide in it).")
    result = subprocess.run([node, str(MAKE_SNAPSHOT), str(target), str(cache), DEFAULT_SCENARIO],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise PluginError(f"Failed making the Pyodide memory snapshot:\n{result.stdout}{result.stderr}")
    name = result.stdout.strip().splitlines()[-1]
    for old in target.glob(SNAPSHOT_GLOB):
        if old.name != name:
            old.unlink()
    if not (target / name).exists():
        shutil.copy2(cache / name, target / name)


def add_gzipped(target: Path) -> None:
    """Write name.gz beside each of GZIPPED (level 9, no time stamp; cached by the file's sha256)."""
    for name in GZIPPED:
        source = target / name
        if not source.is_file():
            continue
        data = source.read_bytes()
        cached = SNAPSHOT_CACHE / f"{name}-{hashlib.sha256(data).hexdigest()[:16]}.gz"
        if not cached.is_file():
            cached.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        shutil.copy2(cached, target / (name + ".gz"))


def add_vendored(site: Path) -> None:
    """Copy the pinned npm packages the page imports (package-lock.json) into ``assets/javascripts/vendor/``."""
    for source, name in VENDORED.items():
        if not source.is_file():
            raise PluginError(f"{source} is missing: run 'npm ci' (scripts/build does it for you).")
        target = site / VENDOR_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def stored_files(site: Path) -> list[Path]:
    """Every file of the site the worker may serve, in a stable order."""
    return sorted(path for path in site.rglob("*")
                  if path.is_file() and path.name != WORKER_NAME
                  and not any(fnmatch.fnmatch(path.relative_to(site).as_posix(), pattern) for pattern in NOT_STORED))


def build_id(site: Path, files: list[Path]) -> str:
    """A short sha256 over the paths and bytes of every stored file (pages before their id is written)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def manifest_entry(site: Path, path: Path) -> list:
    """[URL path relative to the site root, integrity, bytes, group] for one file."""
    relative = path.relative_to(site).as_posix()
    data = path.read_bytes()
    integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
    if path.suffix == ".html":
        url = relative[: -len("index.html")] if path.name == "index.html" else relative
        group = "page"
    else:
        url = relative
        group = "simulator" if relative.startswith(SIMULATOR_DIR) else "asset"
    size = int.from_bytes(data[-4:], "little") if is_unpacked(relative) else len(data)  # gzip's ISIZE (RFC 1952)
    return [url or "./", integrity, size, group]


def is_unpacked(relative: str) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in UNPACKED)
