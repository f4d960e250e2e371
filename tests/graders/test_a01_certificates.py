"""a01 certificates written with exact rationals or big ints cross the real sandbox and are
checked exactly: a valid one scores full marks, one that is off by 10⁻³⁰ scores zero."""

import pytest

XOR_CELL = "from fractions import Fraction\n\n\ndef xor_certificate():\n    return {}\n"
PARITY_CELL = """import itertools
from fractions import Fraction


def parity_certificate(n):
    # 1/3 everywhere, plus 2/7 on the XOR face x_3 = ... = x_n = 0 (itself a certificate)
    return [
        Fraction(1, 3) + (Fraction(2, 7) if not any(p[2:]) else 0)
        for p in itertools.product([0, 1], repeat=n)
    ]
"""


@pytest.mark.parametrize(
    "answer, valid",
    [
        ("[Fraction(1, 3)] * 4", True),
        ("(Fraction(2, 7), Fraction(2, 7), Fraction(4, 14), Fraction(6, 21))", True),
        ("[2**100] * 4", True),  # beyond int64
        ("[10**400] * 4", True),  # beyond float64
        # a float is its exact binary value, which is not 1/3: the sum does not cancel
        ("[Fraction(1, 3), 1 / 3, Fraction(1, 3), Fraction(1, 3)]", False),
        # off by 10⁻³⁰: the same floats, but not a certificate
        ("[Fraction(1, 3)] * 3 + [Fraction(1, 3) + Fraction(1, 10**30)]", False),
    ],
)
def test_exact_xor_certificates(grade_sources, model_sources, answer, valid):
    task = grade_sources(
        {**model_sources, "xor_certificate": XOR_CELL.format(answer)}, only={"xor_certificate"}
    ).task("xor_certificate")
    assert task.score == (task.max_score if valid else 0), task.feedback
    assert valid or "hebt sich nicht zu 0 auf" in task.feedback


def test_a_rational_parity_certificate_scores_full_marks(grade_sources, model_sources):
    task = grade_sources(
        {**model_sources, "parity_certificate": PARITY_CELL}, only={"parity_certificate"}
    ).task("parity_certificate")
    assert task.score == task.max_score, task.feedback


def test_a_negative_rational_multiplier_is_named(grade_sources, model_sources):
    answer = "[Fraction(-1, 3), Fraction(1, 3), Fraction(1, 3), Fraction(-1, 3)]"
    task = grade_sources(
        {**model_sources, "xor_certificate": XOR_CELL.format(answer)}, only={"xor_certificate"}
    ).task("xor_certificate")
    assert task.score == 0 and task.diagnosis is not None
    assert task.diagnosis.key == "signed_multipliers"
