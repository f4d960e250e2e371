import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.problems import FUNCTIONS, close
from autograder.grading import checks
from autograder.grading.localize import assert_close_or_factor

numerical = pytest.mark.task("numerical_gradient")
relative = pytest.mark.task("relative_error")


def _numerical(student, reference, name, x, *eps):
    got = student.probe(
        "numerical_gradient",
        "numerical_gradient_of",
        (name, x, *eps),
        replay=(FUNCTIONS[name], x, *eps),
    )
    expected = reference.numerical_gradient(FUNCTIONS[name], x, *eps)
    what = f"numerical_gradient(TEST_FUNCTIONS[{name!r}], x der Form {x.shape}" + (
        f", eps={eps[0]:g})" if eps else ")"
    )
    assert_close_or_factor(got, expected, what)


@pytest.mark.weight(2)
@numerical
@pytest.mark.parametrize("name", ["cubic", "sin_times_cos", "log_sum_exp"])
def test_numerical_gradient(student, reference, rng, name):
    _numerical(student, reference, name, rng.normal(size=int(rng.integers(4, 8))))


@numerical
def test_numerical_gradient_matrix_and_eps(student, reference, rng):
    _numerical(student, reference, "sin_times_cos", rng.normal(size=(3, 4)), 1e-4)
    _numerical(student, reference, "square_sum", rng.normal(size=(2, 2, 2)), 1e-3)


# ------------------------------------------------------------------ relative_error


def _relative(student, reference, a, b, what):
    value = checks.as_float(student.relative_error(a, b), what)
    close(value, reference.relative_error(a, b), what)


@pytest.mark.weight(2)
@relative
def test_relative_error_random(student, reference, rng):
    a = rng.normal(size=(4, 5))
    b = a * (1 + rng.normal(scale=1e-3, size=a.shape))
    b[1, 2] = -a[1, 2]  # one entry with the wrong sign
    _relative(student, reference, a, b, "relative_error(a, b), Form (4, 5)")


@relative
def test_relative_error_with_exact_zeros(student, reference, rng):
    a = rng.normal(size=8)
    b = a + rng.normal(scale=1e-6, size=8)
    a[[0, 5]] = b[[0, 5]] = 0.0  # both zero: 0, not 0/0
    _relative(student, reference, a, b, "relative_error(a, b) mit a = b = 0 an zwei Stellen")
    tiny = np.array([1e-12, 3e-10]), np.array([0.0, 3e-10])
    _relative(student, reference, *tiny, "relative_error für Werte unter 1e-8")
