# The README's two commands: `make demo` and `make test` (each sets everything up first).
.PHONY: setup demo test test-fast lint release-check

setup:
	./scripts/setup.sh

demo: setup
	.venv/bin/autograder demo --out demo-out

test: setup
	.venv/bin/python -m pytest -q

test-fast: setup
	.venv/bin/python -m pytest -q -m "not slow"

lint:
	.venv/bin/ruff check autograder tests
	.venv/bin/ruff format --check autograder tests
	.venv/bin/mypy
