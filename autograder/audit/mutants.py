"""Mutants of one reference function: small AST edits, each a plausible slip of a student.

Each operator looks at one node and proposes replacements for it; a mutant is the function
with exactly one node replaced. Mutants are deterministic (nodes in ``ast.walk`` order,
operators in table order), syntactically valid (every mutant is unparsed and compiled) and
deduplicated (two edits that unparse to the same source are one mutant; an edit that changes
nothing is none).

Why not mutmut, cosmic-ray or mutatest: all three mutate whole files on disk and run a test
command per mutant (cosmic-ray keeps a session database, mutmut its own cache), and their
operators are generic Python ones. Here a mutant is one function's source that becomes a
notebook cell, graded as a submission, and the useful operators are the course's own slips
(``axis=0``↔``1``, ``.T``, ``mean``↔``sum``): a small ``ast`` walker does exactly that.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import difflib
import hashlib
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeGuard

Proposal = tuple[str, ast.AST | None]  # (what the edit does, the replacement; None: delete)

_ARITH: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Pow: ast.Mult,
    ast.MatMult: ast.Mult,
    ast.Mod: ast.FloorDiv,
}
_COMPARE: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.Gt),
    ast.LtE: (ast.Lt, ast.GtE),
    ast.Gt: (ast.GtE, ast.Lt),
    ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
}
_SYMBOL = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Pow: "**",
    ast.MatMult: "@", ast.Mod: "%", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Eq: "==", ast.NotEq: "!=",
}  # fmt: skip
_REDUCTIONS = {"mean": "sum", "sum": "mean", "max": "min", "min": "max"}
_NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.MatMult, ast.Pow, ast.FloorDiv)


@dataclass(frozen=True)
class Mutant:
    """One mutant of a task's reference function."""

    task_id: str
    key: str  # "<operator>-<8 hex digits of the source>": stable while the source is
    operator: str
    line: int  # in the function, 1 = its ``def`` line
    description: str
    source: str  # the whole mutated function, unparsed

    def diff(self, original: str) -> str:
        """A unified diff against the (unparsed) reference function."""
        lines = difflib.unified_diff(
            original.splitlines(), self.source.splitlines(), "reference", self.key, lineterm="", n=1
        )
        return "\n".join(lines)


def _number(node: ast.AST | None) -> int | float | None:
    """The number a constant node holds (None: the node is no number)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return None if isinstance(node.value, bool) else node.value
    return None


def arithmetic(node: ast.AST) -> Iterator[Proposal]:
    """``a + b`` → ``a - b``, ``*``↔``/``, ``**``/``@`` → ``*``."""
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        new = _ARITH[type(node.op)]
        yield f"{_SYMBOL[type(node.op)]} → {_SYMBOL[new]}", ast.BinOp(node.left, new(), node.right)


def comparison(node: ast.AST) -> Iterator[Proposal]:
    """``<``↔``<=``, ``<`` → ``>``, ``==``↔``!=`` (one comparison of a chain at a time)."""
    if not isinstance(node, ast.Compare):
        return
    for index, op in enumerate(node.ops):
        for new in _COMPARE.get(type(op), ()):
            ops = [*node.ops[:index], new(), *node.ops[index + 1 :]]
            yield (
                f"{_SYMBOL[type(op)]} → {_SYMBOL[new]}",
                ast.Compare(node.left, ops, node.comparators),
            )


def constant(node: ast.AST) -> Iterator[Proposal]:
    """A number nudged: 0↔1, ±1, ×2, ½."""
    value = _number(node)
    if value is None:
        return
    half = value // 2 if isinstance(value, int) else value / 2
    candidates = [1 if value == 0 else 0, value + 1, value - 1, value * 2, half]
    for new in dict.fromkeys(candidates):
        if new != value:
            yield f"{value!r} → {new!r}", ast.Constant(new)


def axis(node: ast.AST) -> Iterator[Proposal]:
    """``axis=0``↔``axis=1``, ``axis=-1`` → ``axis=0`` (also ``dim=``)."""
    if not isinstance(node, ast.keyword) or node.arg not in ("axis", "dim"):
        return
    try:
        value = ast.literal_eval(node.value)  # also -1, a unary minus on a constant
    except ValueError:
        return
    if isinstance(value, int) and not isinstance(value, bool):
        new = {0: 1, 1: 0}.get(value, 0)
        yield f"{node.arg}={value} → {node.arg}={new}", ast.keyword(node.arg, ast.Constant(new))


def drop_term(node: ast.AST) -> Iterator[Proposal]:
    """``a + b`` → ``a`` or ``b`` (also for ``-``, ``*``, ``/``): a term or factor forgotten."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        yield "right operand dropped", node.left
        if not isinstance(node.op, ast.Div):
            yield "left operand dropped", node.right
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        yield "sign dropped", node.operand


