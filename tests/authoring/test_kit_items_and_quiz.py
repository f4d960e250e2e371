"""The kit's parts that a01 and q01 needed: a returned tuple graded item by item (one case per
item, so a mistake costs only its item's share), exact vectors, and a quiz declared as one
table that brings its own tests, catalogue entries and choices."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from autograder.authoring import (
    CheckFailure,
    as_exact_vector,
    one_item,
)


def _message(compare, actual, expected, what="Rückgabe (a, b, c)") -> str:
    with pytest.raises(CheckFailure) as failure:
        compare(actual, expected, what)
    return failure.value.text.de


def test_one_item_judges_only_its_item() -> None:
    expected = (np.ones(3), 0.5, 2.0)
    one_item(1, "b")((np.zeros(3), 0.5, -1.0), expected, "Rückgabe (a, b, c)")  # a, c wrong
    assert _message(one_item(2, "c"), (np.ones(3), 0.5, -1.0), expected).startswith("c")
    assert "Rückgabe (a, b, c)" in _message(one_item(0, "a"), (np.ones(3), 0.5), expected)


def test_as_exact_vector_keeps_fractions_exact() -> None:
    assert as_exact_vector([Fraction(1, 3), 2], "λ", 2) == [Fraction(1, 3), Fraction(2)]
    with pytest.raises(CheckFailure):
        as_exact_vector([1.0, float("nan")], "λ", 2)
