"""per_class_metrics(y_true, y_pred, n_classes) → (precision, recall, F1), 0 where undefined."""

import numpy as np

from autograder.authoring import call, same
from autograder.graders.a04_training.problems import label_task, labels

WRONG_SHARE = 0.35
task = label_task(
    "per_class_metrics", WRONG_SHARE, 60, compare=same(parts=("Precision", "Recall", "F1"))
)


@task.case(what="per_class_metrics: Klasse 3 nie vorhergesagt, Klasse 4 kommt nicht vor")
def undefined_ratios_are_zero(rng):
    y_true, y_pred = labels(rng, 40, 4, WRONG_SHARE)
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
