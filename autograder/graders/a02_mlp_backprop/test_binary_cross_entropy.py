"""binary_cross_entropy(p, y): −mean(y ln p + (1 − y) ln(1 − p)), finite at p ∈ {0, 1}."""

import numpy as np

from autograder.authoring import Task, as_float, call, fail, scalar

task = Task("binary_cross_entropy", compare=scalar)


def _probabilities(rng, shape):
    return rng.uniform(1e-6, 1.0 - 1e-6, size=shape)


@task.case(weight=2, what="BCE(p, y), Form (8, 1)")
def column(rng):
    return call(_probabilities(rng, (8, 1)), (rng.uniform(size=(8, 1)) < 0.5).astype(float))


@task.case()
def vector_and_float32(rng):
    p, y = _probabilities(rng, 10), (rng.uniform(size=10) < 0.5).astype(float)
    p32 = rng.uniform(0.01, 0.99, size=(6, 1)).astype(np.float32)
    y32 = (rng.uniform(size=(6, 1)) < 0.5).astype(np.float32)
    return [call(p, y).labelled("BCE(p, y), Form (10,)"), call(p32, y32).labelled("BCE in float32")]


@task.test()
def test_finite_at_zero_and_one(student, rng):
    order = rng.permutation(4)
    p = np.array([0.0, 1.0, 0.0, 1.0])[order]
    y = np.array([1.0, 0.0, 0.0, 1.0])[order]  # two completely wrong, two completely right
    wrong = as_float(student.binary_cross_entropy(p, y), "BCE für p ∈ {0, 1}")
    if not np.isfinite(wrong) or wrong < 5.0:
        fail(
            f"BCE für p ∈ {{0, 1}} (zwei ganz falsche, zwei ganz richtige Vorhersagen): erwartet "
            f"wurde ein großer, endlicher Wert, erhalten {wrong} (p vor dem Logarithmus auf "
            "[ε, 1 − ε] begrenzen).",
            f"BCE for p ∈ {{0, 1}} (two completely wrong, two completely right predictions): "
            f"expected a large finite value, got {wrong} (clip p to [ε, 1 − ε] before the log).",
        )
    right = as_float(student.binary_cross_entropy(p[y == p], y[y == p]), "BCE")
    if not (np.isfinite(right) and 0.0 <= right < 1e-6):
        fail(
            f"BCE für zwei ganz richtige Vorhersagen (p = y ∈ {{0, 1}}): erwartet ≈ 0, erhalten {right}.",
            f"BCE for two completely right predictions (p = y ∈ {{0, 1}}): expected ≈ 0, got {right}.",
        )


task.mistake(
    "log10",
    "log₁₀ statt natürlichem Logarithmus",
    "log₁₀ instead of ln",
    ("y * np.log(p)", "y * np.log10(p)"),
    ("np.log(1.0 - p)", "np.log10(1.0 - p)"),
)
task.mistake("sum", "Summe statt Mittelwert", "sum instead of mean", ("-np.mean(", "-np.sum("))
task.mistake(
    "not_clipped",
    "p nicht begrenzt: log(0) ergibt ∞ bzw. nan",
    "p not clipped: log(0) gives ∞ or nan",
    ("np.clip(_f64(p), BCE_EPS, 1.0 - BCE_EPS)", "_f64(p)"),
)
task.mistake(
    "sign",
    "Minuszeichen vergessen (negative Kosten)",
    "minus sign forgotten",
    ("float(-np.mean(", "float(np.mean("),
)