def transpose(node: ast.AST) -> Iterator[Proposal]:
    """``W.T`` → ``W``; ``A @ W`` → ``A @ W.T``."""
    if isinstance(node, ast.Attribute) and node.attr == "T":
        yield ".T removed", node.value
    transposed = isinstance(node, ast.BinOp) and (
        isinstance(node.right, ast.Attribute) and node.right.attr == "T"
    )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult) and not transposed:
        yield ".T added", ast.BinOp(node.left, ast.MatMult(), ast.Attribute(node.right, "T"))


def swap_arguments(node: ast.AST) -> Iterator[Proposal]:
    """The first two positional arguments of a call, or the operands of ``-``, ``/``, ``@``."""
    if isinstance(node, ast.Call) and len(node.args) >= 2:
        first, second, *rest = node.args
        if not any(isinstance(a, ast.Starred) for a in (first, second)):
            yield "arguments swapped", ast.Call(node.func, [second, first, *rest], node.keywords)
    if isinstance(node, ast.BinOp) and isinstance(node.op, _NON_COMMUTATIVE):
        yield "operands swapped", ast.BinOp(node.right, node.op, node.left)


def reduction(node: ast.AST) -> Iterator[Proposal]:
    """``mean``↔``sum``, ``max``↔``min`` (``np.mean(x)`` and ``x.mean()`` alike)."""
    if isinstance(node, ast.Attribute) and node.attr in _REDUCTIONS:
        new = _REDUCTIONS[node.attr]
        yield f"{node.attr} → {new}", ast.Attribute(node.value, new, node.ctx)


def _is_range(node: ast.AST) -> TypeGuard[ast.Call]:
    func = getattr(node, "func", None)
    return (
        isinstance(node, ast.Call)
        and isinstance(func, ast.Name)
        and func.id == "range"
        and bool(node.args)
    )


def off_by_one(node: ast.AST) -> Iterator[Proposal]:
    """``range(n)`` → ``range(n ± 1)``; a slice bound ± 1 (``x[1:]`` → ``x[2:]``, ``x[:k + 1]``)."""
    if _is_range(node) and _number(node.args[-1]) is None:  # numbers: the constant operator's
        for op, sign in ((ast.Add(), "+"), (ast.Sub(), "-")):
            bound = ast.BinOp(node.args[-1], op, ast.Constant(1))
            yield f"range bound {sign} 1", ast.Call(node.func, [*node.args[:-1], bound], [])
    if isinstance(node, ast.Slice):
        for part in ("lower", "upper"):
            bound = getattr(node, part)
            if bound is None or _number(bound) is not None:
                continue  # numbers: the constant operator's
            for op, sign in ((ast.Add(), "+"), (ast.Sub(), "-")):
                changed = copy.copy(node)
                setattr(changed, part, ast.BinOp(bound, op, ast.Constant(1)))
                yield f"slice {part} bound {sign} 1", changed


