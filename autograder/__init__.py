"""Sandboxed, mutation-checked autograder for a deep-learning course built on nbgrader."""

import sys

# jsonschema (pulled in by nbformat) imports rfc3987_syntax when it is installed (jupyterlab
# brings it), which compiles a grammar for 0.7-1.8 s at import. Notebook schemas never use the
# IRI formats it checks, so the grader's processes go without it: every command starts faster.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

__version__ = "0.1.0"
