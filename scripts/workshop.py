"""Serve the site to a workshop room from this laptop: ``scripts/serve --workshop``.

Finds the laptop's address on the local network, builds the site with ``site_url`` set to it (so
"Copy link" and the presenter's QR code give learners an address their phones can open), prints the
address and a QR code of it in the terminal (``segno``), and serves the built folder on that address
until Ctrl+C. Nothing leaves the room: learners' devices load every file from the laptop.

Phones reach the laptop over plain HTTP on a private address, which browsers do not treat as a secure
context, so they get no service worker: the site works for them while the laptop serves it, as it
would without one (see the facilitator guide, "Running a workshop offline").
"""

from __future__ import annotations

import argparse
import functools
import os
import socket
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import segno

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / "build" / "workshop-site"
LOOPBACK = "127.0.0.1"


def network_address() -> str:
    """This machine's address on its local network (the interface of its default route), or loopback.

    Connecting a UDP socket sends nothing; it only makes the system pick the outgoing interface.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return LOOPBACK


class Handler(SimpleHTTPRequestHandler):
    """Static files with the MIME types Pyodide needs; one line per request is enough for a room."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}


def build(site_url: str, site_dir: Path) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


def announce(site_url: str, address: str) -> None:
    print(f"Workshop site: {site_url}", flush=True)
    if address == LOOPBACK:
        print("No local network found: only this computer can open the site (loopback). Join the room's "
              "Wi-Fi or the laptop's hotspot and start again.", flush=True)
    else:
        print("Learners on the same Wi-Fi (or this laptop's hotspot) scan this code or type the address:",
              flush=True)
    segno.make(site_url, error="m").terminal(compact=True)
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", help="serve on this address instead of the network's (e.g. 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR, help="where to build the site")
    options = parser.parse_args()
    address = options.address or network_address()
    site_url = f"http://{address}:{options.port}/"
    print(f"Building the site for {site_url} into {options.site_dir}/ …", flush=True)
    build(site_url, options.site_dir)
    server = ThreadingHTTPServer((address, options.port), functools.partial(Handler, directory=str(options.site_dir)))
    announce(site_url, address)
    print("Serving (Ctrl+C to stop).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
