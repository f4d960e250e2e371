"""output_delta(Y_hat, Y, loss): δ of the output layer for sigmoid+BCE, softmax+CE, linear+MSE."""

import numpy as np

from autograder.authoring import Task, call, same
from autograder.graders.a02_mlp_backprop.problems import LOSSES, labels, outputs

task = Task("output_delta")


def _delta(rng, loss, batch, dtype=np.float64):
    K = 1 if loss == "binary_cross_entropy" else int(rng.integers(2, 6))
    Y_hat = outputs(rng, loss, batch, K).astype(dtype)
    Y = labels(rng, loss, batch, K).astype(dtype)
    return (
        call(Y_hat, Y, loss)
        .labelled(f"δ der Ausgabeschicht für {loss!r} (N = {batch}, K = {K})")
        .compared_by(same(factor=True, batch_size=batch))
    )


for loss in LOSSES:

    @task.case(weight=2, name=f"loss_{loss}")
    def random_batch(rng, loss=loss):
        return _delta(rng, loss, int(rng.integers(3, 9)))


@task.case()
def single_sample_and_float32(rng):
    return [_delta(rng, loss, 1) for loss in LOSSES] + [
        _delta(rng, "categorical_cross_entropy", 5, np.float32)
    ]


task.mistake(
    "missing_1_over_N",
    "1/N vergessen (Summe statt Mittelwert)",
    "1/N forgotten (sum instead of mean)",
    ("return (Y_hat - Y) / N", "return Y_hat - Y"),
    ("2.0 * (Y_hat - Y) / Y_hat.size", "2.0 * (Y_hat - Y) / Y_hat.shape[1]"),
)
task.mistake(
    "mse_factor_2",
    "Faktor 2 der MSE-Ableitung vergessen (Ableitung von ½·MSE)",
    "factor 2 of the MSE derivative forgotten (derivative of ½·MSE)",
    ("2.0 * (Y_hat - Y) / Y_hat.size", "(Y_hat - Y) / Y_hat.size"),
)
task.mistake(
    "mse_over_N_only",
    "MSE-Delta nur durch N statt durch N·K geteilt",
    "MSE delta divided by N only instead of N·K",
    ("2.0 * (Y_hat - Y) / Y_hat.size", "2.0 * (Y_hat - Y) / N"),
)
task.mistake(
    "sign_flipped",
    "Vorzeichen vertauscht (Y − Ŷ)",
    "sign flipped (Y − Ŷ)",
    ("return (Y_hat - Y) / N", "return (Y - Y_hat) / N"),
    ("2.0 * (Y_hat - Y)", "2.0 * (Y - Y_hat)"),
)
