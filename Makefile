# The README's two commands: `make demo` and `make test` (each sets everything up first).
.PHONY: setup demo test test-fast lint release-check audit

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

# Mutation audit of every assignment's graders (docs/audit.md): benchmarks/audit/<aid>.json.
# Hidden inputs from the test seed unless AUTOGRADER_SECRET_SEED is set, so the committed
# figures can be reproduced; reports and mutant notebooks go to audit-out/<aid>/.
AUDIT_SEED ?= test-seed-not-secret
audit: setup
	for aid in $$(ls autograder/graders | grep '^a[0-9]'); do \
	  AUTOGRADER_SECRET_SEED=$${AUTOGRADER_SECRET_SEED:-$(AUDIT_SEED)} \
	    .venv/bin/autograder audit $$aid --jobs 2 --out audit-out/$$aid || exit 1; \
	  mkdir -p benchmarks/audit && cp audit-out/$$aid/audit.json benchmarks/audit/$$aid.json; \
	done
