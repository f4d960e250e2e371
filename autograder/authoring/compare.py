"""How a student's result is judged against the reference's: ``assert_same`` walks tuples,
lists and dicts and compares numbers with the dtype's tolerance (CONVENTIONS.md).

A ``Compare`` takes (actual, expected, what, precision): ``precision`` is float32 when the
case drew float32 inputs, so a float64 result with float32 rounding errors is still right.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np

from autograder.grading import checks
from autograder.grading.localize import tolerance
from autograder.i18n import Text

Label = str | Text


class Compare(Protocol):
    def __call__(
        self, actual: Any, expected: Any, what: Label, precision: np.dtype | None = None
    ) -> None: ...


def _text(what: Label) -> Text:
    return what if isinstance(what, Text) else Text(what, what)


def item_label(what: Label, index: int | str, length: int | None = None) -> Text:
    """The label of one item of a returned tuple ("ŷ, Element 2 von 3") or dict ("p['W1']")."""
    label = _text(what)
    if isinstance(index, str):
        return Text(f"{label.de}[{index!r}]", f"{label.en}[{index!r}]")
    of = (f" von {length}", f" of {length}") if length else ("", "")
    return Text(f"{label.de}, Element {index + 1}{of[0]}", f"{label.en}, item {index + 1}{of[1]}")


def assert_same(
    actual: Any,
    expected: Any,
    what: Label,
    precision: np.dtype | None = None,
    long_run: bool = False,
) -> None:
    """Fail with a student-facing message unless ``actual`` matches ``expected`` in structure
    (tuple/list length, dict keys), exact values (str, bool, None) and numbers (tolerance)."""
    if isinstance(expected, tuple | list):
        items = checks.as_tuple(actual, len(expected), what)
        for index, (a, e) in enumerate(zip(items, expected, strict=True)):
            assert_same(a, e, item_label(what, index, len(expected)), precision, long_run)
    elif isinstance(expected, dict):
        _same_keys(actual, expected, what)
        for key in expected:
            assert_same(actual[key], expected[key], item_label(what, str(key)), precision, long_run)
    elif expected is None or isinstance(expected, str | bool):
        if type(actual) is not type(expected) or actual != expected:
            label = _text(what)
            checks.fail(
                f"{label.de}: erwartet {expected!r}, erhalten {_shown(actual)}.",
                f"{label.en}: expected {expected!r}, got {_shown(actual)}.",
            )
    else:
        reference = np.asarray(expected)
        array = checks.as_array(actual, what, shape=reference.shape)
        tol = tolerance(array, reference, precision, long_run)
        checks.assert_close(array, reference, what, tol=tol)


def _shown(value: Any) -> str:
    """A short, safe rendering of a student's value for a message."""
    if value is None or isinstance(value, str | bool):
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "…"
    return checks.describe_type(value)


def _same_keys(actual: Any, expected: dict[Any, Any], what: Label) -> None:
    if isinstance(actual, dict) and actual.keys() == expected.keys():
        return
    label = _text(what)
    want = ", ".join(sorted(map(str, expected)))
    got = ", ".join(sorted(map(str, actual))) if isinstance(actual, dict) else None
    checks.fail(
        f"{label.de}: erwartet ein dict mit den Schlüsseln {want}, erhalten "
        + (f"die Schlüssel {got}." if got is not None else f"{checks.describe_type(actual)}."),
        f"{label.en}: expected a dict with the keys {want}, got "
        + (f"the keys {got}." if got is not None else f"{checks.describe_type(actual)}."),
    )


def long_run(actual: Any, expected: Any, what: Label, precision: np.dtype | None = None) -> None:
    """``assert_same`` for results of many steps (float32's wider atol, CONVENTIONS.md)."""
    assert_same(actual, expected, what, precision, long_run=True)


def precision_of(values: Iterable[Any]) -> np.dtype | None:
    """float32 when any drawn argument is a float32 array or tensor, else None (the student's
    own dtype decides)."""
    for value in values:
        dtype = getattr(value, "dtype", None)
        if dtype is not None and str(dtype) in ("float32", "torch.float32"):
            return np.dtype(np.float32)
    return None
