"""A copy of the built site on its own server that a test can stop, switch to another build or make fail.

The offline tests need what the shared session server cannot give: a server that stops (the network
gone), a second build deployed under the same address, and a snapshot that is missing or corrupt. The
copy is served on ``COCM_TEST_PORT + 100`` (helpers running in parallel use neighbouring ports); its
pages, sitemap and manifest are rewritten for that port, so Material's instant navigation still engages
(it needs the served port to match ``site_url``).
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.conftest import ROOT, TEST_PORT, QuietHandler

PORT = TEST_PORT + 100
BASE = f"http://127.0.0.1:{PORT}/"
WORKER_SOURCE = ROOT / "docs" / "assets" / "javascripts" / "offline-sw.js"
REWRITTEN = (".html", ".xml")


def offline_hook():
    """The build hook (scripts/hooks/offline.py), which re-names a changed copy of the site."""
    spec = importlib.util.spec_from_file_location("cocm_offline_hook", ROOT / "scripts" / "hooks" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_site(built: Path, target: Path) -> Path:
    """Copy the built site to target, for this server's port, with its service worker re-made."""
    shutil.copytree(built, target)
    for path in target.rglob("*"):
        if path.suffix in REWRITTEN:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(f"127.0.0.1:{TEST_PORT}/", f"127.0.0.1:{PORT}/"), encoding="utf-8")
    rename_build(target)
    return target


def rename_build(site: Path) -> dict:
    """After files of a copy changed: a new build id in every page and a new worker manifest."""
    return offline_hook().finish_site(site, WORKER_SOURCE.read_text(encoding="utf-8"))


class SiteServer:
    """Serves one folder at a time; records the paths asked for; can answer chosen paths with a failure."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.paths: list[str] = []
        self.failures: dict[str, tuple[int, bytes]] = {}
        self.server = None

    def handler(self, *args, **kwargs):
        owner = self

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802 (the base class names it so)
                owner.paths.append(self.path)
                failure = owner.failures.get(self.path.split("?")[0])
                if failure is None:
                    return super().do_GET()
                status, body = failure
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None

        return functools.partial(Handler, directory=str(self.folder))(*args, **kwargs)

    def start(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", PORT), self.handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
