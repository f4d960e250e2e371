"""Named checks for graders: each one validates a student's value and carries the message.

Grader authors use these instead of bare ``assert``: a failed check raises ``CheckFailure``
holding a German and an English explanation (what was expected, what came back, where it
first differs, by how much). Values from the student are plain data (see the codec), but of
any shape or type, so every check validates the type before it looks at the values.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from autograder.authoring.tolerances import Tolerance, close_mask, tolerance_for
from autograder.i18n import Text
from autograder.sandbox.inside.codec import TensorValue

Label = str | Text


class CheckFailure(AssertionError):
    """A check failed; ``text`` is the student-facing explanation."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _label(what: Label) -> Text:
    return what if isinstance(what, Text) else Text(what, what)


def fail(de: str, en: str) -> None:
    """Fail with a message of the grader's own."""
    raise CheckFailure(Text(de, en))


def describe_type(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"numpy-Array {value.dtype} der Form {value.shape}"
    if isinstance(value, TensorValue):
        return f"torch-Tensor der Form {value.array.shape}"
    return type(value).__name__


def _fmt(x: Any) -> str:
    return f"{x:.6g}" if isinstance(x, float | np.floating) else str(x)


def as_array(value: Any, what: Label, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """A numeric array from an ndarray, tensor, number or (nested) list; else a clear failure."""
    label = _label(what)
    if isinstance(value, TensorValue):
        value = value.array
    if isinstance(value, (bool | numbers.Number | np.generic, list | tuple)):
        try:
            value = _real_array(np.asarray(value))
        except ValueError:
            value = None
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
        expected = f"der Form {shape}" if shape is not None else ""
        raise CheckFailure(
            Text(
                f"{label.de}: erwartet wurde ein Zahlen-Array {expected}, zurückgegeben wurde "
                f"{describe_type(value)}.",
                f"{label.en}: expected a numeric array {expected.replace('der Form', 'of shape')}"
                f", got {describe_type(value)}.",
            )
        )
    if shape is not None and value.shape != tuple(shape):
        raise _shape_failure(label, value.shape, shape)
    return value


def _shape_failure(label: Text, got: tuple[int, ...], shape: tuple[int, ...]) -> CheckFailure:
    return CheckFailure(
        Text(
            f"{label.de}: Form {got} statt {tuple(shape)}.",
            f"{label.en}: shape {got} instead of {tuple(shape)}.",
        )
    )


def _real_array(array: np.ndarray) -> np.ndarray:
    """Exact rationals and ints beyond int64 (an object array of them) as float64 for
    tolerance comparisons; any other object array is left for the caller to refuse."""
    if array.dtype != object or not all(_is_real(x) for x in array.flat):
        return array
    try:
        return array.astype(np.float64)
    except OverflowError:  # an int or fraction beyond ±1.8e308
        return np.full(array.shape, np.inf)


def _is_real(x: Any) -> bool:
    """A real number (int, float, Fraction, numpy int/float), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool | np.bool_)


def as_exact_vector(value: Any, what: Label, length: int) -> list[Fraction]:
    """Numbers for an exact check: ints and Fractions as they are, floats (also from arrays
    and tensors) by their exact binary value; NaN and ∞ are refused."""
    items = _exact_items(value, what, length)
    return [Fraction(x) for x in (items.tolist() if isinstance(items, np.ndarray) else items)]


@dataclass(frozen=True)
class ExactVector:
    """Rationals on one common denominator: the i-th number is ``numerators[i] / denominator``.

    ``numerators`` is int64 only where the sum of their absolute values fits into int64, so that
    every signed sum of them is exact in numpy's integer arithmetic; else it holds Python ints
    (an object array). ``denominator`` is a positive int."""

    numerators: np.ndarray
    denominator: int


def as_exact_integers(value: Any, what: Label, length: int) -> ExactVector:
    """``as_exact_vector``'s numbers (the same checks, the same values) as integers on a common
    denominator: a float array is taken apart by ``np.frexp`` at C speed, not number by number."""
    items = _exact_items(value, what, length)
    if isinstance(items, np.ndarray) and items.dtype.kind == "f":
        return _dyadic(items.astype(np.float64))
    return _on_common_denominator(items.tolist() if isinstance(items, np.ndarray) else items)


def _exact_items(value: Any, what: Label, length: int) -> np.ndarray | list[Any]:
    """A numeric array of shape ``(length,)`` or a list of ``length`` Python reals, none of them
    NaN or ∞; else a clear failure."""
    label = _label(what)
    if isinstance(value, list | tuple) and all(_is_real(x) for x in value):
        items: list[Any] = [x.item() if isinstance(x, np.generic) else x for x in value]
        if len(items) != length:
            raise _shape_failure(label, (len(items),), (length,))
        finite = all(math.isfinite(x) for x in items if isinstance(x, float))
    else:
        array = as_array(value, what, shape=(length,))
        finite = array.dtype.kind != "f" or bool(np.isfinite(array).all())
        items = array  # type: ignore[assignment]
    if not finite:
        raise CheckFailure(
            Text(f"{label.de}: enthält NaN oder ∞.", f"{label.en}: contains NaN or ∞.")
        )
    return items


def _on_common_denominator(numbers: list[Any]) -> ExactVector:
    ratios = [
        x.as_integer_ratio() if isinstance(x, int | float) else Fraction(x).as_integer_ratio()
        for x in numbers
    ]
    denominator = math.lcm(*(d for _, d in ratios))
    return ExactVector(_integer_array([n * (denominator // d) for n, d in ratios]), denominator)


def _integer_array(numbers: list[int]) -> np.ndarray:
    if sum(abs(n) for n in numbers) < 1 << 63:
        return np.array(numbers, dtype=np.int64)
    return np.array(numbers, dtype=object)


def _dyadic(array: np.ndarray) -> ExactVector:
    """Finite float64s exactly: x = m · 2**e with an integer m (|m| < 2**53, no trailing zero
    bits), all on the denominator 2**scale of the smallest e."""
    mantissas, exponents = np.frexp(array)
    numerators = (mantissas * 2.0**53).astype(np.int64)  # exact: a float64 has 53 bits
    exponents = exponents.astype(np.int64) - 53
    nonzero = numerators != 0
    if not nonzero.any():
        return ExactVector(np.zeros(len(array), dtype=np.int64), 1)
    trailing = np.where(nonzero, _bit_length(numerators & -numerators) - 1, 0)
    numerators >>= trailing  # exact: those bits are zero
    exponents += trailing
    scale = max(0, -int(exponents[nonzero].min()))
    shifts = np.where(nonzero, exponents + scale, 0)
    top = int((_bit_length(np.abs(numerators)) + shifts).max())  # every |n · 2**shift| < 2**top
    if top + len(array).bit_length() <= 63:  # Σ |n · 2**shift| < len · 2**top ≤ 2**63
        return ExactVector(numerators << shifts, 1 << scale)
    big = [n << s for n, s in zip(numerators.tolist(), shifts.tolist(), strict=True)]
    return ExactVector(np.array(big, dtype=object), 1 << scale)


def _bit_length(values: np.ndarray) -> np.ndarray:
    """``int.bit_length`` of nonnegative int64s below 2**53 (exact as float64), 0 for 0."""
    return np.frexp(values.astype(np.float64))[1].astype(np.int64)


def as_tuple(value: Any, length: int, what: Label) -> tuple[Any, ...]:
    """A tuple (or list) of exactly ``length`` items."""
    if not isinstance(value, tuple | list) or len(value) != length:
        got = (
            f"{type(value).__name__} der Länge {len(value)}"
            if isinstance(value, tuple | list)
            else describe_type(value)
        )
        expected = Text(f"ein Tupel mit {length} Elementen", f"a tuple of {length} items")
        raise _unexpected(what, expected, Text(got, got.replace("der Länge", "of length")))
    return tuple(value)


def as_int(value: Any, what: Label) -> int:
    integral = isinstance(value, int | np.integer) and not isinstance(value, bool)
    whole_float = isinstance(value, float | np.floating) and float(value).is_integer()
    whole_fraction = isinstance(value, Fraction) and value.denominator == 1
    if not (integral or whole_float or whole_fraction):
        got = describe_type(value)
        raise _unexpected(what, Text("eine ganze Zahl", "an integer"), Text(got, got))
    return int(value)


def as_float(value: Any, what: Label) -> float:
    array = as_array(value, what)
    if array.size != 1:
        got = Text(f"Form {array.shape}", f"shape {array.shape}")
        raise _unexpected(what, Text("eine einzelne Zahl", "a single number"), got)
    return float(array.reshape(()))


def _unexpected(what: Label, expected: Text, got: Text) -> CheckFailure:
    """The failure "<what>: erwartet wurde <expected>, zurückgegeben: <got>." (and in English)."""
    label = _label(what)
    return CheckFailure(
        Text(
            f"{label.de}: erwartet wurde {expected.de}, zurückgegeben: {got.de}.",
            f"{label.en}: expected {expected.en}, got {got.en}.",
        )
    )


def assert_close(
    actual: Any, expected: Any, what: Label, long_run: bool = False, tol: Tolerance | None = None
) -> None:
    """Compare a student's result with the reference (shape first, then values)."""
    reference = np.asarray(expected)
    array = as_array(actual, what, shape=reference.shape)
    tol = tol or tolerance_for(array.dtype, reference, long_run)
    ok = close_mask(array, reference, tol)
    if ok.all():
        return
    bad = np.argwhere(~ok)
    index = tuple(int(i) for i in bad[0])
    got, want = array[index], reference[index]
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.abs(array.astype(float) - reference) / np.maximum(np.abs(reference), 1e-300)
    worst = float(np.nanmax(rel[~ok])) if np.isfinite(rel[~ok]).any() else float("inf")
    where = f" bei Index {index}" if index else ""
    where_en = f" at index {index}" if index else ""
    dtype = f" für {array.dtype}" if array.dtype != np.float64 else ""
    dtype_en = f" for {array.dtype}" if array.dtype != np.float64 else ""
    label, required = _label(what), tol.describe()
    raise CheckFailure(
        Text(
            f"{label.de}: {len(bad)} von {ok.size} Werten weichen ab. Erste Abweichung{where}: "
            f"erwartet {_fmt(want)}, erhalten {_fmt(got)} (größter relativer Fehler "
            f"{worst:.2g}; verlangt{dtype}: {required.de}).",
            f"{label.en}: {len(bad)} of {ok.size} values differ. First difference{where_en}: "
            f"expected {_fmt(want)}, got {_fmt(got)} (largest relative error {worst:.2g}; "
            f"required{dtype_en}: {required.en}).",
        )
    )
