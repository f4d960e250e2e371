#!/usr/bin/env bash
# Set up a fresh Debian machine of this project's kind: bubblewrap for the sandbox, and a
# virtual environment (from the world-readable /usr/bin/python3, so the sandbox's unprivileged
# user can run it) with the CPU build of torch and everything else in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v bwrap >/dev/null || need_apt+=(bubblewrap)
command -v prlimit >/dev/null && command -v setpriv >/dev/null || need_apt+=(util-linux)
/usr/bin/python3 -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f .venv/pyvenv.cfg ] && ! grep -q '^home = /usr/bin$' .venv/pyvenv.cfg; then
  echo "setup: .venv was not made from /usr/bin/python3; recreating it"
  rm -rf .venv
fi
[ -x .venv/bin/python ] || /usr/bin/python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v 'is ignored' || true
# torch==2.13.0 (pinned in pyproject.toml) is the CPU build that lies on this machine's disk.
.venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | grep -v -e 'is ignored' -e '^$' || true
.venv/bin/python -c "import torch, nbgrader, numpy; print(f'setup: ok (torch {torch.__version__}, numpy {numpy.__version__})')"
