#!/usr/bin/env bash
# Rebuild the prebuilt JupyterLab extension into autograder/serve/labextensions/ (committed, so
# neither setup nor a course server needs node). Needs node and npm (Debian: nodejs, npm) and
# the project's .venv: its JupyterLab's staging folder says which versions of the shared
# packages (@jupyterlab/*) the built extension takes from the page at run time.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npx tsc
core=$(../.venv/bin/python -c 'import jupyterlab, pathlib; print(pathlib.Path(jupyterlab.__file__).parent / "staging")')
rm -rf ../autograder/serve/labextensions
node node_modules/@jupyterlab/builder/lib/build-labextension.js --core-path "$core" .
