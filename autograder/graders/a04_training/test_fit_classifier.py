"""fit_classifier(X_train, y_train, X_val, y_val, budget_s) → predict: Übung 07, the student's own
classifier, graded by its accuracy on a hidden test split against the reference's accuracy under
the same time budget, with partial credit in steps.

The data are scikit-learn's bundled 8×8 digits (no network), scaled to [0, 1], split per class
with the grading seed into training, validation and a hidden test part that never enters the
sandbox. ``_grader_fit`` trains and predicts in the worker; the reference runs through the same
helper here, once per split (cached). The budget is small (``BUDGET_S``) so that one submission
grades in seconds; ``assignment.toml`` gives the task's worker a wall-clock limit above it.
"""

import functools

import numpy as np

from autograder.authoring import Task, Text, as_array, as_float, fail
from autograder.authoring.questions import PartialCredit
from autograder.graders.a04_training.probes import probe, through_helper

task = Task("fit_classifier")
BUDGET_S = 1.0
TIME_SLACK = (2.0, 5.0)  # allowed: 2·budget + 5 s (the last epoch, the prediction, a busy machine)
STEPS = ((0.03, 1.0), (0.06, 0.75), (0.10, 0.5), (0.20, 0.25))  # accuracy below the reference


@functools.cache
def _digits():
    from sklearn.datasets import load_digits

    digits = load_digits()
    return (digits.images / 16.0).astype(np.float32), digits.target.astype(np.int64)


def _hidden_split(reference, seed):
    """(X_train, y_train, X_val, y_val, X_test, y_test): 60 : 10 : 30 per class."""
    return reference.split_data(*_digits(), (0.6, 0.1, 0.3), seed)


@functools.cache
def _reference_accuracy(reference, seed):
    X_tr, y_tr, X_va, y_va, X_te, y_te = _hidden_split(reference, seed)
    sent = (X_tr, y_tr, X_va, y_va, BUDGET_S, X_te)
    predicted, _ = through_helper(reference.fit_classifier, "fit_classifier", "_grader_fit", sent)
    return float(np.mean(predicted == y_te))


def _fraction(accuracy, reference_accuracy):
    return next((f for gap, f in STEPS if accuracy >= reference_accuracy - gap), 0.0)


@task.test(weight=4)
def test_hidden_accuracy_against_the_reference(student, reference, rng):
    seed = int(rng.integers(1 << 31))
    X_tr, y_tr, X_va, y_va, X_te, y_te = _hidden_split(reference, seed)
    what = f"fit_classifier(…, budget_s={BUDGET_S:g}), dann predict(X_test)"
    got, seconds = probe(student, "fit_classifier", "_grader_fit",
                         X_tr, y_tr, X_va, y_va, BUDGET_S, X_te)  # fmt: skip
    seconds = as_float(seconds, Text("Zeit", "time"))
    predicted = as_array(got, Text(f"{what}: Vorhersage", f"{what}: prediction"), shape=y_te.shape)
    if seconds > TIME_SLACK[0] * BUDGET_S + TIME_SLACK[1]:
        fail(f"{what}: {seconds:.1f} s statt höchstens budget_s = {BUDGET_S:g} s (Zeitbudget überschritten).",
             f"{what}: {seconds:.1f} s instead of at most budget_s = {BUDGET_S:g} s (time budget exceeded).")  # fmt: skip
    accuracy = float(np.mean(predicted == y_te))
    best = _reference_accuracy(reference, seed)
    fraction = _fraction(accuracy, best)
    if fraction < 1.0:
        text = Text(
            f"{what}: Genauigkeit auf den verdeckten Testdaten {accuracy:.1%}, die Musterlösung "
            f"erreicht im selben Zeitbudget {best:.1%}; volle Punktzahl ab {best - STEPS[0][0]:.1%}.",
            f"{what}: accuracy on the hidden test data {accuracy:.1%}, the model solution reaches "
            f"{best:.1%} in the same time budget; full marks from {best - STEPS[0][0]:.1%}.",
        )
        if fraction == 0.0:
            fail(text.de, text.en)
        raise PartialCredit(text, fraction)


def _shape(test):
    """A matcher on the form of the recorded prediction (replaying would train again)."""

    def matcher(value, args, kwargs):
        predicted = value[0] if isinstance(value, tuple) and len(value) == 2 else None
        n_test = len(args[-1])
        return predicted is not None and test(np.asarray(predicted), n_test)

    return matcher


task.mistake(
    "predicts_scores",
    "predict gibt Logits bzw. Wahrscheinlichkeiten statt Klassenindizes zurück",
    "predict returns logits or probabilities instead of class indices",
    ("return model(inputs).argmax(dim=1).numpy()", "return model(inputs).numpy()"),
    matcher=_shape(lambda p, n: p.ndim == 2 and p.shape[0] == n),
)
task.mistake(
    "argmax_wrong_axis",
    "argmax über die falsche Achse (dim=0: über die Beispiele statt über die Klassen)",
    "argmax over the wrong axis (dim=0: over the samples instead of the classes)",
    ("return model(inputs).argmax(dim=1).numpy()", "return model(inputs).argmax(dim=0).numpy()"),
    matcher=_shape(lambda p, n: p.ndim == 1 and p.shape[0] != n),
)
