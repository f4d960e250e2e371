import pytest

from autograder.graders.a01_perceptron_xor.certificates import assert_certificate


@pytest.mark.task("xor_certificate")
def test_xor_certificate(student):
    assert_certificate(student.xor_certificate(), 2, "xor_certificate()")


@pytest.mark.task("parity_certificate")
@pytest.mark.parametrize("n", [2, 3])
def test_small_parity(student, n):
    assert_certificate(student.parity_certificate(n), n, f"parity_certificate({n})")


@pytest.mark.task("parity_certificate")
@pytest.mark.weight(2)
def test_larger_parity(student, rng):
    """Several n up to 10, drawn from the secret seed, so the answer can't be hard-coded."""
    for n in sorted({int(rng.integers(4, 10)), 10}):
        assert_certificate(student.parity_certificate(n), n, f"parity_certificate({n})")