def return_value(node: ast.AST) -> Iterator[Proposal]:
    """``return a, b`` → ``return b, a``; ``return x`` → ``return None``."""
    if not isinstance(node, ast.Return) or node.value is None:
        return
    if isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 2:
        first, second, *rest = node.value.elts
        yield "returned items swapped", ast.Return(ast.Tuple([second, first, *rest], ast.Load()))
    yield "returns None", ast.Return(ast.Constant(None))


def delete_statement(node: ast.AST) -> Iterator[Proposal]:
    """A statement deleted (an assignment, an augmented assignment, an expression)."""
    if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr):
        yield "statement deleted", None


OPERATORS: dict[str, Callable[[ast.AST], Iterator[Proposal]]] = {
    "arithmetic": arithmetic,
    "comparison": comparison,
    "constant": constant,
    "axis": axis,
    "drop_term": drop_term,
    "transpose": transpose,
    "swap_arguments": swap_arguments,
    "reduction": reduction,
    "off_by_one": off_by_one,
    "return_value": return_value,
    "delete_statement": delete_statement,
}


def _function(source: str, task_id: str) -> ast.FunctionDef:
    tree = ast.parse(textwrap.dedent(source))
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == task_id]
    if not found:
        raise ValueError(f"no function {task_id!r} in the source")
    function = found[0]
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        function.body = body[1:] or [ast.Pass()]  # the docstring is no code to mutate
    return function


def normalized(source: str, task_id: str) -> str:
    """The reference function as the mutants are written: unparsed, without its docstring."""
    return ast.unparse(ast.fix_missing_locations(_function(source, task_id))) + "\n"


Slot = tuple[ast.AST, str, int | None]  # (parent, field, index in the field's list)


def _slots(function: ast.FunctionDef) -> dict[int, Slot]:
    """Where each node of the function sits, by ``id``."""
    slots: dict[int, Slot] = {}
    for parent in ast.walk(function):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, ast.AST):
                slots[id(value)] = (parent, name, None)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        slots[id(item)] = (parent, name, index)
    return slots


def _sites(function: ast.FunctionDef) -> Iterator[tuple[ast.AST, str, str, ast.AST | None]]:
    """(node, operator, description, replacement) for every proposal, in a fixed order
    (``ast.walk``'s, then the operators'); the function's arguments and name are no sites."""
    skip = {id(n) for n in ast.walk(function.args)}
    for node in ast.walk(function):
        if node is function or id(node) in skip:
            continue
        for name, operator in OPERATORS.items():
            for description, replacement in operator(node):
                yield node, name, description, replacement


@contextlib.contextmanager
def _swapped(slot: Slot, replacement: ast.AST | None) -> Iterator[None]:
    """The node in ``slot`` replaced (None: deleted; an emptied block gets ``pass``) for the
    duration of the block, then put back: no copy of the tree per mutant."""
    parent, name, index = slot
    value = getattr(parent, name)
    if index is None:
        setattr(parent, name, replacement)
        try:
            yield
        finally:
            setattr(parent, name, value)
        return
    before = list(value)
    if replacement is None:
        del value[index]
        value.extend([] if value else [ast.Pass()])
    else:
        value[index] = replacement
    try:
        yield
    finally:
        value[:] = before


def _unparsed(function: ast.FunctionDef) -> str | None:
    """The function's source; None if it is no valid code."""
    try:
        text = ast.unparse(function) + "\n"
        compile(text, "<mutant>", "exec")
    except (SyntaxError, ValueError, TypeError, AttributeError):
        return None
    return text


def generate(source: str, task_id: str) -> list[Mutant]:
    """Every distinct mutant of the function ``task_id`` in ``source``."""
    function = _function(source, task_id)
    seen = {normalized(source, task_id)}
    slots = _slots(function)
    mutants = []
    for node, operator, description, replacement in _sites(function):
        with _swapped(slots[id(node)], replacement):
            text = _unparsed(function)
        if text is None or text in seen:
            continue
        seen.add(text)
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        line = int(getattr(node, "lineno", function.lineno)) - function.lineno + 1
        mutants.append(Mutant(task_id, f"{operator}-{digest}", operator, line, description, text))
    return mutants
