"""train_autoencoder(model, X, y, …) trains the graders' own module in the worker
(``_grader_train``: the student's loop, then the graders' errors on held-out windows); here the
reference trains the same module from the same weights. Judged: the loss of every epoch and the
errors after training (the same mini-batches from the seeded generator give the same numbers),
and the recall and precision that the trained module reaches, against the reference's."""

from typing import Any

import numpy as np

from autograder.authoring import Call, Task, Text, as_array, assert_same, call
from autograder.graders.a07_autoencoder import worker_helpers as inside
from autograder.graders.a07_autoencoder.signals import (
    PROBE_LAYERS,
    TRAINING,
    judge_detection,
    signals,
    weights,
)

task = Task("train_autoencoder")


def training_call(rng: np.random.Generator, X, y, hparams: tuple, X_eval) -> Call:
    drawn = weights(rng, PROBE_LAYERS)

    def view(losses: Any, args: tuple[Any, ...]) -> list:
        return [losses, inside._grader_errors(args[0], X_eval)]

    probe = call(inside._grader_probe_model(drawn), X, y, *hparams)
    return probe.through("_grader_train", drawn, X, y, hparams, X_eval, view=view)


def run(student, reference, probe: Call, epochs: int, figure=None):
    """Both trainings: (losses, errors after training) of the student's and the reference's."""
    expected = probe.run_reference(reference, "train_autoencoder")
    losses, errors = probe.run_student(student, "train_autoencoder")  # the helper's pair
    if figure is not None:
        title = Text("Verlust pro Epoche", "loss per epoch")
        epoch = Text("Epoche", "epoch")
        figure.compare_curves(title, losses, expected[0], xlabel=epoch)
    label = Text("Rückgabe von train_autoencoder", "return value of train_autoencoder")
    losses = as_array(losses, label, shape=(epochs,))
    return (losses, np.asarray(errors)), (np.asarray(expected[0]), expected[1])


@task.test(weight=3)
def test_losses_and_errors_after_training(student, reference, rng, figure):
    X, y = signals(reference, rng, 96, 0.15)
    X_eval, _ = signals(reference, rng, 24, 0.0)
    hparams = (5, 5e-3, 16, int(rng.integers(1000)))
    got, expected = run(student, reference, training_call(rng, X, y, hparams, X_eval), 5, figure)
    single = np.dtype(np.float32)
    losses = Text(
        "Verlust pro Epoche (nur normale Fenster)", "loss per epoch (normal windows only)"
    )
    assert_same(got[0], expected[0], losses, single, long_run=True)
    errors = Text("Rekonstruktionsfehler nach dem Training", "reconstruction errors after training")
    assert_same(got[1], expected[1], errors, single, long_run=True)


@task.test(weight=2)
def test_recall_and_precision_after_training(student, reference, rng):
    X, y = signals(reference, rng, 180, 0.1)
    X_val, y_val = signals(reference, rng, 80, 0.0)
    X_test, y_test = signals(reference, rng, 120, 0.25)
    X_eval = np.concatenate([X_val, X_test])
    probe = training_call(rng, X, y, (*TRAINING, int(rng.integers(1000))), X_eval)
    got, expected = run(student, reference, probe, TRAINING[0])
    flags = []
    for errors in (got[1], expected[1]):
        threshold = reference.anomaly_threshold(errors[: len(X_val)], y_val, 0.99)
        flags.append(errors[len(X_val) :] > threshold)
    judge_detection(flags[0], flags[1], y_test)


PICK_NORMAL = "np.asarray(X)[np.asarray(y) == 0]"
task.mistake(
    "trains_on_anomalies",
    "auch auf den Anomalien trainiert (alle Fenster statt nur der normalen, y == 0)",
    "trained on the anomalies too (all windows instead of the normal ones, y == 0)",
    (PICK_NORMAL, "np.asarray(X)"),
    long_run=True,
)
task.mistake(
    "no_zero_grad",
    "optimizer.zero_grad() fehlt: Gradienten summieren sich über die Batches auf",
    "optimizer.zero_grad() missing: gradients add up over the batches",
    ("optimizer.zero_grad()\n", "\n"),
    long_run=True,
)
task.mistake(
    "no_shuffle",
    "Batches nicht gemischt (immer dieselbe Reihenfolge statt torch.randperm mit dem Generator)",
    "batches not shuffled (always the same order instead of torch.randperm with the generator)",
    ("torch.randperm(n, generator=generator)", "torch.arange(n)"),
    long_run=True,
)
task.mistake(
    "sgd_instead_of_adam",
    "SGD statt Adam als Optimierer",
    "SGD instead of Adam as the optimizer",
    ("torch.optim.Adam(", "torch.optim.SGD("),
    long_run=True,
)
