"""xor_certificate(): multipliers λ ≥ 0 proving that no perceptron computes XOR (checked
exactly, see certificates.py)."""

from autograder.authoring import Task
from autograder.graders.a01_perceptron_xor.certificates import (
    all_zero,
    assert_certificate,
    has_negative,
    label_one_only,
    label_zero_only,
)

task = Task("xor_certificate")


@task.test()
def test_xor_certificate(student):
    assert_certificate(student.xor_certificate(), 2, "xor_certificate()")


REFERENCE = "np.array([1.0, 1.0, 1.0, 1.0])"
task.mistake(
    "signed_multipliers",
    "Vorzeichen in die Multiplikatoren gesteckt (negative λ)",
    "signs put into the multipliers (negative λ)",
    (REFERENCE, "np.array([-1.0, 1.0, 1.0, -1.0])"),
    matcher=has_negative,
)
task.mistake(
    "trivial",
    "triviales Zertifikat (alle λ = 0)",
    "trivial certificate (all λ = 0)",
    (REFERENCE, "np.zeros(4)"),
    matcher=all_zero,
)
task.mistake(
    "non_strict_only",
    "nur die nicht-strikten Ungleichungen (Label 1) gewichtet",
    "only the non-strict inequalities (label 1) weighted",
    (REFERENCE, "np.array([0.0, 1.0, 1.0, 0.0])"),
    matcher=label_one_only,
)
task.mistake(
    "strict_only",
    "nur die strikten Ungleichungen (Label 0) gewichtet",
    "only the strict inequalities (label 0) weighted",
    (REFERENCE, "np.array([1.0, 0.0, 0.0, 1.0])"),
    matcher=label_zero_only,
)
