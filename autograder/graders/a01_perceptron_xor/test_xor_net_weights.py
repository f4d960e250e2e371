from fractions import Fraction

import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("xor_net_weights")

XOR = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}
SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (1, 2), "b2": (1,)}


def _step(z: Fraction) -> int:
    return 1 if z >= 0 else 0


def _layer(W, b, x):
    return [
        _step(sum(Fraction(float(w)) * xi for w, xi in zip(row, x)) + Fraction(float(bi)))
        for row, bi in zip(W, b)
    ]


def _weights(student):
    values = checks.as_tuple(student.xor_net_weights(), 4, "Rückgabe (W1, b1, W2, b2)")
    return [checks.as_array(v, name, shape) for v, (name, shape) in zip(values, SHAPES.items())]


def test_shapes_follow_the_layout(student):
    _weights(student)


@pytest.mark.weight(3)
def test_computes_xor(student):
    W1, b1, W2, b2 = _weights(student)
    for x, expected in XOR.items():
        out = _layer(W2, b2, _layer(W1, b1, x))[0]
        if out != expected:
            checks.fail(
                f"Das Netz liefert für x = {x} den Wert {out} statt {expected} (Stufe mit f(0) = 1).",
                f"The network outputs {out} instead of {expected} for x = {x} (step with f(0) = 1).",
            )
