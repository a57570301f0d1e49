# Shared set-up for scripts/serve, scripts/test, scripts/build and scripts/bench (sourced, not run).
# Idempotent: each step is skipped when what it would install is already there and unchanged.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
MIN_PYTHON="3.12"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

python_ok() {  # true when $1 runs and is Python >= 3.12
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {  # prints the path of a Python >= 3.12, or fails with what to install
  local candidate
  local candidates=("${PYTHON:-}" python3.14 python3.13 python3.12 python3)
  if command -v pyenv >/dev/null 2>&1; then
    local root
    root="$(pyenv root)"
    for candidate in "$root"/versions/3.1[2-9]*/bin/python; do candidates+=("$candidate"); done
  fi
  for candidate in "${candidates[@]}"; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$(command -v "$candidate")"; then
      command -v "$candidate"
      return 0
    fi
  done
  die "no Python >= $MIN_PYTHON found (pyodide-build needs it). Install one, e.g. 'apt-get install python3.12'
       or 'pyenv install 3.13', or point the PYTHON variable at it."
}

ensure_venv() {
  if [ -x "$VENV/bin/python" ] && python_ok "$VENV/bin/python"; then
    :
  else
    local python
    python="$(find_python)"
    say "Creating .venv with $("$python" --version)"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256"
  local want
  want="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing pinned Python dependencies (requirements.txt)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" 2> >(grep -v "^WARNING: Location" >&2)
    echo "$want" > "$stamp"
  fi
  ensure_explainer_installed
  export PATH="$VENV/bin:$PATH"
}

ensure_explainer_installed() {  # explainer/ as an editable install, so hooks and tests import it without sys.path edits
  if (cd / && "$VENV/bin/python" - "$ROOT/explainer") >/dev/null 2>&1 <<'PY'
import pathlib, sys
import explainer
sys.exit(0 if pathlib.Path(explainer.__file__).resolve().parent == pathlib.Path(sys.argv[1]).resolve() else 1)
PY
  then return 0; fi
  say "Installing the explainer into .venv as an editable package (pyproject.toml)"
  (cd / && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
    --editable "$ROOT" 2> >(grep -v "^WARNING: Location" >&2))
}

ensure_node_modules() {
  command -v npm >/dev/null 2>&1 || die "npm is missing: install Node.js 18 or newer with npm (e.g. 'apt-get install nodejs npm')."
  local stamp="$ROOT/node_modules/.package-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -f "$ROOT/node_modules/pyodide/pyodide.mjs" ]; then
    say "Installing the pinned Pyodide runtime and test tools (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}

find_chromium() {  # prints the path of a Chromium, or nothing
  local candidate
  for candidate in "${CHROMIUM:-}" chromium chromium-browser; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  return 0
}

ensure_chromium() {
  if [ -n "$(find_chromium)" ]; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's chromium for the browser tests (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  [ -n "$(find_chromium)" ] || die "no Chromium found for the browser tests. Install Debian's package as root
       ('apt-get install chromium'), or set CHROMIUM to the path of a Chromium or Chrome binary."
  return 0
}

find_firefox() {  # prints the path of a Firefox, or nothing
  local candidate
  for candidate in "${FIREFOX:-}" firefox-esr firefox; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  return 0
}

ensure_firefox() {  # Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (no separate driver)
  if [ -n "$(find_firefox)" ]; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's firefox-esr for the browser tests (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  fi
  [ -n "$(find_firefox)" ] || die "no Firefox found for the browser tests. Install Debian's package as root
       ('apt-get install firefox-esr'), or set FIREFOX to the path of a Firefox binary."
  return 0
}

setup_site_tools() {
  ensure_venv
  ensure_node_modules
}
