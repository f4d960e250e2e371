"""A reference function's source as a solution cell: with the module's helpers it needs.

A mistake written as an edit of ``solutions/<aid>.py``'s function is graded like a student's
cell, so its source must run in the notebook. The reference may use private helpers
(``_f64``), constants, tables of functions or imports the notebook does not have; those
definitions are put in front of the function, each once, in the module's order. Names the
notebook provides itself (the other tasks' functions) are left to it.
"""

from __future__ import annotations

import ast
import functools
import inspect
from collections.abc import Iterable
from types import ModuleType


def _defined_names(node: ast.stmt) -> list[str]:
    """The names a top-level statement binds (def, class, ``X = …``, import)."""
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if (
        isinstance(node, ast.Import | ast.ImportFrom)
        and getattr(node, "module", "") != "__future__"
    ):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return []


def definitions(module: ModuleType) -> dict[str, tuple[int, str]]:
    """Each top-level name of ``module`` → (statement index, the statement's source)."""
    return _definitions(inspect.getsource(module))


@functools.lru_cache(maxsize=32)
def _definitions(text: str) -> dict[str, tuple[int, str]]:
    """Parsed once per module source: every mistake of an assignment edits the same module, and
    ``ast.get_source_segment`` would split the whole text again for each statement."""
    lines = text.splitlines(keepends=True)
    found: dict[str, tuple[int, str]] = {}
    for index, node in enumerate(ast.parse(text).body):
        segment = _segment(lines, node)
        for name in _defined_names(node):
            found[name] = (index, segment)
    return found


def _segment(lines: list[str], node: ast.stmt) -> str:
    """A top-level statement's source (it starts at column 0 and ends at ``end_col_offset``)."""
    end = node.end_lineno or node.lineno
    first, last = node.lineno - 1, end - 1
    if first == last:
        return lines[first][node.col_offset : node.end_col_offset]
    return "".join(lines[first:last]) + lines[last][: node.end_col_offset]


def used_names(source: str) -> set[str]:
    """Every name read or written in ``source`` (a superset of its free names: enough here)."""
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


def with_helpers(source: str, module: ModuleType, provided: Iterable[str]) -> str:
    """``source`` preceded by the definitions from ``module`` it needs, transitively, except
    the names in ``provided`` (the notebook defines them)."""
    table = definitions(module)
    skip = set(provided)
    needed: set[str] = set()
    pending = list(used_names(source))
    while pending:
        name = pending.pop()
        if name in needed or name in skip or name not in table:
            continue
        needed.add(name)
        pending.extend(used_names(table[name][1]))
    statements = sorted({table[name] for name in needed})
    return "".join(f"{segment}\n\n\n" for _, segment in statements) + source
