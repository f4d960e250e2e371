"""Named checks take exact rationals and Python ints wherever a number is expected."""

from fractions import Fraction

import numpy as np
import pytest

from autograder.authoring import checks
from autograder.authoring.compare import values_match
from autograder.sandbox.inside.codec import TensorValue


def test_fractions_and_big_ints_are_numbers_for_tolerance_checks():
    array = checks.as_array([Fraction(1, 4), 2**70, 3], "x", shape=(3,))
    assert array.dtype == np.float64 and array.tolist() == [0.25, 2.0**70, 3.0]
    assert checks.as_float(Fraction(1, 3), "J") == pytest.approx(1 / 3)
    checks.assert_close([Fraction(1, 3), Fraction(2, 3)], np.array([1 / 3, 2 / 3]), "ŷ")
    assert values_match((Fraction(1, 2), [1, 2]), (0.5, np.array([1.0, 2.0])))
    assert checks.as_array([10**400], "x").tolist() == [np.inf]  # beyond float64: not close


def test_a_whole_fraction_is_an_int_and_a_proper_one_is_not():
    assert checks.as_int(Fraction(6, 2), "epochs") == 3
    assert checks.as_int(2**80, "n") == 2**80
    with pytest.raises(checks.CheckFailure, match="integer"):
        checks.as_int(Fraction(1, 2), "epochs")


def test_exact_vectors_keep_rationals_and_ints_exact():
    got = checks.as_exact_vector([Fraction(1, 3), 10**400, 0.1, np.int64(2)], "λ", 4)
    assert got == [Fraction(1, 3), Fraction(10**400), Fraction(0.1), Fraction(2)]
    assert checks.as_exact_vector(np.array([0.5, 1.0]), "λ", 2) == [Fraction(1, 2), 1]
    assert checks.as_exact_vector(TensorValue(np.array([3], np.int32)), "λ", 1) == [3]


@pytest.mark.parametrize(
    "value, phrase",
    [
        ([Fraction(1, 3)] * 3, "Form (3,) statt (4,)"),
        ([1.0, float("nan"), 1.0, 1.0], "NaN oder ∞"),
        (np.array([1.0, np.inf, 1.0, 1.0]), "NaN oder ∞"),
        ([[1], [2], [3], [4]], "Form (4, 1) statt (4,)"),
        (["1", "2", "3", "4"], "Zahlen-Array"),
        ([True, False, True, Fraction(1)], "Zahlen-Array"),
    ],
)
def test_exact_vectors_refuse_what_is_no_vector_of_finite_numbers(value, phrase):
    with pytest.raises(checks.CheckFailure) as info:
        checks.as_exact_vector(value, "λ", 4)
    assert phrase in info.value.text.de


def _exact_values(vector: checks.ExactVector) -> list[Fraction]:
    return [Fraction(int(n), vector.denominator) for n in vector.numerators.tolist()]


def _fits_int64_sums(vector: checks.ExactVector) -> bool:
    return sum(abs(int(n)) for n in vector.numerators.tolist()) < 2**63


def _float_vectors() -> list[np.ndarray]:
    rng = np.random.default_rng(21)
    raw = np.frombuffer(rng.bytes(8 * 64 * 40), dtype=np.float64).reshape(40, 64).copy()
    raw[~np.isfinite(raw)] = 1.0  # any bit pattern: subnormals, huge and tiny exponents
    dyadic = rng.integers(-1000, 1000, (40, 64)) / 2.0 ** rng.integers(0, 60, (40, 64))
    fixed = [
        np.ones(1024),
        np.zeros(3),
        np.array([0.0, -0.0, 5e-324, 1.0, -6.0, 1e308]),
        np.array([2.0**60] * 8),  # their sum is beyond int64
        np.arange(7, dtype=np.float32) / 3,
    ]
    return [*raw, *dyadic, *fixed]


@pytest.mark.parametrize("index", range(len(_float_vectors())))
def test_exact_integers_are_the_exact_values_on_a_common_denominator(index):
    vector = _float_vectors()[index]
    got = checks.as_exact_integers(vector, "λ", len(vector))
    assert _exact_values(got) == checks.as_exact_vector(vector, "λ", len(vector))
    assert got.denominator >= 1
    assert got.numerators.dtype == object or _fits_int64_sums(got)


def test_exact_integers_of_rationals_and_big_ints():
    values = [Fraction(1, 3), 10**400, 0.1, np.int64(2)]
    got = checks.as_exact_integers(values, "λ", 4)
    assert _exact_values(got) == checks.as_exact_vector(values, "λ", 4)
    assert got.numerators.dtype == object
    small = checks.as_exact_integers(TensorValue(np.array([3, 4], np.int32)), "λ", 2)
    assert small.numerators.dtype == np.int64 and _exact_values(small) == [3, 4]


@pytest.mark.parametrize(
    "value", [[1.0, float("nan"), 1.0, 1.0], np.array([1.0, np.inf, 1.0, 1.0]), [1.0] * 3]
)
def test_exact_integers_refuse_what_exact_vectors_refuse(value):
    with pytest.raises(checks.CheckFailure):
        checks.as_exact_integers(value, "λ", 4)
