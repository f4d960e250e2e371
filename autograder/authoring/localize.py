"""Say *where* a layered result first goes wrong and whether it is off by a constant factor.

Backprop returns one ``(dW, db)`` per layer. A bare "values differ" is little help; a student
needs to hear "the output layer is right, hidden layer 2's dW is exactly twice the reference:
factor 2 or 1/N forgotten?". Graders use:

* ``assert_layers_close(got, expected)`` for a list of per-layer tuples (input layer first):
  checks the output layer first and walks back toward the input, so the first failure is the
  layer where the error enters the backward pass;
* ``assert_close_or_factor(actual, expected, what)`` for a single array, adding the factor hint.

Both raise ``checks.CheckFailure`` with German and English text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from autograder.authoring import checks
from autograder.authoring.tolerances import Tolerance, close_mask, tolerance_for
from autograder.i18n import Text

Label = str | Text


def layer_name(index: int, count: int) -> Text:
    """'Ausgabeschicht' for the last of ``count`` layers, 'verdeckte Schicht k' (1-based) else."""
    if index == count - 1:
        return Text(f"Ausgabeschicht (Schicht {count})", f"output layer (layer {count})")
    return Text(f"verdeckte Schicht {index + 1}", f"hidden layer {index + 1}")


def tolerance(
    actual: np.ndarray,
    expected: np.ndarray,
    precision: np.dtype | None = None,
    long_run: bool = False,
) -> Tolerance:
    """The student's dtype's tolerance, or float32's when the inputs were float32 (``precision``):
    a correct result from float32 inputs may come back as float64 with float32 rounding errors."""
    dtype = actual.dtype
    if precision is not None and np.dtype(precision) == np.float32:
        dtype = np.dtype(np.float32)
    return tolerance_for(dtype, expected, long_run)


def constant_factor(
    actual: np.ndarray,
    expected: np.ndarray,
    precision: np.dtype | None = None,
    long_run: bool = False,
) -> float | None:
    """c with actual = c·expected within the dtype's tolerance (c ≠ 1), else None."""
    e = expected.astype(np.float64)
    a = actual.astype(np.float64)
    if a.shape != e.shape or not np.isfinite(a).all() or not np.isfinite(e).all():
        return None
    norm = float(e.ravel() @ e.ravel())
    if norm == 0.0:
        return None
    c = float(a.ravel() @ e.ravel()) / norm
    if c == 0.0 or np.isclose(c, 1.0, rtol=1e-9, atol=0.0):
        return None
    scaled = c * e
    if not close_mask(a, scaled, tolerance(actual, scaled, precision, long_run)).all():
        return None
    return c


def _ratio_text(c: float, batch_size: int | None) -> Text:
    """How to read the factor c = yours / expected."""
    named = {2.0: "2", 0.5: "1/2", -1.0: "−1"}
    if batch_size and batch_size > 1:
        named[float(batch_size)] = "N"
        named[1.0 / batch_size] = "1/N"
    for value, name in named.items():
        if np.isclose(c, value, rtol=1e-6, atol=0.0):
            if value == -1.0:
                return Text(
                    "Ihr Ergebnis ist genau das −1-fache der Referenz: Vorzeichen vertauscht?",
                    "Your result is exactly −1 times the reference: sign flipped?",
                )
            n = f" (N = {batch_size})" if "N" in name else ""
            return Text(
                f"Ihr Ergebnis ist genau das {name}-fache der Referenz{n}: Faktor 2 bzw. 1/N "
                "vergessen?",
                f"Your result is exactly {name} times the reference{n}: factor 2 or 1/N forgotten?",
            )
    return Text(
        f"Ihr Ergebnis ist ein konstantes Vielfaches der Referenz (Faktor {c:.6g}): eine "
        "Konstante in der Formel falsch?",
        f"Your result is a constant multiple of the reference (factor {c:.6g}): a wrong "
        "constant in the formula?",
    )


def assert_close_or_factor(
    actual: Any,
    expected: Any,
    what: Label,
    batch_size: int | None = None,
    precision: np.dtype | None = None,
    long_run: bool = False,
) -> None:
    """``checks.assert_close``; on failure, say if the result is off by a constant factor.

    ``precision``: the dtype of the inputs (float32 inputs get float32's tolerance);
    ``long_run``: float32's wider atol for results of long chains (several layers' sums).
    """
    reference = np.asarray(expected)
    array = checks.as_array(actual, what, shape=reference.shape)
    try:
        checks.assert_close(
            array, reference, what, tol=tolerance(array, reference, precision, long_run)
        )
    except checks.CheckFailure as failure:
        c = constant_factor(array, reference, precision, long_run)
        if c is None:
            raise
        raise checks.CheckFailure(
            failure.text + Text(" ", " ") + _ratio_text(c, batch_size)
        ) from None


def _dative(layer: Text) -> Text:
    """'der verdeckten Schicht 2' / 'the hidden layer 2' (after 'in', 'von')."""
    return Text("der " + layer.de.replace("verdeckte ", "verdeckten "), "the " + layer.en)


def _part_label(what: Label, part: str, layer: Text) -> Text:
    what_text = what if isinstance(what, Text) else Text(what, what)
    of = _dative(layer)
    return Text(f"{what_text.de}: {part} {of.de}", f"{what_text.en}: {part} of {of.en}")


def assert_layers_close(
    got: Any,
    expected: Sequence[Sequence[Any]],
    what: Label,
    parts: Sequence[str] = ("dW", "db"),
    batch_size: int | None = None,
    precision: np.dtype | None = None,
    long_run: bool = False,
) -> None:
    """Per-layer tuples (input layer first), checked from the output layer back to the input.

    The first failing part names its layer ('Ausgabeschicht', 'verdeckte Schicht 2') and, when
    it is off by a constant factor, says so; layers closer to the output were found correct.
    """
    count = len(expected)
    layers = checks.as_tuple(got, count, what)
    for index in range(count - 1, -1, -1):
        layer = layer_name(index, count)
        values = checks.as_tuple(layers[index], len(parts), _part_label(what, "Eintrag", layer))
        for part, value, reference in zip(parts, values, expected[index], strict=True):
            try:
                assert_close_or_factor(
                    value,
                    reference,
                    _part_label(what, part, layer),
                    batch_size,
                    precision,
                    long_run,
                )
            except checks.CheckFailure as failure:
                raise checks.CheckFailure(_where(index, count) + failure.text) from None


def _where(index: int, count: int) -> Text:
    if index == count - 1:
        return Text("Schon die Ausgabeschicht weicht ab. ", "The output layer already differs. ")
    correct = (
        Text(f"Schicht {count} stimmt", f"layer {count} is correct")
        if index + 2 == count
        else Text(
            f"Die Schichten {index + 2}–{count} stimmen", f"layers {index + 2}–{count} are correct"
        )
    )
    layer = layer_name(index, count)
    return Text(
        f"{correct.de[0].upper()}{correct.de[1:]}, die erste Abweichung (von der Ausgabe "
        f"rückwärts) liegt in {_dative(layer).de}. ",
        f"{correct.en[0].upper()}{correct.en[1:]}; the first difference (going backward from "
        f"the output) is in {_dative(layer).en}. ",
    )
