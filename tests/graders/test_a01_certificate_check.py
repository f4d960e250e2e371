"""The exact certificate check (integers on a common denominator) agrees with the definition
written out in Fractions, for valid certificates and for ones that miss by the last bit."""

import itertools
from fractions import Fraction

import numpy as np
import pytest

from autograder.authoring import CheckFailure
from autograder.graders.a01_perceptron_xor.certificates import assert_certificate


def _is_certificate(lam: list[Fraction], n: int) -> bool:
    points = list(itertools.product([0, 1], repeat=n))
    if any(v < 0 for v in lam):
        return False
    for axis in range(n + 1):
        total = Fraction(0)
        for v, point in zip(lam, points, strict=True):
            sign = 1 if sum(point) % 2 == 1 else -1
            total += sign * v * (1, *point)[axis]
        if total != 0:
            return False
    return any(v > 0 for v, point in zip(lam, points, strict=True) if sum(point) % 2 == 0)


def _candidates() -> list[tuple[int, object]]:
    rng = np.random.default_rng(7)
    found: list[tuple[int, object]] = []
    for n in (2, 3, 6, 10):
        size = 2**n
        scale = 2.0 ** rng.integers(-1070, 960)
        found += [
            (n, np.ones(size)),
            (n, np.full(size, scale)),  # one exponent far from 1: Python ints on 2**1074
            (n, np.full(size, 1 / 3)),
            (n, np.r_[np.nextafter(1.0, 2.0), np.ones(size - 1)]),  # off by the last bit
            (n, np.r_[np.ones(size - 1), 1.0 + 2.0**-52]),
            (n, np.where(np.arange(size) % 2 == 0, 1.0, -1.0)),  # negative multipliers
            (n, np.zeros(size)),
            (n, rng.integers(0, 3, size).astype(float)),
            (n, [Fraction(1, 3)] * size),
            (n, [2**100] * size),  # beyond int64
            (n, np.ones(size, dtype=np.int64) * (2**62 // size)),  # sums at the edge of int64
        ]
    return found


@pytest.mark.parametrize("n, value", _candidates())
def test_the_check_agrees_with_the_definition(n, value):
    exact = [Fraction(x) for x in (value.tolist() if isinstance(value, np.ndarray) else value)]
    try:
        assert_certificate(value, n, "λ")
        accepted = True
    except CheckFailure:
        accepted = False
    assert accepted == _is_certificate(exact, n)
