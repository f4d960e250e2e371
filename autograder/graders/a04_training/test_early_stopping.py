"""early_stopping(val_losses, patience, min_delta) → (stop epoch, best epoch), Keras' semantics:
an improvement needs current + min_delta < best; ``wait`` counts epochs without one and resets on
an improvement; training stops in the epoch where wait reaches patience; the best epoch is the
one restore_best_weights restores (the last improvement). Without a stop: the last epoch."""

import numpy as np

from autograder.authoring import Task, call

task = Task("early_stopping")
WORKED = [1, 0.8, 0.7, 0.6995, 0.6991, 0.69, 0.7, 0.6895, 0.71, 0.72, 0.6899, 0.73]


def _curve(rng, n):
    """A validation loss that falls, flattens with small wiggles and rises again."""
    epochs = np.arange(n)
    trend = np.exp(-epochs / 4) + 0.002 * np.maximum(epochs - n // 2, 0) ** 2
    return [float(v) for v in 0.5 + trend + rng.normal(scale=0.004, size=n)]


@task.case(weight=2, what="early_stopping(Beispiel der Aufgabe mit neuen Zahlen)")
def flattening_curves(rng):
    return [
        call(_curve(rng, 30), int(rng.integers(2, 5)), float(delta)).labelled(
            f"early_stopping(val_losses, patience, min_delta={delta:g})"
        )
        for delta in (1e-3, 5e-3, 0.0)
    ]


@task.case(what="early_stopping: Verluste, die nur knapp unter min_delta fallen")
def improvements_below_min_delta(rng):
    steps = rng.uniform(0.5e-3, 0.9e-3, size=12)
    losses = [1.0, 0.9, *(0.9 - np.cumsum(steps))]
    return call([float(v) for v in losses], 4, 1e-3)


@task.case(what="early_stopping: kein Abbruch, die letzte Epoche ist die beste")
def never_stops(rng):
    return call([float(v) for v in np.sort(rng.uniform(0.1, 1.0, size=8))[::-1]], 3, 0.0)


@task.case(what="early_stopping(Beispiel der Foliensätze mit patience = 2)")
def worked_example_patience_2(rng):
    return call(WORKED, 2, 1e-3)


task.mistake(
    "wait_greater_than_patience",
    "Abbruch erst bei wait > patience (eine Epoche zu spät)",
    "stop only at wait > patience (one epoch late)",
    ("if wait >= patience:", "if wait > patience:"),
)
task.mistake(
    "min_delta_ignored",
    "min_delta ignoriert (jede noch so kleine Verbesserung zählt)",
    "min_delta ignored (any improvement counts)",
    ("if loss + min_delta < best:", "if loss < best:"),
)
task.mistake(
    "against_previous_epoch",
    "mit der vorigen Epoche statt mit dem bisher besten Wert verglichen",
    "compared with the previous epoch instead of the best value so far",
    ("else:\n            wait += 1", "else:\n            best = loss\n            wait += 1"),
)
