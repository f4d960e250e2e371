"""standardize(X): column-wise z-scores — the authoring kit's worked example (docs/authoring.md)."""

import numpy as np
import pytest

from autograder.authoring import Task, as_array, call, fail

task = Task("standardize")


@task.case(weight=2, what="standardize(X), Form (12, 4)")
def matrix(rng):
    return call(rng.normal(loc=3.0, scale=2.0, size=(12, 4)))


@task.case(what="standardize(X) in float32")
def single_precision(rng):
    return call(rng.normal(loc=-1.0, scale=5.0, size=(9, 3)).astype(np.float32))


@task.case(what="standardize(X) mit einer konstanten Spalte")
def constant_column(rng):
    X = rng.normal(size=(8, 3))
    X[:, rng.integers(3)] = 4.0
    return call(X)


task.mistake(
    "per_row",
    "Mittelwert und Standardabweichung je Zeile statt je Spalte (axis=1)",
    "mean and standard deviation per row instead of per column (axis=1)",
    ("X.mean(axis=0)", "X.mean(axis=1, keepdims=True)"),
    ("X.std(axis=0)", "X.std(axis=1, keepdims=True)"),
)
task.mistake(
    "sample_std",
    "Stichproben-Standardabweichung (ddof=1) statt σ der Grundgesamtheit",
    "sample standard deviation (ddof=1) instead of the population σ",
    ("X.std(axis=0)", "X.std(axis=0, ddof=1)"),
)
task.mistake(
    "not_centred",
    "Mittelwert nicht abgezogen: X / σ",
    "mean not subtracted: X / σ",
    ("(X - mu) /", "X /"),
)


@task.mistake_function(
    "min_max",
    "Min-Max-Skalierung auf [0, 1] statt Standardisierung",
    "min-max scaling to [0, 1] instead of standardisation",
)
def standardize(X):
    X = np.asarray(X, dtype=float)
    span = X.max(axis=0) - X.min(axis=0)
    return (X - X.min(axis=0)) / np.where(span > 0, span, 1.0)


@pytest.mark.task("standardize")
def test_columns_have_mean_zero_and_unit_std(student, rng):
    """A property of the student's own output, no reference needed: an ordinary pytest test."""
    X = rng.uniform(-10.0, 10.0, size=(20, 5))
    Z = as_array(student.standardize(X), "standardize(X)", shape=X.shape)
    if not (np.allclose(Z.mean(axis=0), 0.0, atol=1e-9) and np.allclose(Z.std(axis=0), 1.0)):
        fail(
            "Jede Spalte von standardize(X) sollte Mittelwert 0 und Standardabweichung 1 haben.",
            "Every column of standardize(X) should have mean 0 and standard deviation 1.",
        )
