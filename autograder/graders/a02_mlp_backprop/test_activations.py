import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.problems import arguments, close

ELEMENTWISE = [
    "sigmoid",
    "sigmoid_prime",
    "tanh_prime",
    "relu",
    "relu_prime",
    "leaky_relu",
    "leaky_relu_prime",
    "selu",
    "selu_prime",
]
NO_ZEROS = {"selu_prime"}  # not differentiable at 0


def each(names):
    return pytest.mark.parametrize(
        "name", [pytest.param(n, marks=pytest.mark.task(n), id=n) for n in names]
    )


def _check(student, reference, name, z, what, precision=None, **kwargs):
    close(
        student.call(name, z, **kwargs),
        getattr(reference, name)(z, **kwargs),
        what,
        precision,
    )


@pytest.mark.weight(2)
@each(ELEMENTWISE)
def test_random_matrix(student, reference, rng, name):
    z = arguments(rng, (7, 5), zeros=name not in NO_ZEROS)
    _check(student, reference, name, z, f"{name}(z), z der Form (7, 5)")


@each(ELEMENTWISE)
def test_three_axes_wide_range(student, reference, rng, name):
    z = rng.uniform(-30.0, 30.0, size=(3, 2, 4))
    # One moderate value fixes the scale of atol: saturated entries (tanh′(30) ≈ 4e-26) are
    # computed exactly by 1/cosh², but only to ≈ 1e-16 absolute by 1 − tanh²; both are right.
    z[0, 0, 0] = rng.uniform(-1.0, 1.0)
    _check(student, reference, name, z, f"{name}(z), z der Form (3, 2, 4) in [-30, 30]")


@each(ELEMENTWISE)
def test_float32(student, reference, rng, name):
    z = arguments(rng, (11,), zeros=name not in NO_ZEROS).astype(np.float32)
    _check(student, reference, name, z, f"{name}(z), z in float32", precision=np.float32)


@each(["leaky_relu", "leaky_relu_prime"])
def test_alpha_parameter(student, reference, rng, name):
    z = arguments(rng, (6, 3))
    alpha = float(rng.uniform(0.05, 0.6))
    _check(student, reference, name, z, f"{name}(z, alpha={alpha:.3f})", alpha=alpha)


@pytest.mark.task("sigmoid")
def test_sigmoid_stays_finite_for_huge_arguments(student, reference, rng):
    z = np.concatenate([[-1000.0, 1000.0, -745.5, 710.0], rng.normal(scale=50.0, size=6)])
    _check(student, reference, "sigmoid", z, "sigmoid(z) für |z| bis 1000")


# ------------------------------------------------------------------ softmax

pytestmark_softmax = pytest.mark.task("softmax")


@pytest.mark.weight(2)
@pytestmark_softmax
def test_softmax_rows(student, reference, rng):
    z = rng.normal(scale=2.0, size=(6, 4))
    close(student.softmax(z), reference.softmax(z), "softmax(Z), Z der Form (6, 4)")


@pytestmark_softmax
def test_softmax_vector_and_three_axes(student, reference, rng):
    z = rng.normal(size=5)
    close(student.softmax(z), reference.softmax(z), "softmax(z), z der Form (5,)")
    z3 = rng.normal(size=(2, 3, 4))
    close(student.softmax(z3), reference.softmax(z3), "softmax(Z), Z der Form (2, 3, 4)")


@pytest.mark.weight(2)
@pytestmark_softmax
def test_softmax_large_logits_mixed_with_small_ones(student, reference, rng):
    z = rng.normal(size=(5, 3))
    z[[0, 3]] += 1000.0  # two rows of logits ≈ 1000, three ordinary rows
    close(student.softmax(z), reference.softmax(z), "softmax(Z) mit Logits um 1000 in zwei Zeilen")


@pytestmark_softmax
def test_softmax_float32_large_logits(student, reference, rng):
    z = (rng.normal(size=(4, 6)) + np.array([[100.0], [0.0], [100.0], [-3.0]])).astype(np.float32)
    close(
        student.softmax(z),
        reference.softmax(z),
        "softmax(Z) in float32 mit Logits um 100",
        np.float32,
    )
