"""layer_gradients(delta, A_prev) = (δᵀ·A_prev, Σᵢ δᵢ) of one layer."""

import numpy as np

from autograder.authoring import Task, call, same

task = Task("layer_gradients")


def _gradients(rng, N, dtype=np.float64):
    n, m = (int(v) for v in rng.choice(np.arange(2, 10), size=2, replace=False))
    delta = rng.normal(size=(N, n)).astype(dtype)
    A_prev = rng.normal(size=(N, m)).astype(dtype)
    return (
        call(delta, A_prev)
        .labelled(f"(δ der Form {delta.shape}, A_prev der Form {A_prev.shape})")
        .compared_by(same(factor=True, batch_size=N, parts=("dW", "db")))
    )


@task.case(weight=3)
def batch(rng):
    return _gradients(rng, int(rng.integers(10, 14)))


@task.case()
def single_sample_and_float32(rng):
    return [_gradients(rng, 1), _gradients(rng, 7, np.float32)]


DW = "delta.T @ _f64(A_prev)"
task.mistake(
    "dw_transposed",
    "dW = A_prevᵀ·δ (transponiert, Form n_in × n_out)",
    "dW = A_prevᵀ·δ (transposed)",
    (DW, "_f64(A_prev).T @ delta"),
)
task.mistake(
    "db_wrong_axis",
    "db über die falsche Achse summiert (axis=1)",
    "db summed over the wrong axis (axis=1)",
    ("delta.sum(axis=0)", "delta.sum(axis=1)"),
)
task.mistake(
    "db_mean",
    "db als Mittelwert statt Summe (1/N doppelt)",
    "db as a mean instead of a sum (1/N twice)",
    ("delta.sum(axis=0)", "delta.mean(axis=0)"),
)
task.mistake(
    "dw_over_N",
    "dW noch einmal durch N geteilt (1/N doppelt)",
    "dW divided by N again (1/N twice)",
    (DW, f"{DW} / len(delta)"),
)
