"""parity_certificate(n): a certificate for n-bit parity, for several n drawn from the secret
seed so that no answer can be hard-coded."""

import pytest

from autograder.authoring import Task
from autograder.graders.a01_perceptron_xor.certificates import (
    assert_certificate,
    has_negative,
    label_zero_only,
    length_four,
)

task = Task("parity_certificate")


@task.test()
@pytest.mark.parametrize("n", [2, 3])
def test_small_parity(student, n):
    assert_certificate(student.parity_certificate(n), n, f"parity_certificate({n})")


@task.test(weight=2)
def test_larger_parity(student, rng):
    """Several n up to 10, drawn from the secret seed, so the answer can't be hard-coded."""
    for n in sorted({int(rng.integers(4, 10)), 10}):
        assert_certificate(student.parity_certificate(n), n, f"parity_certificate({n})")


RETURN = "return np.ones(len(points))"
task.mistake(
    "xor_hard_coded",
    "XOR-Zertifikat für jedes n wiederverwendet",
    "the XOR certificate reused for every n",
    (RETURN, "return np.ones(4)"),
    matcher=length_four,
)
task.mistake(
    "signed_multipliers",
    "Vorzeichen in die Multiplikatoren gesteckt (negative λ)",
    "signs put into the multipliers (negative λ)",
    (RETURN, "return np.array([1.0 if sum(p) % 2 else -1.0 for p in points])"),
    matcher=has_negative,
)
task.mistake(
    "strict_only",
    "nur die strikten Ungleichungen (gerade Punkte) gewichtet",
    "only the strict inequalities (even points) weighted",
    (RETURN, "return np.array([0.0 if sum(p) % 2 else 1.0 for p in points])"),
    matcher=label_zero_only,
)
