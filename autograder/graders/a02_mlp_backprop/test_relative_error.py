"""relative_error(a, b) = max |a − b| / max(|a| + |b|, 1e-8) (CS231n)."""

import numpy as np

from autograder.authoring import Task, call, scalar

task = Task("relative_error", compare=scalar)


@task.case(weight=2, what="relative_error(a, b), Form (4, 5)")
def random(rng):
    a = rng.normal(size=(4, 5))
    b = a * (1 + rng.normal(scale=1e-3, size=a.shape))
    b[1, 2] = -a[1, 2]  # one entry with the wrong sign
    return call(a, b)


@task.case()
def with_exact_zeros(rng):
    a = rng.normal(size=8)
    b = a + rng.normal(scale=1e-6, size=8)
    a[[0, 5]] = b[[0, 5]] = 0.0  # both zero: 0, not 0/0
    return [
        call(a, b).labelled("relative_error(a, b) mit a = b = 0 an zwei Stellen"),
        call(np.array([1e-12, 3e-10]), np.array([0.0, 3e-10])).labelled(
            "relative_error für Werte unter 1e-8"
        ),
    ]


SUM = "np.abs(a) + np.abs(b)"
task.mistake("mean", "Mittelwert statt Maximum", "mean instead of maximum", ("np.max(", "np.mean("))
task.mistake(
    "abs_of_sum",
    "Nenner |a + b| statt |a| + |b|",
    "denominator |a + b| instead of |a| + |b|",
    (SUM, "np.abs(a + b)"),
)
task.mistake(
    "no_floor",
    "ohne max(…, 1e-8) im Nenner (0/0 = nan)",
    "without max(…, 1e-8) in the denominator (0/0 = nan)",
    (f"np.maximum({SUM}, 1e-8)", f"({SUM})"),
)
task.mistake("relative_to_b", "nur auf |b| bezogen", "relative to |b| only", (SUM, "np.abs(b)"))
