"""Known mistakes and alternative correct implementations for a01_perceptron_xor.

Each function is named like the task it implements, so tests can drop its source into a
solution cell. Mistakes must lose points and be named; variants must score full marks.
"""

import numpy as np

from autograder.graders.a01_perceptron_xor.certificates import parity_points
from autograder.grading import checks
from autograder.grading.catalogue import Catalogue, mutate

catalogue = Catalogue()


def _lam(value):
    """The multipliers as exact rationals (an object array), or None if they are no vector."""
    try:
        return np.array(checks.as_exact_vector(value, "λ", len(value)), dtype=object)
    except (checks.CheckFailure, TypeError):
        return None


def _has_negative(value, args, kwargs):
    lam = _lam(value)
    return lam is not None and bool((lam < 0).any())


def _all_zero(value, args, kwargs):
    lam = _lam(value)
    return lam is not None and lam.size > 0 and bool((lam == 0).all())


def _label_one_only(value, args, kwargs):
    lam = _lam(value)
    n = args[0] if args else 2
    if lam is None or lam.size != 2**n:
        return False
    _, labels = parity_points(n)
    odd = np.array(labels) == 1
    return bool((lam[~odd] == 0).all() and (lam[odd] > 0).any())


def _label_zero_only(value, args, kwargs):
    lam = _lam(value)
    n = args[0] if args else 2
    if lam is None or lam.size != 2**n:
        return False
    _, labels = parity_points(n)
    odd = np.array(labels) == 1
    return bool((lam[odd] == 0).all() and (lam[~odd] > 0).any())


def _length_four(value, args, kwargs):
    lam = _lam(value)
    return lam is not None and lam.size == 4


# ------------------------------------------------------------------ neuron


@catalogue.mistake(
    "neuron",
    "step_strict",
    de="Stufenfunktion mit z > 0 statt z ≥ 0 (f(0) = 0)",
    en="step with z > 0 instead of z ≥ 0 (f(0) = 0)",
)
def neuron(w, X, activation="step"):
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z > 0).astype(float)
    return 1 / (1 + np.exp(-z))


@catalogue.mistake(
    "neuron",
    "bias_ignored",
    de="Bias w₀ vergessen (x̃ ohne führende 1)",
    en="bias w₀ forgotten (x̃ without the leading 1)",
)
def neuron(w, X, activation="step"):
    z = X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(float)
    return 1 / (1 + np.exp(-z))


@catalogue.mistake(
    "neuron",
    "bias_last",
    de="Bias als letztes statt als erstes Gewicht",
    en="bias taken as the last instead of the first weight",
)
def neuron(w, X, activation="step"):
    z = X @ w[:-1] + w[-1]
    if activation == "step":
        return (z >= 0).astype(float)
    return 1 / (1 + np.exp(-z))


@catalogue.mistake(
    "neuron",
    "sign_output",
    de="Signum (±1) statt Stufe (0/1)",
    en="sign function (±1) instead of the step (0/1)",
)
def neuron(w, X, activation="step"):
    z = w[0] + X @ w[1:]
    if activation == "step":
        return np.where(z >= 0, 1.0, -1.0)
    return 1 / (1 + np.exp(-z))


@catalogue.mistake(
    "neuron", "tanh_for_sigmoid", de="tanh statt Sigmoid", en="tanh instead of the sigmoid"
)
def neuron(w, X, activation="step"):
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(float)
    return np.tanh(z)


@catalogue.variant("neuron", "loops", de="Schleife über die Beispiele", en="loop over the samples")
def neuron(w, X, activation="step"):
    out = []
    for x in X:
        z = w[0]
        for wi, xi in zip(w[1:], x):
            z += wi * xi
        if activation == "step":
            out.append(1 if z >= 0 else 0)
        else:
            out.append(1 / (1 + np.exp(-z)))
    return np.array(out)


@catalogue.variant(
    "neuron",
    "heaviside_hstack",
    de="np.heaviside mit x̃ = (1, x) per hstack",
    en="np.heaviside with x̃ = (1, x) via hstack",
)
def neuron(w, X, activation="step"):
    X_tilde = np.hstack([np.ones((X.shape[0], 1)), X])
    z = X_tilde @ w
    if activation == "sigmoid":
        return 1 / (1 + np.exp(-z))
    return np.heaviside(z, 1.0)


