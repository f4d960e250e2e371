"""One small call a student can paste into the notebook to see an uncatalogued mistake.

When a task fails and no catalogued mistake explains it, the feedback shows the first call of
the failing test where the student's function raised, or returned something other than the
reference returns for the same arguments (checked here, in the trusted process), written as
Python source: ``neuron(np.array([0.5, -1.0]), np.array([[0.0, 1.0]]), 'step')``.

What this may reveal is deliberate and documented (docs/instructor.md, "What a feedback page
shows"): the arguments of that one call, only when all of them together hold at most
``MAX_NUMBERS`` numbers and the call fits in ``MAX_CHARS`` characters. Never the expected
result, never a large array, never a quiz answer (those are variable reads, not calls), never a
call with arguments that have no literal form (functions, generators).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.authoring.compare import values_match
from autograder.engine.proxy import CallRecord
from autograder.i18n import Text
from autograder.sandbox.errors import StudentException
from autograder.sandbox.inside.codec import TensorValue

MAX_NUMBERS = 24
MAX_CHARS = 240


class _NoLiteral(Exception):
    """A value without a short Python literal."""


def _literal(value: Any, budget: list[int]) -> str:
    """``value`` as Python source; ``budget[0]`` counts down the numbers still allowed."""
    if value is None or isinstance(value, bool | str):
        return repr(value)
    if isinstance(value, int | float | np.integer | np.floating):
        budget[0] -= 1
        return repr(value.item() if isinstance(value, np.generic) else value)
    if isinstance(value, TensorValue):
        return f"torch.tensor({_array_literal(value.array, budget)})"
    if isinstance(value, np.ndarray):
        dtype = "" if value.dtype in (np.float64, np.int64) else f", dtype=np.{value.dtype}"
        return f"np.array({_array_literal(value, budget)}{dtype})"
    if isinstance(value, list | tuple):
        items = ", ".join(_literal(v, budget) for v in value)
        return (
            f"[{items}]"
            if isinstance(value, list)
            else f"({items}{',' if len(value) == 1 else ''})"
        )
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return "{" + ", ".join(f"{k!r}: {_literal(v, budget)}" for k, v in value.items()) + "}"
    raise _NoLiteral


def _array_literal(array: np.ndarray, budget: list[int]) -> str:
    if array.dtype.kind not in "biuf":
        raise _NoLiteral
    budget[0] -= array.size
    if budget[0] < 0:
        raise _NoLiteral
    return repr(array.tolist())


def call_source(record: CallRecord) -> str | None:
    """The call as Python source if it has arguments and is small enough to show, else None."""
    budget = [MAX_NUMBERS]
    try:
        parts = [_literal(a, budget) for a in record.args]
        parts += [f"{k}={_literal(v, budget)}" for k, v in record.kwargs.items()]
    except _NoLiteral:
        return None
    source = f"{record.name}({', '.join(parts)})"
    return source if parts and budget[0] >= 0 and len(source) <= MAX_CHARS else None


def _differs(record: CallRecord, reference: Callable[..., Any]) -> bool:
    if isinstance(record.error, StudentException):
        return record.error.type_name != "NotImplementedError"
    if record.error is not None:
        return False  # a timeout or a crash: the call says nothing about the values
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            expected = record.replay(reference)
        except Exception:
            return False
    return not values_match(record.value, expected)


def failing_call(records: list[CallRecord], reference: Any) -> str | None:
    """The first small call in ``records`` that raised or differs from the reference."""
    for record in records:
        function = getattr(reference, record.name, None)
        if "variable" in record.kwargs or not callable(function):
            continue
        source = call_source(record)
        if source is not None and _differs(record, function):
            return source
    return None


def with_call(message: Text, call: str) -> Text:
    """``message``, ended as a sentence, and the call to reproduce it."""
    return message.sentence() + Text(
        f" Zum Nachvollziehen in Ihrem Notebook: `{call}`.",
        f" To reproduce it in your notebook: `{call}`.",
    )
