# The README's two commands: `make demo` and `make test` (each sets everything up first).
.PHONY: setup demo test test-fast lint release-check

setup:
	./scripts/setup.sh

demo: setup
	.venv/bin/autograder demo --out demo-out

test: setup
	$(MAKE) --no-print-directory lint
	.venv/bin/python -m pytest -q -n 2  # pytest-xdist: CI has 2 cores

test-fast: setup
	.venv/bin/python -m pytest -q -n 2 -m "not slow"

lint:
	.venv/bin/ruff check autograder tests
	.venv/bin/ruff format --check autograder tests
	.venv/bin/mypy
	.venv/bin/lint-imports  # the layers in pyproject.toml: no import runs back up
