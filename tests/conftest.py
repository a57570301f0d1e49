"""Fixtures shared by every test folder: the built site, a loopback server, and Debian's Chromium.

``scripts/test`` builds the site once (strict) and passes its folder in ``COCM_SITE_DIR``; run
alone, pytest builds it into a temporary folder. Either way the site's ``site_url`` names the
port the tests serve it on, so Material's instant navigation really runs.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_PORT = int(os.environ.get("COCM_TEST_PORT", "8765"))
SITE_URL = f"http://127.0.0.1:{TEST_PORT}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Folder of the built site (index.html at its top)."""
    given = os.environ.get("COCM_SITE_DIR")
    if given and (Path(given) / "index.html").is_file():
        return Path(given)
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    return target


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with the MIME types Pyodide needs, and no request log on stderr."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        pass


@pytest.fixture(scope="session")
def site_server(built_site) -> str:
    """Serve the built site on 127.0.0.1 at the site_url port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", TEST_PORT), handler)
    except OSError as error:
        pytest.fail(f"Cannot serve the test site on port {TEST_PORT} ({error}); set COCM_TEST_PORT to a free port.")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE_URL
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (Playwright cannot download its own browser here)."""
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("No Chromium found: install Debian's 'chromium' package (scripts/test does this as root).")
    return {**browser_type_launch_args, "executable_path": executable, "args": ["--disable-gpu"]}
