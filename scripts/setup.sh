#!/usr/bin/env bash
# Set up everything drafter needs on a fresh Debian/Ubuntu machine (idempotent):
#  - system packages (when run as root or with sudo): hunspell-id + libhunspell-dev for the
#    Hunspell reference of the spelling tests and scripts (the checker itself uses the word list
#    in kamus/), chromium for the HTML screenshot tests;
#  - a virtual environment in .venv with the package installed (non-editable) plus the test and
#    spell extras.
# Usage: scripts/setup.sh            (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
APT_PKGS="hunspell-id libhunspell-dev chromium"

need_apt=0
for p in $APT_PKGS; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt=1
done
if [ "$need_apt" = 1 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=""; fi
  fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "setup: installing system packages: $APT_PKGS" >&2
    $SUDO apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $APT_PKGS >/dev/null \
      || echo "setup: warning: could not install $APT_PKGS (spelling/browser tests may be skipped)" >&2
  else
    echo "setup: warning: not root; install manually: apt-get install $APT_PKGS" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
EXTRAS="test"
if dpkg -s libhunspell-dev >/dev/null 2>&1; then EXTRAS="test,spell"; fi
echo "setup: installing drafter[$EXTRAS] into .venv" >&2
.venv/bin/python -m pip install -q --force-reinstall --no-deps . >/dev/null
.venv/bin/python -m pip install -q ".[$EXTRAS]" >/dev/null
echo "setup: done (.venv/bin/lkip --help)" >&2
