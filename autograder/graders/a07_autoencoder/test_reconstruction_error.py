"""reconstruction_error(model, X) with the graders' own module (``_grader_probe_model``), built
in the worker from weights sent there and here from the same weights for the reference."""

import numpy as np

from autograder.authoring import Task, Text, call, same
from autograder.graders.a07_autoencoder import worker_helpers as inside
from autograder.graders.a07_autoencoder.signals import PROBE_LAYERS, WINDOW, signals, weights

task = Task("reconstruction_error", compare=same(factor=True))


def errors_call(rng, X):
    drawn = weights(rng, PROBE_LAYERS)
    probe = call(inside._grader_probe_model(drawn), X)
    probe = probe.through("_grader_reconstruction_error", drawn, X)
    what = "reconstruction_error(model, X)"
    return probe.labelled(Text(f"{what}, X der Form {X.shape}", f"{what}, X of shape {X.shape}"))


@task.case(weight=2)
def sensor_windows(rng, reference):
    X, _ = signals(reference, rng, 40, 0.2)
    return errors_call(rng, X)


@task.case()
def uniform_windows(rng):
    return errors_call(rng, rng.uniform(0.0, 1.0, size=(7, WINDOW)).astype(np.float32))


@task.case()
def one_window(rng):
    return errors_call(rng, rng.uniform(0.0, 1.0, size=(1, WINDOW)).astype(np.float32))


SQUARED = "((X_hat - X) ** 2).mean(dim=1)"
task.mistake(
    "batch_mean",
    "Fehler über den ganzen Batch gemittelt statt pro Stichprobe (eine Zahl statt N)",
    "error averaged over the batch instead of per sample (one number instead of N)",
    (SQUARED, "((X_hat - X) ** 2).mean()"),
)
task.mistake(
    "sum_over_features",
    "Summe statt Mittelwert über die d Messwerte eines Fensters",
    "sum instead of mean over a window's d values",
    (SQUARED, "((X_hat - X) ** 2).sum(dim=1)"),
)
task.mistake(
    "root_mean_square",
    "Wurzel gezogen (RMSE statt mittlerem quadratischem Fehler)",
    "square root taken (RMSE instead of the mean squared error)",
    (SQUARED, "((X_hat - X) ** 2).mean(dim=1).sqrt()"),
)
task.mistake(
    "absolute_error",
    "mittlerer absoluter Fehler statt mittlerem quadratischem Fehler",
    "mean absolute error instead of the mean squared error",
    (SQUARED, "(X_hat - X).abs().mean(dim=1)"),
)
