"""softmax(z) along the last axis, stable for logits of 1000 (float64) and 100 (float32)."""

import numpy as np

from autograder.authoring import Task, call

task = Task("softmax")


@task.case(weight=2, what="softmax(Z), Z der Form (6, 4)")
def rows(rng):
    return call(rng.normal(scale=2.0, size=(6, 4)))


@task.case()
def vector_and_three_axes(rng):
    return [
        call(rng.normal(size=5)).labelled("softmax(z), z der Form (5,)"),
        call(rng.normal(size=(2, 3, 4))).labelled("softmax(Z), Z der Form (2, 3, 4)"),
    ]


@task.case(weight=2, what="softmax(Z) mit Logits um 1000 in zwei Zeilen")
def large_logits_mixed_with_small_ones(rng):
    z = rng.normal(size=(5, 3))
    z[[0, 3]] += 1000.0  # two rows of logits ≈ 1000, three ordinary rows
    return call(z)


@task.case(what="softmax(Z) in float32 mit Logits um 100")
def float32_large_logits(rng):
    shift = np.array([[100.0], [0.0], [100.0], [-3.0]])
    return call((rng.normal(size=(4, 6)) + shift).astype(np.float32))


SHIFTED = "np.exp(z - z.max(axis=-1, keepdims=True))"
task.mistake(
    "axis0",
    "Softmax über Achse 0 (die Beispiele) statt über die letzte Achse",
    "softmax over axis 0 (the samples) instead of the last axis",
    ("z.max(axis=-1", "z.max(axis=0"),
    ("e.sum(axis=-1", "e.sum(axis=0"),
)
task.mistake(  # in the input's dtype: float32 overflows at logits of 100
    "no_max_shift",
    "Softmax ohne Abziehen des Maximums (Überlauf bei großen Logits)",
    "softmax without subtracting the maximum (overflow for large logits)",
    (f"z = _f64(z)\n    e = {SHIFTED}", "e = np.exp(z)"),
)
task.mistake(  # in the input's dtype: float32 rows far below the maximum underflow
    "global_max",
    "Maximum des ganzen Arrays statt pro Zeile abgezogen",
    "maximum of the whole array instead of per row subtracted",
    (f"z = _f64(z)\n    e = {SHIFTED}", "e = np.exp(z - z.max())"),
)
task.mistake(
    "global_sum",
    "durch die Summe des ganzen Arrays geteilt",
    "divided by the sum of the whole array",
    ("e.sum(axis=-1, keepdims=True)", "e.sum()"),
)
