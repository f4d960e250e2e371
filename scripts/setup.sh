#!/usr/bin/env bash
# Set up a fresh Debian machine of this project's kind: bubblewrap for the sandbox, and a
# virtual environment (from the world-readable /usr/bin/python3, so the sandbox's unprivileged
# user can run it) with the CPU build of torch and everything else in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v bwrap >/dev/null || need_apt+=(bubblewrap)
/sbin/ldconfig -p | grep -q libseccomp.so.2 || need_apt+=(libseccomp2)
command -v prlimit >/dev/null && command -v setpriv >/dev/null || need_apt+=(util-linux)
/usr/bin/python3 -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
command -v chromium >/dev/null || need_apt+=(chromium)  # headless browser tests of formgrader
command -v redis-server >/dev/null || need_apt+=(redis-server)  # the broker of `autograder serve`'s scale-out mode (tests)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql-15)  # the scale-out mode's database (tests)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The sandbox user (uid 65534) must reach the interpreter: if this checkout sits in a private
# folder (e.g. under /root), the environment lives in /opt and .venv links to it.
traversable() {
  /usr/bin/python3 -c 'import os, stat, sys, pathlib
p = pathlib.Path(sys.argv[1]).resolve()
sys.exit(0 if all(os.stat(d).st_mode & stat.S_IXOTH for d in [p, *p.parents]) else 1)' "$1"
}
if traversable "$PWD"; then
  venv_dir="$PWD/.venv"
else
  venv_dir="/opt/dl-autograder/venv-$(printf %s "$PWD" | sha1sum | cut -c1-12)"
  as_root mkdir -p /opt/dl-autograder && as_root chmod 755 /opt/dl-autograder
  if [ ! -L .venv ]; then rm -rf .venv; ln -s "$venv_dir" .venv; fi
fi
if [ -f "$venv_dir/pyvenv.cfg" ] && ! grep -q '^home = /usr/bin$' "$venv_dir/pyvenv.cfg"; then
  echo "setup: $venv_dir was not made from /usr/bin/python3; recreating it"
  rm -rf "$venv_dir"
fi
[ -x "$venv_dir/bin/python" ] || /usr/bin/python3 -m venv "$venv_dir"
log="$venv_dir/setup.log"
# torch==2.13.0 (pinned in pyproject.toml) is the CPU build that lies on this machine's disk.
if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".[dev]"; } >"$log" 2>&1; then
  grep -v 'is ignored' "$log" | tail -n 40
  echo "setup: pip install failed (full log: $log)" >&2
  exit 1
fi
# Our own modules' bytecode, written now: an environment with PYTHONDONTWRITEBYTECODE (many
# container images) would otherwise compile them in every command and grader process
# (≈ 70 ms of CPU each); a changed source is still compiled afresh (the cache is checked).
.venv/bin/python -m compileall -q -j 0 autograder solutions >/dev/null
.venv/bin/python -c "import torch, nbgrader, numpy; print(f'setup: ok (torch {torch.__version__}, numpy {numpy.__version__})')"
