"""mse(y_hat, y): the mean over all N·K squared errors."""

import numpy as np

from autograder.authoring import Task, call, scalar

task = Task("mse", compare=scalar)


@task.case(weight=2, what="mse(Ŷ, Y), Form (7, 3)")
def matrix(rng):
    return call(rng.normal(size=(7, 3)), rng.normal(size=(7, 3)))


@task.case()
def vector_and_float32(rng):
    vector = call(rng.normal(size=9), rng.normal(size=9)).labelled("mse(ŷ, y), Form (9,)")
    a, b = rng.normal(size=(5, 2)).astype(np.float32), rng.normal(size=(5, 2)).astype(np.float32)
    return [vector, call(a, b).labelled("mse in float32")]


SQUARES = "np.mean((_f64(y_hat) - _f64(y)) ** 2)"
task.mistake("sum", "Summe statt Mittelwert", "sum instead of mean", ("np.mean(", "np.sum("))
task.mistake(
    "half", "½·MSE (Faktor ½ zu viel)", "½·MSE (extra factor ½)", (SQUARES, f"0.5 * {SQUARES}")
)
task.mistake(
    "mean_over_samples",
    "nur über die Beispiele gemittelt (Summe über K, wie Foliensatz 2)",
    "averaged over the samples only (sum over K)",
    (SQUARES, "np.sum((_f64(y_hat) - _f64(y)) ** 2) / len(y_hat)"),
)
