"""perceptron_train(X, y, eta, max_epochs): deck 004's batch rule from w = 0, returning
(w, epochs); points with y·wᵀx̃ = 0 count as misclassified."""

import numpy as np

from autograder.authoring import Task, as_tuple, assert_same, call, exact_int, within


def _w_and_epochs(actual, expected, what, precision=None):
    got = as_tuple(actual, 2, what)
    assert_same(got[0], expected[0], "w", precision)
    exact_int(got[1], expected[1], "epochs")


task = Task("perceptron_train", compare=_w_and_epochs)
RETURNED = "Rückgabe (w, epochs)"


def _separable(rng, n_samples, n_features):
    w_true = rng.normal(size=n_features + 1)
    X = rng.normal(size=(n_samples, n_features))
    z = w_true[0] + X @ w_true[1:]
    keep = np.abs(z) > 0.3
    return X[keep], np.where(z[keep] >= 0, 1, -1)


@task.case(weight=3, what=RETURNED)
def separable_data(rng):
    return call(*_separable(rng, 40, 3), eta=0.5)


@task.case(weight=2, what=RETURNED)
def integer_data_with_ties(rng):
    """Integer points: y·wᵀx̃ = 0 happens and counts as misclassified."""
    X = rng.integers(-2, 3, size=(12, 2)).astype(float)
    return call(X, np.where(X[:, 0] + 2 * X[:, 1] >= 1, 1, -1))


@task.case(what=RETURNED)
def not_separable_stops_at_max_epochs(rng):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return call(X, np.array([-1, 1, 1, -1]), eta=1.0, max_epochs=int(rng.integers(5, 12)))


@task.case(what=RETURNED)
def not_separable_weights_keep_moving(rng):
    """Labels by quadrant (XOR-like): never separated, and w changes in every epoch, so the
    number of updates (max_epochs, not one less) and the margin 0 show in w."""
    X = rng.normal(size=(16, 2))
    y = np.where(X[:, 0] * X[:, 1] >= 0, 1, -1)
    eta = float(rng.uniform(0.05, 0.2))
    return call(X, y, eta=eta, max_epochs=int(rng.integers(5, 12)))


MARGIN = "M = y * (X_tilde @ w) <= 0"
UPDATE = "w = w + eta * (y[M] @ X_tilde[M])"
task.mistake(
    "online_update",
    "Online-Update nach jedem Beispiel statt Batch-Update über alle Fehlklassifizierten",
    "online update after each sample instead of the batch update over all misclassified points",
    (
        f"{MARGIN}\n        if not M.any():\n            return w, t\n        {UPDATE}",
        "errors = 0\n"
        "        for x_i, y_i in zip(X_tilde, y):\n"
        "            if y_i * (w @ x_i) <= 0:\n"
        "                w = w + eta * y_i * x_i\n"
        "                errors += 1\n"
        "        if errors == 0:\n"
        "            return w, t",
    ),
)
task.mistake(
    "strict_margin",
    "Fehlklassifiziert nur bei y·wᵀx̃ < 0 statt ≤ 0",
    "misclassified only if y·wᵀx̃ < 0 instead of ≤ 0",
    within(MARGIN, "<=", "<"),
)
task.mistake(
    "epochs_off_by_one",
    "Epochenzähler um eins verschoben",
    "epoch counter off by one",
    ("return w, t\n", "return w, t + 1\n"),
    ("return w, max_epochs", "return w, max_epochs + 1"),
)
task.mistake(
    "one_epoch_short",
    "Schleife über max_epochs − 1 statt max_epochs Epochen",
    "loop over max_epochs − 1 instead of max_epochs epochs",
    ("for t in range(max_epochs):", "for t in range(max_epochs - 1):"),
)
task.mistake(
    "mean_update",
    "Mittelwert statt Summe über die Fehlklassifizierten",
    "mean instead of sum over the misclassified points",
    (UPDATE, f"{UPDATE} / M.sum()"),
)
task.mistake(
    "no_bias",
    "Perzeptron ohne Bias (x̃ ohne führende 1)",
    "perceptron without bias (x̃ without the leading 1)",
    (MARGIN, "M = y * (X_tilde[:, 1:] @ w[1:]) <= 0"),
    (UPDATE, "w[1:] = w[1:] + eta * (y[M] @ X_tilde[M, 1:])"),
)
task.mistake(
    "eta_ignored",
    "Lernrate η ignoriert",
    "learning rate η ignored",
    (UPDATE, "w = w + y[M] @ X_tilde[M]"),
)