@catalogue.variant("neuron", "float32", de="Rechnung in float32", en="computed in float32")
def neuron(w, X, activation="step"):
    w = np.asarray(w, dtype=np.float32)
    X = np.asarray(X, dtype=np.float32)
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(np.float32)
    return (1 / (1 + np.exp(-z))).astype(np.float32)


@catalogue.variant(
    "neuron",
    "noisy",
    de="korrekt, gibt aber Warnungen und Debug-Ausgaben aus",
    en="correct, but prints warnings and debug output",
)
def neuron(w, X, activation="step"):
    import sys
    import warnings

    print("DEBUG: w =", w, file=sys.stderr)
    warnings.warn("this is only a warning", RuntimeWarning, stacklevel=2)
    with np.errstate(over="warn"):
        np.exp(np.array([1000.0]))  # RuntimeWarning: overflow, harmless here
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(float)
    return 1 / (1 + np.exp(-z))


# ------------------------------------------------------------------ bce_sgd_step


@catalogue.mistake(
    "bce_sgd_step",
    "log10",
    de="log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
    en="log₁₀ instead of the natural log in the loss",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    loss = -(y * np.log10(y_hat) + (1 - y) * np.log10(1 - y_hat))
    return w - eta * (y_hat - y) * x_tilde, float(y_hat), float(loss)


@catalogue.mistake(
    "bce_sgd_step",
    "sign_flipped",
    de="Vorzeichen des Gradienten vertauscht (Gradientenaufstieg)",
    en="gradient sign flipped (gradient ascent)",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    return w + eta * (y_hat - y) * x_tilde, float(y_hat), float(loss)


@catalogue.mistake(
    "bce_sgd_step",
    "loss_after_update",
    de="Kosten mit den bereits aktualisierten Gewichten berechnet",
    en="loss computed with the already updated weights",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    w_new = w - eta * (y_hat - y) * x_tilde
    p = 1 / (1 + np.exp(-(w_new @ x_tilde)))
    loss = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    return w_new, float(y_hat), float(loss)


@catalogue.mistake(
    "bce_sgd_step",
    "gradient_without_x",
    de="Gradient ohne den Faktor xᵢ",
    en="gradient without the factor xᵢ",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    return w - eta * (y_hat - y), float(y_hat), float(loss)


@catalogue.mistake(
    "bce_sgd_step", "bias_not_updated", de="Bias w₀ nicht aktualisiert", en="bias w₀ not updated"
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    w_new = w.copy()
    w_new[1:] = w[1:] - eta * (y_hat - y) * x
    return w_new, float(y_hat), float(loss)


@catalogue.mistake(
    "bce_sgd_step",
    "mse_gradient",
    de="Gradient der quadratischen Kosten statt der Kreuzentropie (Faktor ŷ(1−ŷ) zu viel)",
    en="gradient of the squared error instead of cross-entropy (extra factor ŷ(1−ŷ))",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.concatenate([[1.0], x])
    y_hat = 1 / (1 + np.exp(-(w @ x_tilde)))
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    return w - eta * (y_hat - y) * y_hat * (1 - y_hat) * x_tilde, float(y_hat), float(loss)


@catalogue.variant(
    "bce_sgd_step",
    "logaddexp",
    de="numerisch stabile Form mit np.logaddexp",
    en="numerically stable form with np.logaddexp",
)
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.insert(np.asarray(x, dtype=float), 0, 1.0)
    z = float(np.dot(w, x_tilde))
    loss = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    y_hat = np.exp(-np.logaddexp(0, -z))
    return w - eta * (y_hat - y) * x_tilde, y_hat, loss


@catalogue.variant(
    "bce_sgd_step", "loops_list", de="Schleife, Rückgabe als Liste", en="loop, returned as a list"
)
def bce_sgd_step(w, x, y, eta):
    import math

    x_tilde = [1.0, *list(x)]
    z = sum(wi * xi for wi, xi in zip(w, x_tilde))
    y_hat = 1 / (1 + math.exp(-z))
    loss = -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))
    w_new = [wi - eta * (y_hat - y) * xi for wi, xi in zip(w, x_tilde)]
    return [w_new, y_hat, loss]


# ------------------------------------------------------------------ perceptron_train


@catalogue.mistake(
    "perceptron_train",
    "online_update",
    de="Online-Update nach jedem Beispiel statt Batch-Update über alle Fehlklassifizierten",
    en="online update after each sample instead of the batch update over all misclassified points",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X_tilde, y):
            if y_i * (w @ x_i) <= 0:
                w = w + eta * y_i * x_i
                errors += 1
        if errors == 0:
            return w, epoch
    return w, max_epochs


@catalogue.mistake(
    "perceptron_train",
    "strict_margin",
    de="Fehlklassifiziert nur bei y·wᵀx̃ < 0 statt ≤ 0",
    en="misclassified only if y·wᵀx̃ < 0 instead of ≤ 0",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        M = y * (X_tilde @ w) < 0
        if not M.any():
            return w, epoch
        w = w + eta * (y[M] @ X_tilde[M])
    return w, max_epochs


@catalogue.mistake(
    "perceptron_train",
    "epochs_off_by_one",
    de="Epochenzähler um eins verschoben",
    en="epoch counter off by one",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        M = y * (X_tilde @ w) <= 0
        if not M.any():
            return w, epoch + 1
        w = w + eta * (y[M] @ X_tilde[M])
    return w, max_epochs + 1


@catalogue.mistake(
    "perceptron_train",
    "mean_update",
    de="Mittelwert statt Summe über die Fehlklassifizierten",
    en="mean instead of sum over the misclassified points",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        M = y * (X_tilde @ w) <= 0
        if not M.any():
            return w, epoch
        w = w + eta * (y[M] @ X_tilde[M]) / M.sum()
    return w, max_epochs


@catalogue.mistake(
    "perceptron_train",
    "no_bias",
    de="Perzeptron ohne Bias (x̃ ohne führende 1)",
    en="perceptron without bias (x̃ without the leading 1)",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    w = np.zeros(X.shape[1] + 1)
    for epoch in range(max_epochs):
        M = y * (X @ w[1:]) <= 0
        if not M.any():
            return w, epoch
        w[1:] = w[1:] + eta * (y[M] @ X[M])
    return w, max_epochs


@catalogue.mistake(
    "perceptron_train", "eta_ignored", de="Lernrate η ignoriert", en="learning rate η ignored"
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        M = y * (X_tilde @ w) <= 0
        if not M.any():
            return w, epoch
        w = w + y[M] @ X_tilde[M]
    return w, max_epochs


@catalogue.variant(
    "perceptron_train",
    "loops",
    de="Schleifen, Summe der Korrekturen pro Epoche",
    en="loops, corrections summed per epoch",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    n = len(X[0])
    w = [0.0] * (n + 1)
    epochs = 0
    while epochs < max_epochs:
        update = [0.0] * (n + 1)
        wrong = False
        for x_i, y_i in zip(X, y):
            x_tilde = [1.0, *list(x_i)]
            if y_i * sum(a * b for a, b in zip(w, x_tilde)) <= 0:
                wrong = True
                update = [u + y_i * xt for u, xt in zip(update, x_tilde)]
        if not wrong:
            break
        w = [wi + eta * u for wi, u in zip(w, update)]
        epochs += 1
    return np.array(w), epochs


@catalogue.variant(
    "perceptron_train",
    "gradient_form",
    de="als Gradientenschritt auf dem Perzeptron-Verlust",
    en="as a gradient step on the perceptron loss",
)
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(X_tilde.shape[1])
    for t in range(max_epochs):
        misclassified = np.flatnonzero(y * (X_tilde @ w) <= 0)
        if misclassified.size == 0:
            return w, t
        grad = -(y[misclassified, None] * X_tilde[misclassified]).sum(axis=0)
        w = w - eta * grad
    return w, int(max_epochs)


# ------------------------------------------------------------------ certificates


@catalogue.mistake(
    "xor_certificate",
    "signed_multipliers",
    de="Vorzeichen in die Multiplikatoren gesteckt (negative λ)",
    en="signs put into the multipliers (negative λ)",
    matcher=_has_negative,
)
def xor_certificate():
    return np.array([-1.0, 1.0, 1.0, -1.0])


@catalogue.mistake(
    "xor_certificate",
    "trivial",
    de="triviales Zertifikat (alle λ = 0)",
    en="trivial certificate (all λ = 0)",
    matcher=_all_zero,
)
def xor_certificate():
    return np.zeros(4)


@catalogue.mistake(
    "xor_certificate",
    "non_strict_only",
    de="nur die nicht-strikten Ungleichungen (Label 1) gewichtet",
    en="only the non-strict inequalities (label 1) weighted",
    matcher=_label_one_only,
)
def xor_certificate():
    return np.array([0.0, 1.0, 1.0, 0.0])


@catalogue.mistake(
    "xor_certificate",
    "strict_only",
    de="nur die strikten Ungleichungen (Label 0) gewichtet",
    en="only the strict inequalities (label 0) weighted",
    matcher=_label_zero_only,
)
def xor_certificate():
    return np.array([1.0, 0.0, 0.0, 1.0])


@catalogue.variant(
    "xor_certificate",
    "scaled_list",
    de="positives Vielfaches, als Liste",
    en="positive multiple, as a list",
)
def xor_certificate():
    return [2, 2, 2, 2]


@catalogue.variant(
    "xor_certificate", "halves", de="λ = ½ für alle Punkte", en="λ = ½ for all points"
)
def xor_certificate():
    return np.full(4, 0.5)


@catalogue.mistake(
    "parity_certificate",
    "xor_hard_coded",
    de="XOR-Zertifikat für jedes n wiederverwendet",
    en="the XOR certificate reused for every n",
    matcher=_length_four,
)
def parity_certificate(n):
    return np.ones(4)


@catalogue.mistake(
    "parity_certificate",
    "signed_multipliers",
    de="Vorzeichen in die Multiplikatoren gesteckt (negative λ)",
    en="signs put into the multipliers (negative λ)",
    matcher=_has_negative,
)
def parity_certificate(n):
    import itertools

    return np.array([1.0 if sum(p) % 2 else -1.0 for p in itertools.product([0, 1], repeat=n)])


@catalogue.mistake(
    "parity_certificate",
    "strict_only",
    de="nur die strikten Ungleichungen (gerade Punkte) gewichtet",
    en="only the strict inequalities (even points) weighted",
    matcher=_label_zero_only,
)
def parity_certificate(n):
    import itertools

    return np.array([0.0 if sum(p) % 2 else 1.0 for p in itertools.product([0, 1], repeat=n)])


@catalogue.variant("parity_certificate", "uniform", de="alle λ = 1", en="all λ = 1")
def parity_certificate(n):
    return np.ones(2**n)


@catalogue.variant(
    "parity_certificate",
    "xor_subsquare",
    de="XOR-Quadrat in den letzten zwei Bits, sonst 0",
    en="the XOR square in the last two bits, zero elsewhere",
)
def parity_certificate(n):
    lam = np.zeros(2**n)
    lam[:4] = 1.0  # points (0, …, 0, a, b): parities 0, 1, 1, 0 like XOR
    return lam


@catalogue.variant(
    "parity_certificate", "integers_list", de="ganze Zahlen als Liste", en="integers as a list"
)
def parity_certificate(n):
    return [3] * (2**n)


# ------------------------------------------------------------------ xor_net_weights


@catalogue.mistake(
    "xor_net_weights",
    "w1_transposed",
    de="W1 im Layout n_in × n_out (transponiert)",
    en="W1 in the n_in × n_out layout (transposed)",
)
def xor_net_weights():
    W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
    return W1, np.array([-0.5, 1.5]), np.array([[1.0, 1.0]]), np.array([-1.5])


@catalogue.mistake(
    "xor_net_weights",
    "w2_column",
    de="W2 als Spalte (2 × 1) statt Zeile (1 × 2)",
    en="W2 as a column (2 × 1) instead of a row (1 × 2)",
)
def xor_net_weights():
    W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
    return W1, np.array([-0.5, 1.5]), np.array([[1.0], [1.0]]), np.array([-1.5])


@catalogue.mistake(
    "xor_net_weights",
    "or_output",
    de="Ausgabeneuron als OR statt AND",
    en="output neuron as OR instead of AND",
)
def xor_net_weights():
    W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
    return W1, np.array([-0.5, 1.5]), np.array([[1.0, 1.0]]), np.array([-0.5])


@catalogue.mistake(
    "xor_net_weights",
    "designed_for_strict_step",
    de="Netz für die Stufe mit f(0) = 0 entworfen",
    en="network designed for the step with f(0) = 0",
)
def xor_net_weights():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    return W1, np.array([0.0, -1.0]), np.array([[1.0, -1.0]]), np.array([0.0])


@catalogue.variant(
    "xor_net_weights", "and_not", de="(x₁ ∧ ¬x₂) ∨ (¬x₁ ∧ x₂)", en="(x₁ ∧ ¬x₂) ∨ (¬x₁ ∧ x₂)"
)
def xor_net_weights():
    W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])
    return W1, np.array([-0.5, -0.5]), np.array([[1.0, 1.0]]), np.array([-0.5])


@catalogue.variant(
    "xor_net_weights",
    "scaled_lists",
    de="skalierte Gewichte als Listen",
    en="scaled weights as lists",
)
def xor_net_weights():
    return [[10, 10], [-10, -10]], [-5, 15], [[10, 10]], [-15]


# ------------------------------------------------------------------ mlp_xor_train
# The mistakes are mutations of one correct training loop: each reads as the diff it is.

MLP_CORRECT = """\
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    losses = []
    for _ in range(epochs):
        A1 = 1 / (1 + np.exp(-(X @ W1.T + b1)))
        y_hat = 1 / (1 + np.exp(-(A1 @ W2.T + b2)))
        losses.append(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
        delta2 = (y_hat - y) / len(X)
        delta1 = (delta2 @ W2) * A1 * (1 - A1)
        W2, b2 = W2 - eta * delta2.T @ A1, b2 - eta * delta2.sum(0)
        W1, b1 = W1 - eta * delta1.T @ X, b1 - eta * delta1.sum(0)
    return (W1, b1, W2, b2), np.array(losses)
"""
LOSS = "        losses.append(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))\n"
DELTA2 = "delta2 = (y_hat - y) / len(X)"
DELTA1 = "delta1 = (delta2 @ W2) * A1 * (1 - A1)"
UPDATE2 = "W2, b2 = W2 - eta * delta2.T @ A1, b2 - eta * delta2.sum(0)"
UPDATE1 = "W1, b1 = W1 - eta * delta1.T @ X, b1 - eta * delta1.sum(0)"

MLP_MISTAKES = [
    (
        "sum_instead_of_mean",
        "Gradient ohne 1/N (Summe statt Mittelwert)",
        "gradient without 1/N (sum instead of mean)",
        [(DELTA2, "delta2 = y_hat - y")],
    ),
    (
        "hidden_derivative_forgotten",
        "σ′ in der verdeckten Schicht vergessen",
        "σ′ forgotten in the hidden layer",
        [(DELTA1, "delta1 = delta2 @ W2")],
    ),
    (
        "derivative_of_activation",
        "σ′ auf die Aktivierung A statt auf Z angewendet (σ(A)(1−σ(A)))",
        "σ′ applied to the activation A instead of Z (σ(A)(1−σ(A)))",
        [(DELTA1, "s = 1 / (1 + np.exp(-A1))\n        delta1 = (delta2 @ W2) * s * (1 - s)")],
    ),
    (
        "gradient_ascent",
        "Vorzeichen des Gradienten vertauscht (Gradientenaufstieg)",
        "gradient sign flipped (gradient ascent)",
        [(UPDATE2, UPDATE2.replace("-", "+")), (UPDATE1, UPDATE1.replace("-", "+"))],
    ),
    (
        "loss_after_update",
        "Kosten erst nach dem Update aufgezeichnet",
        "loss recorded after the update",
        [
            (LOSS, ""),
            (
                UPDATE1,
                UPDATE1 + "\n        A1 = 1 / (1 + np.exp(-(X @ W1.T + b1)))\n"
                "        y_hat = 1 / (1 + np.exp(-(A1 @ W2.T + b2)))\n" + LOSS.rstrip("\n"),
            ),
        ],
    ),
    (
        "sequential_update",
        "W2 vor der Berechnung von δ¹ aktualisiert",
        "W2 updated before δ¹ was computed",
        [(DELTA1 + "\n        " + UPDATE2, UPDATE2 + "\n        " + DELTA1)],
    ),
    (
        "log10",
        "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
        "log₁₀ instead of the natural log in the loss",
        [(LOSS, LOSS.replace("np.log(", "np.log10("))],
    ),
    (
        "biases_frozen",
        "Biases nicht aktualisiert",
        "biases not updated",
        [(UPDATE2, "W2 = W2 - eta * delta2.T @ A1"), (UPDATE1, "W1 = W1 - eta * delta1.T @ X")],
    ),
    (
        "x_times_w",
        "X·W statt X·Wᵀ (Layout n_out × n_in missachtet)",
        "X·W instead of X·Wᵀ (ignores the n_out × n_in layout)",
        [
            ("X @ W1.T", "X @ W1"),
            ("A1 @ W2.T", "A1 @ W2"),
            (DELTA1, "delta1 = (delta2 @ W2.T) * A1 * (1 - A1)"),
            ("delta2.T @ A1", "A1.T @ delta2"),
            ("delta1.T @ X", "X.T @ delta1"),
        ],
    ),
]
for _key, _de, _en, _changes in MLP_MISTAKES:
    catalogue.mistake_from_source(
        "mlp_xor_train", _key, mutate(MLP_CORRECT, *_changes), {"np": np}, de=_de, en=_en
    )


@catalogue.variant(
    "mlp_xor_train",
    "per_sample_loops",
    de="Gradienten per Schleife über die Beispiele gemittelt",
    en="gradients averaged in a loop over the samples",
)
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    losses = []
    for _ in range(epochs):
        grads = [np.zeros_like(p) for p in (W1, b1, W2, b2)]
        loss = 0.0
        for x, t in zip(X, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x + b1)))
            o = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
            loss += -(t * np.log(o[0]) + (1 - t) * np.log(1 - o[0])) / len(X)
            d2 = (o - t) / len(X)
            d1 = (W2.T @ d2) * a1 * (1 - a1)
            for g, update in zip(grads, (np.outer(d1, x), d1, np.outer(d2, a1), d2)):
                g += update
        losses.append(loss)
        W1, b1, W2, b2 = (p - eta * g for p, g in zip((W1, b1, W2, b2), grads))
    return (W1, b1, W2, b2), losses


@catalogue.variant("mlp_xor_train", "float32", de="Rechnung in float32", en="computed in float32")
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    f32 = np.float32
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=f32)
    y = np.array([[0], [1], [1], [0]], dtype=f32)
    W1, b1, W2, b2 = (np.array(p, dtype=f32) for p in (W1, b1, W2, b2))
    eta = f32(eta)
    losses = np.zeros(epochs, dtype=f32)
    for epoch in range(epochs):
        A1 = 1 / (1 + np.exp(-(X @ W1.T + b1)))
        y_hat = 1 / (1 + np.exp(-(A1 @ W2.T + b2)))
        losses[epoch] = -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
        delta2 = (y_hat - y) / f32(4)
        delta1 = (delta2 @ W2) * A1 * (1 - A1)
        W2, b2 = W2 - eta * delta2.T @ A1, b2 - eta * delta2.sum(0)
        W1, b1 = W1 - eta * delta1.T @ X, b1 - eta * delta1.sum(0)
    return (W1, b1, W2, b2), losses


@catalogue.variant(
    "mlp_xor_train",
    "torch_autograd",
    de="PyTorch-Autograd statt Handableitung",
    en="PyTorch autograd instead of hand-written gradients",
)
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    import torch

    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)
    params = [
        torch.tensor(np.asarray(p, dtype=float), requires_grad=True) for p in (W1, b1, W2, b2)
    ]
    losses = []
    for _ in range(epochs):
        W1_t, b1_t, W2_t, b2_t = params
        A1 = torch.sigmoid(X @ W1_t.T + b1_t)
        y_hat = torch.sigmoid(A1 @ W2_t.T + b2_t)
        loss = torch.nn.functional.binary_cross_entropy(y_hat, y)
        losses.append(loss.item())
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            params = [(p - eta * g).requires_grad_() for p, g in zip(params, grads)]
    return tuple(p.detach() for p in params), torch.tensor(losses, dtype=torch.float64)
