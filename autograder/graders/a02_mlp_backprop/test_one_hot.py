"""one_hot(y, K): an (N, K) matrix with a single 1 in column yᵢ of row i."""

import numpy as np

from autograder.authoring import Task, call

task = Task("one_hot")


@task.case(weight=2)
def with_unused_classes(rng):
    K = int(rng.integers(5, 9))
    y = rng.integers(0, K - 2, size=int(rng.integers(6, 12)))  # the last two classes never occur
    return call(y, K).labelled(f"one_hot(y, K={K})")


@task.case()
def single_label(rng):
    K = int(rng.integers(2, 6))
    return call(np.array([int(rng.integers(0, K))]), K).labelled(f"one_hot(y, K={K}) mit N = 1")


ROWS = "Y = np.zeros((y.shape[0], int(K)))\n    Y[np.arange(y.shape[0]), y] = 1.0"
task.mistake(
    "transposed",
    "Matrix transponiert (K × N)",
    "matrix transposed (K × N)",
    (ROWS, "Y = np.zeros((int(K), y.shape[0]))\n    Y[y, np.arange(y.shape[0])] = 1.0"),
)
task.mistake(
    "k_from_data",
    "K aus den Daten (max(y) + 1) statt dem Parameter K",
    "K from the data (max(y) + 1) instead of the parameter K",
    ("int(K)", "int(y.max()) + 1"),
)
task.mistake(
    "one_based",
    "Klassen ab 1 gezählt (y − 1)",
    "classes counted from 1 (y − 1)",
    ("Y[np.arange(y.shape[0]), y] = 1.0", "Y[np.arange(y.shape[0]), y - 1] = 1.0"),
)
