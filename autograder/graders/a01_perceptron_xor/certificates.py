"""Exact verification of infeasibility certificates for "a perceptron solves this labelling",
and the matchers that recognise the catalogued wrong certificates in a student's answer.

A perceptron with step f(0) = 1 classifies x as 1 iff x̃ᵀw ≥ 0 (x̃ = (1, x)). Labels 1 give
non-strict inequalities s·x̃ᵀw ≥ 0 with s = +1, labels 0 strict ones with s = −1. Multipliers
λ ≥ 0 with Σ λᵢ sᵢ x̃ᵢ = 0 and λᵢ > 0 on some strict (label-0) point prove that no w exists.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np

from autograder.authoring import CheckFailure, Text, as_exact_vector


def parity_points(n: int) -> tuple[list[tuple[int, ...]], list[int]]:
    points = list(itertools.product([0, 1], repeat=n))
    return points, [sum(p) % 2 for p in points]


def certificate_problem(
    lam: list[Fraction], points: list[tuple[int, ...]], labels: list[int]
) -> Text | None:
    """None if ``lam`` is a valid certificate, else what is wrong with it (German/English).

    Exact: the multipliers are rationals (a float is its exact binary value), so a certificate
    written with ``fractions.Fraction`` or ints is checked without any rounding."""
    if any(v < 0 for v in lam):
        return Text(
            "Alle Multiplikatoren müssen nichtnegativ sein (das Vorzeichen steckt schon in den "
            "Ungleichungen).",
            "All multipliers must be nonnegative (the sign is already part of the inequalities).",
        )
    # on a common denominator the multipliers are integers: exact sums at C speed
    exact = [Fraction(v) for v in lam]
    scale = math.lcm(*(v.denominator for v in exact))
    signed = [
        v.numerator * (scale // v.denominator) * (1 if label == 1 else -1)
        for v, label in zip(exact, labels, strict=True)
    ]
    total = [sum(signed)] + [sum(itertools.compress(signed, axis)) for axis in zip(*points)]
    if any(t != 0 for t in total):
        return Text(
            "Die gewichtete Summe der Ungleichungen hebt sich nicht zu 0 auf.",
            "The weighted sum of the inequalities does not cancel to 0.",
        )
    if not any(v > 0 for v, label in zip(lam, labels, strict=True) if label == 0):
        return Text(
            "Mindestens eine strikte Ungleichung (ein Punkt mit Label 0) braucht einen positiven "
            "Multiplikator, sonst entsteht kein Widerspruch.",
            "At least one strict inequality (a point with label 0) needs a positive multiplier, "
            "otherwise there is no contradiction.",
        )
    return None


def assert_certificate(value: object, n: int, what: str) -> None:
    points, labels = parity_points(n)
    lam = as_exact_vector(value, what, len(points))
    problem = certificate_problem(lam, points, labels)
    if problem is not None:
        raise CheckFailure(Text(f"{what}: ", f"{what}: ") + problem)


# ---------------------------------------------------------------- matchers of wrong certificates
# A matcher gets the student's recorded result and the call's arguments (n for parity).


def _lam(value: Any) -> np.ndarray | None:
    """The multipliers as exact rationals (an object array), or None if they are no vector."""
    try:
        return np.array(as_exact_vector(value, "λ", len(value)), dtype=object)
    except (CheckFailure, TypeError):
        return None


def has_negative(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    lam = _lam(value)
    return lam is not None and bool((lam < 0).any())


def all_zero(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    lam = _lam(value)
    return lam is not None and lam.size > 0 and bool((lam == 0).all())


def _weights_only(value: Any, args: tuple[Any, ...], label: int) -> bool:
    """Positive λ only on points with ``label``, zero on all others."""
    lam = _lam(value)
    n = args[0] if args else 2
    if lam is None or lam.size != 2**n:
        return False
    _, labels = parity_points(n)
    chosen = np.array(labels) == label
    return bool((lam[~chosen] == 0).all() and (lam[chosen] > 0).any())


def label_one_only(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return _weights_only(value, args, 1)


def label_zero_only(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return _weights_only(value, args, 0)


def length_four(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    lam = _lam(value)
    return lam is not None and lam.size == 4
