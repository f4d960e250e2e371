"""anomaly_threshold(errors, y, q): the q-quantile of the normal samples' errors."""

import numpy as np

from autograder.authoring import Task, Text, call, scalar

task = Task("anomaly_threshold", compare=scalar)
CALL = "anomaly_threshold(errors, y"


def errors_with_faults(rng, n, share):
    """Errors of normal windows (a gamma distribution) and of faults (ten times larger)."""
    y = (rng.random(n) < share).astype(np.int64)
    errors = rng.gamma(2.0, 0.002, size=n) * np.where(y == 1, 10.0, 1.0)
    return errors.astype(np.float32), y


@task.case(weight=2)
def sensor_errors(rng):
    errors, y = errors_with_faults(rng, 120, 0.15)
    q = float(rng.choice([0.95, 0.975, 0.99]))
    return call(errors, y, q).labelled(
        Text(f"{CALL}, q={q}), 120 Fehler", f"{CALL}, q={q}), 120 errors")
    )


@task.case()
def default_q(rng):
    errors, y = errors_with_faults(rng, 57, 0.3)
    return call(errors.astype(np.float64), y).labelled("anomaly_threshold(errors, y), q = 0.99")


@task.case()
def boolean_labels(rng):
    errors, y = errors_with_faults(rng, 33, 0.2)
    return call(errors, y == 1, 0.9).labelled(
        Text(f"{CALL}, 0.9), y als bool", f"{CALL}, 0.9), y as bool")
    )


QUANTILE = "np.quantile(errors_normal, q)"
task.mistake(
    "includes_anomalies",
    "Schwellenwert aus Daten mit Anomalien bestimmt (alle Fehler statt nur der normalen)",
    "threshold taken from data with anomalies (all errors instead of the normal ones)",
    ("[np.asarray(y) == 0]", ""),
)
task.mistake(
    "percentile_of_q",
    "np.percentile mit q aus [0, 1] (Perzentil q statt Quantil q: fast das Minimum)",
    "np.percentile with q in [0, 1] (percentile q instead of quantile q: almost the minimum)",
    (QUANTILE, "np.percentile(errors_normal, q)"),
)
task.mistake(
    "maximum",
    "Maximum der normalen Fehler statt des q-Quantils",
    "maximum of the normal errors instead of the q-quantile",
    (QUANTILE, "np.max(errors_normal)"),
)
task.mistake(
    "complement",
    "(1 − q)-Quantil statt q-Quantil",
    "(1 − q)-quantile instead of the q-quantile",
    (QUANTILE, "np.quantile(errors_normal, 1 - q)"),
)
