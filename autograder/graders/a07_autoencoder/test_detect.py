"""detect(model, X, threshold): flags compared one by one on random modules, and the recall and
precision on hidden sensor data with injected faults against the reference's (steps of credit),
with a module the reference trained on normal windows and the reference's threshold."""

from typing import Any

import numpy as np

from autograder.authoring import Task, Text, as_array, call, fail
from autograder.graders.a07_autoencoder import worker_helpers as inside
from autograder.graders.a07_autoencoder.signals import (
    PROBE_LAYERS,
    TRAINING,
    WINDOW,
    judge_detection,
    label,
    signals,
    trained_weights,
    weights,
)

FLAGS = Text("Markierungen", "flags")


def as_flags(value: Any, n: int) -> np.ndarray:
    """A boolean vector of length n (True/False or 1/0)."""
    flags = as_array(value, FLAGS, shape=(n,))
    if flags.dtype != bool and not np.isin(flags, (0, 1)).all():
        fail(
            "Markierungen: erwartet wurden True/False (oder 1/0) pro Fenster.",
            "flags: expected True/False (or 1/0) per window.",
        )
    return flags.astype(bool)


def same_flags(actual: Any, expected: np.ndarray, what: Any, precision: Any = None) -> None:
    wrong = int(np.sum(as_flags(actual, len(expected)) != expected))
    if wrong:
        call_label = label(what)
        fail(
            f"{call_label.de}: {wrong} von {len(expected)} Fenstern falsch markiert.",
            f"{call_label.en}: {wrong} of {len(expected)} windows flagged wrongly.",
        )


task = Task("detect", compare=same_flags)
CALL = "detect(model, X, threshold)"


def detect_call(model_weights, X, threshold):
    probe = call(inside._grader_probe_model(model_weights), X, threshold)
    return probe.through("_grader_detect", model_weights, X, threshold)


@task.case(weight=2)
def random_module(rng):
    drawn = weights(rng, PROBE_LAYERS)
    X = rng.uniform(0.0, 1.0, size=(30, WINDOW)).astype(np.float32)
    errors = np.sort(inside._grader_errors(inside._grader_probe_model(drawn), X))
    k = int(rng.integers(8, 22))
    threshold = float(errors[k] + errors[k + 1]) / 2  # midway: no window sits on the threshold
    return detect_call(drawn, X, threshold).labelled(
        Text(f"{CALL}, 30 Fenster", f"{CALL}, 30 windows")
    )


@task.test(weight=3)
def test_recall_and_precision_on_sensor_faults(student, reference, rng):
    drawn = weights(rng, PROBE_LAYERS)
    model = inside._grader_probe_model(drawn)
    X_train, y_train = signals(reference, rng, 160, 0.0)
    reference.train_autoencoder(model, X_train, y_train, *TRAINING)
    X_val, y_val = signals(reference, rng, 80, 0.0)
    threshold = reference.anomaly_threshold(inside._grader_errors(model, X_val), y_val, 0.99)
    X, y = signals(reference, rng, 120, 0.25)
    probe = detect_call(trained_weights(model), X, threshold)
    flags = as_flags(probe.run_student(student, "detect"), len(X))
    judge_detection(flags, probe.run_reference(reference, "detect"), y)


task.mistake(
    "inverted",
    "Vergleich umgedreht: Fehler unter dem Schwellenwert als Anomalie markiert",
    "comparison inverted: errors below the threshold flagged as anomalies",
    ("> threshold", "< threshold"),
)
task.mistake(
    "batch_mean",
    "mittlerer Fehler des ganzen Batches mit dem Schwellenwert verglichen (alle oder keins)",
    "the whole batch's mean error compared with the threshold (all or none)",
    (
        "reconstruction_error(model, X) > threshold",
        "np.full(len(X), reconstruction_error(model, X).mean() > threshold)",
    ),
)
task.mistake(
    "summed_error",
    "Summe der quadrierten Abweichungen (statt ihres Mittelwerts) mit dem Schwellenwert verglichen",
    "the sum of squared deviations (instead of their mean) compared with the threshold",
    ("reconstruction_error(model, X)", "reconstruction_error(model, X) * np.shape(X)[1]"),
)
