"""Exact verification of infeasibility certificates for "a perceptron solves this labelling",
and the matchers that recognise the catalogued wrong certificates in a student's answer.

A perceptron with step f(0) = 1 classifies x as 1 iff x̃ᵀw ≥ 0 (x̃ = (1, x)). Labels 1 give
non-strict inequalities s·x̃ᵀw ≥ 0 with s = +1, labels 0 strict ones with s = −1. Multipliers
λ ≥ 0 with Σ λᵢ sᵢ x̃ᵢ = 0 and λᵢ > 0 on some strict (label-0) point prove that no w exists.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.authoring import CheckFailure, ExactVector, Text, as_exact_integers


def parity_points(n: int) -> tuple[list[tuple[int, ...]], list[int]]:
    points = list(itertools.product([0, 1], repeat=n))
    return points, [sum(p) % 2 for p in points]


@dataclass(frozen=True)
class Labelling:
    """The inequalities of a labelling as arrays: the rows x̃ = (1, x) and each point's label."""

    inputs: np.ndarray  # (points, 1 + n) int64 of 0 and 1
    labels: np.ndarray  # (points,) int64 of 0 and 1


@functools.lru_cache(maxsize=16)
def parity_labelling(n: int) -> Labelling:
    points, labels = parity_points(n)
    inputs = np.array([(1, *p) for p in points], dtype=np.int64).reshape(len(points), n + 1)
    labelling = Labelling(inputs, np.array(labels, dtype=np.int64))
    for shared in (labelling.inputs, labelling.labels):  # cached: every student reads them
        shared.setflags(write=False)
    return labelling


def certificate_problem(lam: ExactVector, labelling: Labelling) -> Text | None:
    """None if ``lam`` is a valid certificate, else what is wrong with it (German/English).

    Exact: the multipliers are rationals (a float is its exact binary value) on a common
    denominator, so the check works on their integer numerators, without any rounding (int64
    only where ``ExactVector`` guarantees that no sum overflows, else Python ints)."""
    numerators = lam.numerators
    if (numerators < 0).any():
        return Text(
            "Alle Multiplikatoren müssen nichtnegativ sein (das Vorzeichen steckt schon in den "
            "Ungleichungen).",
            "All multipliers must be nonnegative (the sign is already part of the inequalities).",
        )
    signed = np.where(labelling.labels == 1, numerators, -numerators)
    if (signed @ labelling.inputs != 0).any():
        return Text(
            "Die gewichtete Summe der Ungleichungen hebt sich nicht zu 0 auf.",
            "The weighted sum of the inequalities does not cancel to 0.",
        )
    if not (numerators[labelling.labels == 0] > 0).any():
        return Text(
            "Mindestens eine strikte Ungleichung (ein Punkt mit Label 0) braucht einen positiven "
            "Multiplikator, sonst entsteht kein Widerspruch.",
            "At least one strict inequality (a point with label 0) needs a positive multiplier, "
            "otherwise there is no contradiction.",
        )
    return None


def assert_certificate(value: object, n: int, what: str) -> None:
    labelling = parity_labelling(n)
    lam = as_exact_integers(value, what, len(labelling.labels))
    problem = certificate_problem(lam, labelling)
    if problem is not None:
        raise CheckFailure(Text(f"{what}: ", f"{what}: ") + problem)


# ---------------------------------------------------------------- matchers of wrong certificates
# A matcher gets the student's recorded result and the call's arguments (n for parity).


def _lam(value: Any) -> np.ndarray | None:
    """The multipliers' numerators on a common (positive) denominator, so with their signs and
    zeros, or None if they are no vector."""
    try:
        return as_exact_integers(value, "λ", len(value)).numerators
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
    chosen = parity_labelling(n).labels == label
    return bool((lam[~chosen] == 0).all() and (lam[chosen] > 0).any())


def label_one_only(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return _weights_only(value, args, 1)


def label_zero_only(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return _weights_only(value, args, 0)


def length_four(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    lam = _lam(value)
    return lam is not None and lam.size == 4
