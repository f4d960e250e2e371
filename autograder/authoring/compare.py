"""How a student's result is judged against the reference's: ``assert_same`` walks tuples,
lists and dicts and compares numbers with the dtype's tolerance (CONVENTIONS.md).

A ``Compare`` takes (actual, expected, what, precision): ``precision`` is float32 when the
case drew float32 inputs, so a float64 result with float32 rounding errors is still right.

Ready-made comparisons for ``Task(compare=…)``, ``@task.case(compare=…)`` or one drawn call's
``call(…).compared_by(…)``:

* ``assert_same`` — the default; ``same(long_run=…, factor=…, batch_size=…, parts=…)`` its options
  (``long_run``: float32's wider atol for results of many steps; ``factor``: on failure, say
  whether the result is a constant multiple of the reference, "factor 2 or 1/N forgotten?");
* ``layers(batch_size=…)`` — per-layer ``[(dW, db), …]`` checked from the output layer back,
  naming the first wrong layer (``autograder.authoring.localize``);
* ``scalar`` — one number (any array of size 1), ``exact_int`` — an integer, compared exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any, Protocol

import numpy as np

from autograder.authoring import checks
from autograder.authoring.localize import assert_close_or_factor, assert_layers_close, tolerance
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
    factor: bool = False,
    batch_size: int | None = None,
    parts: tuple[str, ...] = (),
) -> None:
    """Fail with a student-facing message unless ``actual`` matches ``expected`` in structure
    (tuple/list length, dict keys), exact values (str, bool, None) and numbers (tolerance).

    ``factor``: a wrong array that is a constant multiple of the reference says so (with
    ``batch_size`` N, "1/N forgotten?"); ``parts``: the names of a returned tuple's items
    ("dW", "db") for the messages."""
    same_items = partial(
        assert_same, precision=precision, long_run=long_run, factor=factor, batch_size=batch_size
    )
    if isinstance(expected, tuple | list):
        items = checks.as_tuple(actual, len(expected), what)
        for index, (a, e) in enumerate(zip(items, expected, strict=True)):
            same_items(a, e, _part_label(what, parts, index, len(expected)))
    elif isinstance(expected, dict):
        _same_keys(actual, expected, what)
        for key in expected:
            same_items(actual[key], expected[key], item_label(what, str(key)))
    elif expected is None or isinstance(expected, str | bool):
        if type(actual) is not type(expected) or actual != expected:
            label = _text(what)
            checks.fail(
                f"{label.de}: erwartet {expected!r}, erhalten {_shown(actual)}.",
                f"{label.en}: expected {expected!r}, got {_shown(actual)}.",
            )
    elif factor:
        assert_close_or_factor(actual, expected, what, batch_size, precision, long_run)
    else:
        reference = np.asarray(expected)
        array = checks.as_array(actual, what, shape=reference.shape)
        tol = tolerance(array, reference, precision, long_run)
        checks.assert_close(array, reference, what, tol=tol)


def _part_label(what: Label, parts: tuple[str, ...], index: int, length: int) -> Text:
    if len(parts) != length:
        return item_label(what, index, length)
    label = _text(what)
    return Text(f"{parts[index]} {label.de}", f"{parts[index]} {label.en}")


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


def same(
    long_run: bool = False,
    factor: bool = False,
    batch_size: int | None = None,
    parts: tuple[str, ...] = (),
) -> Compare:
    """``assert_same`` with options: ``same(factor=True, batch_size=N)`` for a delta of N samples,
    ``same(parts=("dW", "db"))`` to name a returned pair's items."""
    return partial(
        assert_same, long_run=long_run, factor=factor, batch_size=batch_size, parts=parts
    )


def layers(batch_size: int | None = None, long_run: bool = False) -> Compare:
    """Per-layer ``[(dW, db), …]`` (input layer first), checked from the output layer back: the
    message names the first wrong layer and part, and a constant factor (``batch_size`` N)."""

    def compare(actual: Any, expected: Any, what: Label, precision: np.dtype | None = None) -> None:
        assert_layers_close(
            actual, expected, what, batch_size=batch_size, precision=precision, long_run=long_run
        )

    return compare


def scalar(actual: Any, expected: Any, what: Label, precision: np.dtype | None = None) -> None:
    """One number: a Python or numpy number, a tensor or an array of size 1."""
    assert_same(checks.as_float(actual, what), expected, what, precision)


def exact_int(actual: Any, expected: Any, what: Label, precision: np.dtype | None = None) -> None:
    """An integer (a whole float is accepted), equal to the reference's."""
    got = checks.as_int(actual, what)
    if got != expected:
        label = _text(what)
        checks.fail(
            f"{label.de}: erwartet {expected}, erhalten {got}.",
            f"{label.en}: expected {expected}, got {got}.",
        )


def precision_of(values: Iterable[Any]) -> np.dtype | None:
    """float32 when any drawn argument is a float32 array or tensor, else None (the student's
    own dtype decides)."""
    for value in values:
        dtype = getattr(value, "dtype", None)
        if dtype is not None and str(dtype) in ("float32", "torch.float32"):
            return np.dtype(np.float32)
    return None


def one_item(index: int, name: Label) -> Compare:
    """Only item ``index`` of a returned tuple, labelled ``name``: for a task whose results
    earn points one by one (a case per item), so a mistake in one costs only its share. The
    tuple's length is checked first (the message uses the case's label)."""

    def compare(actual: Any, expected: Any, what: Label, precision: np.dtype | None = None) -> None:
        items = checks.as_tuple(actual, len(expected), what)
        assert_same(items[index], expected[index], name, precision)

    return compare


def values_match(
    student: Any, reference: Any, long_run: bool = False, single: bool = False
) -> bool:
    """``assert_same`` as a yes or no, for the engine's comparisons without a message (naming a
    mistake, finding a reproducing call). ``single``: the inputs were float32, so float32's
    tolerance applies even to a float64 result, as the graders judge it (``precision``)."""
    try:
        assert_same(student, reference, "", np.dtype(np.float32) if single else None, long_run)
    except checks.CheckFailure:
        return False
    return True
