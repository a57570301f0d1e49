"""Workshop mode: ``scripts/workshop.py`` (``scripts/serve --workshop``) builds for the address it serves,
prints that address and a terminal QR code of it, and serves a site whose ``site_url`` is that address.

Only loopback is used here: the test serves on 127.0.0.1, never on the machine's network address.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request

import zxingcpp
from PIL import Image

from tests.conftest import ROOT, TEST_PORT

PORT = TEST_PORT + 101
ADDRESS = f"http://127.0.0.1:{PORT}/"
# segno's compact terminal code: each character is two modules, top and bottom; a block is light.
HALF_BLOCKS = {"█": (0, 0), "▀": (0, 1), "▄": (1, 0), " ": (1, 1)}
"""Character -> (top is dark, bottom is dark)."""


def decode_terminal_qr(lines: list[str]) -> list[str]:
    """Redraw the printed code as an image (5 pixels a module) and decode it with zxing-cpp."""
    rows = []
    for line in lines:
        rows.append([HALF_BLOCKS[char][0] for char in line])
        rows.append([HALF_BLOCKS[char][1] for char in line])
    scale = 5
    image = Image.new("L", (len(rows[0]) * scale, len(rows) * scale), 255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_workshop_mode_prints_and_serves_the_address_it_built_for(tmp_path):
    command = [sys.executable, str(ROOT / "scripts" / "workshop.py"), "--address", "127.0.0.1",
               "--port", str(PORT), "--site-dir", str(tmp_path / "site")]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        printed = []
        for line in process.stdout:
            printed.append(line.rstrip("\n"))
            if line.startswith("Serving"):
                break
        assert printed and printed[-1].startswith("Serving"), "\n".join(printed)
        assert f"Workshop site: {ADDRESS}" in printed
        assert any("only this computer can open the site" in line for line in printed)
        code = [line for line in printed if line and set(line) <= set(HALF_BLOCKS)]
        assert decode_terminal_qr(code) == [ADDRESS]
        with urllib.request.urlopen(ADDRESS + "simulator/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert f'<meta name="cocm-site-url" content="{ADDRESS}">' in page
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
