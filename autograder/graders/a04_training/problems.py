"""Hidden inputs several a04 tasks share."""

import numpy as np

from autograder.authoring import Task, call


def labels(rng, n, K, wrong_share):
    """(y_true, y_pred) with about ``wrong_share`` of the predictions drawn at random."""
    y_true = rng.integers(0, K, size=n)
    wrong = rng.random(n) < wrong_share
    return y_true, np.where(wrong, rng.integers(0, K, size=n), y_true)


def label_task(task_id, wrong_share, n_four, **options):
    """A task on (y_true, y_pred, n_classes) with ``wrong_share`` of its predictions wrong, and
    the case it opens with: ``n_four`` labels of K = 4 classes (weight 2)."""
    task = Task(task_id, **options)

    @task.case(weight=2, what=f"{task_id}(y_true, y_pred, K) mit K = 4")
    def four_classes(rng):
        return call(*labels(rng, n_four, 4, wrong_share), 4)

    return task
