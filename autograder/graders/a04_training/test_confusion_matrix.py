"""confusion_matrix(y_true, y_pred, n_classes): rows = true class, columns = predicted (sklearn,
Keras, the lecture); asymmetric on purpose so that the transpose cannot pass."""

import numpy as np

from autograder.authoring import call
from autograder.graders.a04_training.problems import label_task, labels

WRONG_SHARE = 0.5
task = label_task("confusion_matrix", WRONG_SHARE, 50)


@task.case(what="confusion_matrix mit K = 6, Klasse 5 kommt nicht vor")
def class_missing_from_the_data(rng):
    y_true, y_pred = labels(rng, 40, 5, WRONG_SHARE)
    return call(y_true, y_pred, 6)


@task.case(what="confusion_matrix, jedes Beispiel als Klasse 1 vorhergesagt")
def all_predicted_as_one_class(rng):
    y_true = rng.integers(0, 3, size=12)
    return call(y_true, np.ones(12, dtype=np.int64), 3)


task.mistake(
    "transposed",
    "Konfusionsmatrix transponiert (Zeilen = vorhergesagte Klasse)",
    "confusion matrix transposed (rows = predicted class)",
    ("(np.asarray(y_true), np.asarray(y_pred))", "(np.asarray(y_pred), np.asarray(y_true))"),
)
task.mistake(
    "k_from_data",
    "Anzahl der Klassen aus den Daten statt n_classes",
    "number of classes from the data instead of n_classes",
    ("np.zeros((n_classes, n_classes)", "np.zeros((max(max(y_true), max(y_pred)) + 1,) * 2"),
)
