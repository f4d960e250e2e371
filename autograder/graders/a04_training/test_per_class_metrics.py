"""per_class_metrics(y_true, y_pred, n_classes) → (precision, recall, F1), 0 where undefined."""

import numpy as np

from autograder.authoring import Task, call, same
from autograder.graders.a04_training.problems import labels

task = Task("per_class_metrics", compare=same(parts=("Precision", "Recall", "F1")))


def _labels(rng, n, K):
    return labels(rng, n, K, 0.35)


@task.case(weight=2, what="per_class_metrics(y_true, y_pred, K) mit K = 4")
def four_classes(rng):
    return call(*_labels(rng, 60, 4), 4)


@task.case(what="per_class_metrics: Klasse 3 nie vorhergesagt, Klasse 4 kommt nicht vor")
def undefined_ratios_are_zero(rng):
    y_true, y_pred = _labels(rng, 40, 4)
    y_pred = np.where(y_pred == 3, 0, y_pred)
    return call(y_true, y_pred, 5)


task.mistake(
    "precision_recall_swapped",
    "Precision und Recall vertauscht (Zeilen- statt Spaltensummen)",
    "precision and recall swapped (row instead of column sums)",
    ("predicted, actual = C.sum(axis=0), C.sum(axis=1)",
     "predicted, actual = C.sum(axis=1), C.sum(axis=0)"),
)  # fmt: skip
task.mistake(
    "f1_arithmetic_mean",
    "F1 als arithmetisches statt harmonisches Mittel",
    "F1 as the arithmetic instead of the harmonic mean",
    ("2 * precision * recall, both", "both / 2, np.ones_like(both)"),
)
