"""MkDocs hook: put the Pyodide runtime and the explainer wheel into the built site.

After each build it copies the five runtime files of the pinned npm package ``pyodide``
(``package-lock.json``) into ``site/assets/pyodide/``, builds the explainer as a pure-Python
wheel (with ``content/scenarios/*.json`` as package data, and its modules compiled to bytecode by
Pyodide's own CPython, see ``compile_bytecode.mjs``) and registers that wheel in the
site's copy of ``pyodide-lock.json`` with pyodide-build's ``pyodide lockfile add-wheels``, so
the worker finds the wheel and its sha256 under the name ``cocm-explainer`` (sim-worker.mjs).

The wheel is cached in ``.cache/wheels/`` under a hash of its inputs, so a rebuild during
``scripts/serve`` only re-packs when the explainer or a scenario changed.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_SOURCE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
"""The only files the browser needs from the npm package (pyodide-notes.md, section 6)."""
SITE_RUNTIME_DIR = Path("assets") / "pyodide"
WHEEL_CACHE = ROOT / ".cache" / "wheels"
WHEEL_INPUTS = ("pyproject.toml", "README.md", "package-lock.json", "explainer/**/*.py", "content/scenarios/*.json",
                "scripts/hooks/compile_bytecode.mjs")
COMPILE_BYTECODE = Path(__file__).with_name("compile_bytecode.mjs")


def wheel_inputs_digest() -> str:
    """A short sha256 over the names and bytes of every file that goes into the wheel."""
    digest = hashlib.sha256()
    for pattern in WHEEL_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """Build (or reuse from the cache) the explainer wheel; return its path."""
    cache = WHEEL_CACHE / wheel_inputs_digest()
    cached = sorted(cache.glob("*.whl"))
    if cached:
        return cached[0]
    with tempfile.TemporaryDirectory() as staging_name:
        staging = Path(staging_name)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, staging / name)
        shutil.copytree(ROOT / "explainer", staging / "explainer", ignore=shutil.ignore_patterns("__pycache__"))
        scenarios = staging / "explainer" / "scenarios"
        scenarios.mkdir(exist_ok=True)
        for scenario in sorted((ROOT / "content" / "scenarios").glob("*.json")):
            shutil.copy2(scenario, scenarios / scenario.name)
        run([node_cli(), str(COMPILE_BYTECODE), str(RUNTIME_SOURCE), str(staging / "explainer")],
            "compiling the explainer to bytecode for Pyodide")
        cache.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", str(cache), str(staging)], "building the explainer wheel")
    return sorted(cache.glob("*.whl"))[0]


def run(command: list[str], what: str) -> None:
    """Run a command; on failure stop the build with its output."""
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise PluginError(f"Failed {what}: {' '.join(command)}\n{result.stdout}{result.stderr}")


def node_cli() -> str:
    """Path of Node, which runs Pyodide at build time to compile the explainer."""
    found = shutil.which("node")
    if not found:
        raise PluginError("Node.js is missing: install Node 20 or later (the build runs Pyodide in it).")
    return found


def pyodide_cli() -> str:
    """Path of pyodide-build's ``pyodide`` command in the running environment."""
    beside_python = Path(sys.executable).with_name("pyodide")
    found = str(beside_python) if beside_python.exists() else shutil.which("pyodide")
    if not found:
        raise PluginError("The 'pyodide' command (pyodide-build) is missing: run scripts/build, which installs it.")
    return found


def on_post_build(config, **kwargs) -> None:
    """Copy the runtime, add the wheel, write the site's lock file."""
    missing = [name for name in RUNTIME_FILES if not (RUNTIME_SOURCE / name).is_file()]
    if missing:
        raise PluginError(
            f"Pyodide runtime files missing from {RUNTIME_SOURCE}: {', '.join(missing)}. "
            "Run 'npm ci' (scripts/build does it for you)."
        )
    target = Path(config["site_dir"]) / SITE_RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        if name != "pyodide-lock.json":
            copy_if_changed(RUNTIME_SOURCE / name, target / name)
    wheel = build_wheel()
    for old in target.glob("*.whl"):
        if old.name != wheel.name:
            old.unlink()
    copy_if_changed(wheel, target / wheel.name)
    run([pyodide_cli(), "lockfile", "add-wheels", "--input", str(RUNTIME_SOURCE / "pyodide-lock.json"),
         "--output", str(target / "pyodide-lock.json"), "--base-path", str(target), str(target / wheel.name)],
        "registering the explainer wheel in pyodide-lock.json")
    log.info("Pyodide runtime and %s placed in %s", wheel.name, target)


def copy_if_changed(source: Path, destination: Path) -> None:
    """Copy unless the destination already has the same size and modification time."""
    if destination.exists():
        here, there = source.stat(), destination.stat()
        if here.st_size == there.st_size and int(here.st_mtime) == int(there.st_mtime):
            return
    shutil.copy2(source, destination)
