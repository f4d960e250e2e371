# ruff: noqa: RUF007  (entries are student code: zip over successive layers, as in the notebook)
"""Known mistakes and alternative correct implementations for a02_mlp_backprop.

Each function is named like the task it implements, so tests can drop its source into a
solution cell (where the notebook's setup, e.g. SELU_LAMBDA, and earlier tasks exist). Entries
replayed in the trusted process are self-contained; init_params and gradient_norms mistakes
are recognised by matchers on the statistics of the student's result instead.
"""

import numpy as np

from autograder.graders.a02_mlp_backprop.statistics import weight_max, weight_std
from autograder.grading.catalogue import Catalogue, mutate

catalogue = Catalogue()
NAMESPACE = {"np": np}


def mutations(task_id, correct, entries):
    for key, de, en, changes in entries:
        catalogue.mistake_from_source(
            task_id, key, mutate(correct, *changes), NAMESPACE, de=de, en=en
        )


# ------------------------------------------------------------------ activations


@catalogue.mistake(
    "sigmoid",
    "sign_flipped",
    de="Vorzeichen im Exponenten vertauscht: 1/(1 + eᶻ)",
    en="sign in the exponent flipped: 1/(1 + eᶻ)",
)
def sigmoid(z):
    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))


@catalogue.mistake("sigmoid", "tanh", de="tanh statt Sigmoid", en="tanh instead of the sigmoid")
def sigmoid(z):
    return np.tanh(z)


@catalogue.variant(
    "sigmoid", "naive", de="1/(1 + e⁻ᶻ) direkt (Überlauf-Warnung)", en="1/(1 + e⁻ᶻ) directly"
)
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


@catalogue.variant("sigmoid", "via_tanh", de="½·(1 + tanh(z/2))", en="½·(1 + tanh(z/2))")
def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z) / 2))


@catalogue.variant("sigmoid", "torch", de="torch.sigmoid", en="torch.sigmoid")
def sigmoid(z):
    import torch

    return torch.sigmoid(torch.as_tensor(z))


@catalogue.mistake(
    "sigmoid_prime", "sigma_itself", de="σ′ = σ (die Ableitung ist σ selbst)", en="σ′ = σ"
)
def sigmoid_prime(z):
    return 1 / (1 + np.exp(-z))


@catalogue.mistake(
    "sigmoid_prime",
    "formula_on_z",
    de="a(1 − a) mit z statt mit a = σ(z) gerechnet: z(1 − z)",
    en="a(1 − a) computed with z instead of a = σ(z): z(1 − z)",
)
def sigmoid_prime(z):
    return z * (1 - z)


@catalogue.mistake(
    "sigmoid_prime",
    "sigma_squared",
    de="σ(z)² statt σ(z)(1 − σ(z))",
    en="σ(z)² instead of σ(z)(1 − σ(z))",
)
def sigmoid_prime(z):
    return (1 / (1 + np.exp(-z))) ** 2


@catalogue.variant("sigmoid_prime", "exp_form", de="e⁻ᶻ/(1 + e⁻ᶻ)²", en="e⁻ᶻ/(1 + e⁻ᶻ)²")
def sigmoid_prime(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2


@catalogue.variant("sigmoid_prime", "sech", de="¼·sech²(z/2)", en="¼·sech²(z/2)")
def sigmoid_prime(z):
    return 0.25 / np.cosh(np.asarray(z) / 2) ** 2


@catalogue.mistake(
    "tanh_prime",
    "one_minus_tanh",
    de="tanh′ = 1 − tanh (Quadrat vergessen, Druckfehler der Folie)",
    en="tanh′ = 1 − tanh (square forgotten)",
)
def tanh_prime(z):
    return 1 - np.tanh(z)


@catalogue.mistake(
    "tanh_prime",
    "on_activation",
    de="tanh′ an der Aktivierung a = tanh(z) statt an z ausgewertet",
    en="tanh′ evaluated at the activation a = tanh(z) instead of z",
)
def tanh_prime(z):
    return 1 - np.tanh(np.tanh(z)) ** 2


@catalogue.variant(
    "tanh_prime", "from_activation", de="A = tanh(Z), dann 1 − A²", en="A = tanh(Z), then 1 − A²"
)
def tanh_prime(z):
    A = np.tanh(z)
    return 1 - A**2


@catalogue.variant("tanh_prime", "cosh", de="1/cosh²(z)", en="1/cosh²(z)")
def tanh_prime(z):
    return 1 / np.cosh(z) ** 2


@catalogue.variant("tanh_prime", "factored", de="(1 − t)(1 + t)", en="(1 − t)(1 + t)")
def tanh_prime(z):
    t = np.tanh(z)
    return (1 - t) * (1 + t)


@catalogue.mistake("relu", "abs", de="|z| statt max(0, z)", en="|z| instead of max(0, z)")
def relu(z):
    return np.abs(z)


@catalogue.mistake(
    "relu",
    "np_max_axis",
    de="np.max(z, 0) (Maximum entlang Achse 0) statt np.maximum(z, 0)",
    en="np.max(z, 0) (maximum along axis 0) instead of np.maximum(z, 0)",
)
def relu(z):
    return np.max(z, 0)


@catalogue.mistake(
    "relu", "min", de="min(0, z) statt max(0, z)", en="min(0, z) instead of max(0, z)"
)
def relu(z):
    return np.minimum(z, 0)


@catalogue.variant("relu", "mask", de="z·(z > 0)", en="z·(z > 0)")
def relu(z):
    return z * (z > 0)


@catalogue.variant("relu", "clip", de="np.clip(z, 0, None)", en="np.clip(z, 0, None)")
def relu(z):
    return np.clip(z, 0, None)


@catalogue.mistake(
    "relu_prime",
    "one_at_zero",
    de="ReLU′(0) = 1 (z ≥ 0 statt z > 0)",
    en="ReLU′(0) = 1 (z ≥ 0 instead of z > 0)",
)
def relu_prime(z):
    return (z >= 0).astype(float)


@catalogue.mistake(
    "relu_prime",
    "relu_itself",
    de="ReLU statt ReLU′ zurückgegeben",
    en="ReLU returned instead of ReLU′",
)
def relu_prime(z):
    return np.maximum(z, 0)


@catalogue.mistake(
    "relu_prime", "sign", de="sign(z) (−1 für negative z)", en="sign(z) (−1 for negative z)"
)
def relu_prime(z):
    return np.sign(z)


@catalogue.variant("relu_prime", "heaviside", de="np.heaviside(z, 0)", en="np.heaviside(z, 0)")
def relu_prime(z):
    return np.heaviside(z, 0.0)


@catalogue.variant("relu_prime", "boolean", de="boolesches Array z > 0", en="boolean array z > 0")
def relu_prime(z):
    return np.asarray(z) > 0


@catalogue.mistake(
    "leaky_relu", "alpha_ignored", de="α ignoriert (fest 0.01)", en="α ignored (fixed 0.01)"
)
def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, 0.01 * z)


@catalogue.mistake(
    "leaky_relu",
    "keras_default",
    de="Standardwert α = 0.3 (Keras) statt 0.01",
    en="default α = 0.3 (Keras) instead of 0.01",
)
def leaky_relu(z, alpha=0.3):
    return np.where(z > 0, z, alpha * z)


@catalogue.mistake(
    "leaky_relu",
    "alpha_on_positive_side",
    de="α auf der positiven statt der negativen Seite",
    en="α on the positive instead of the negative side",
)
def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, alpha * z, z)


@catalogue.variant("leaky_relu", "maximum", de="max(αz, z) für α < 1", en="max(αz, z) for α < 1")
def leaky_relu(z, alpha=0.01):
    return np.maximum(alpha * z, z)


@catalogue.variant(
    "leaky_relu", "torch", de="torch.nn.functional.leaky_relu", en="torch leaky_relu"
)
def leaky_relu(z, alpha=0.01):
    import torch

    return torch.nn.functional.leaky_relu(torch.as_tensor(z), alpha)


@catalogue.mistake(
    "leaky_relu_prime",
    "one_at_zero",
    de="Leaky-ReLU′(0) = 1 statt α",
    en="leaky ReLU′(0) = 1 instead of α",
)
def leaky_relu_prime(z, alpha=0.01):
    return np.where(z >= 0, 1.0, alpha)


@catalogue.mistake(
    "leaky_relu_prime", "alpha_ignored", de="α ignoriert (fest 0.01)", en="α ignored (fixed 0.01)"
)
def leaky_relu_prime(z, alpha=0.01):
    return np.where(z > 0, 1.0, 0.01)


@catalogue.mistake(
    "leaky_relu_prime",
    "zero_slope",
    de="Steigung 0 links (Ableitung der normalen ReLU)",
    en="slope 0 on the left (the plain ReLU's derivative)",
)
def leaky_relu_prime(z, alpha=0.01):
    return (z > 0).astype(float)


@catalogue.variant(
    "leaky_relu_prime", "arithmetic", de="α + (1 − α)·(z > 0)", en="α + (1 − α)·(z > 0)"
)
def leaky_relu_prime(z, alpha=0.01):
    return alpha + (1 - alpha) * (np.asarray(z) > 0)


@catalogue.variant("leaky_relu_prime", "fill", de="np.full und Maske", en="np.full and a mask")
def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    out = np.full(z.shape, float(alpha))
    out[z > 0] = 1.0
    return out


@catalogue.mistake(
    "selu", "elu", de="ELU statt SELU (λ vergessen)", en="ELU instead of SELU (λ forgotten)"
)
def selu(z):
    return np.where(z > 0, z, 1.6732632423543772 * (np.exp(np.minimum(z, 0)) - 1))


@catalogue.mistake(
    "selu",
    "lambda_negative_only",
    de="λ nur im negativen Zweig",
    en="λ only on the negative branch",
)
def selu(z):
    return np.where(
        z > 0, z, 1.0507009873554805 * 1.6732632423543772 * (np.exp(np.minimum(z, 0)) - 1)
    )


@catalogue.mistake("selu", "constants_swapped", de="λ und α vertauscht", en="λ and α swapped")
def selu(z):
    return 1.6732632423543772 * np.where(
        z > 0, z, 1.0507009873554805 * (np.exp(np.minimum(z, 0)) - 1)
    )


@catalogue.variant(
    "selu",
    "masks",
    de="mit Masken und den Konstanten der Import-Zelle",
    en="masks and the setup constants",
)
def selu(z):
    z = np.asarray(z, dtype=float)
    out = SELU_LAMBDA * z  # noqa: F821 (defined in the notebook's setup cell)
    negative = z <= 0
    out[negative] = SELU_LAMBDA * SELU_ALPHA * (np.exp(z[negative]) - 1)  # noqa: F821
    return out


@catalogue.variant("selu", "torch", de="torch.selu", en="torch.selu")
def selu(z):
    import torch

    return torch.selu(torch.as_tensor(z))


@catalogue.mistake(
    "selu_prime",
    "minus_one_kept",
    de="λα(eᶻ − 1) für z < 0 (die −1 mit abgeleitet)",
    en="λα(eᶻ − 1) for z < 0 (the −1 differentiated along)",
)
def selu_prime(z):
    lam, alpha = 1.0507009873554805, 1.6732632423543772
    return np.where(z > 0, lam, lam * alpha * (np.exp(np.minimum(z, 0)) - 1))


@catalogue.mistake(
    "selu_prime",
    "lambda_forgotten",
    de="λ in der Ableitung vergessen",
    en="λ forgotten in the derivative",
)
def selu_prime(z):
    return np.where(z > 0, 1.0, 1.6732632423543772 * np.exp(np.minimum(z, 0)))


@catalogue.variant(
    "selu_prime", "from_selu", de="über SELU(z) + λα für z < 0", en="via SELU(z) + λα for z < 0"
)
def selu_prime(z):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, SELU_LAMBDA, selu(z) + SELU_LAMBDA * SELU_ALPHA)  # noqa: F821


@catalogue.variant("selu_prime", "torch_autograd", de="torch.autograd", en="torch.autograd")
def selu_prime(z):
    import torch

    t = torch.tensor(np.asarray(z, dtype=float), requires_grad=True)
    torch.selu(t).sum().backward()
    return t.grad


# ------------------------------------------------------------------ softmax


@catalogue.mistake(
    "softmax",
    "axis0",
    de="Softmax über Achse 0 (die Beispiele) statt über die letzte Achse",
    en="softmax over axis 0 (the samples) instead of the last axis",
)
def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@catalogue.mistake(
    "softmax",
    "no_max_shift",
    de="Softmax ohne Abziehen des Maximums (Überlauf bei großen Logits)",
    en="softmax without subtracting the maximum (overflow for large logits)",
)
def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@catalogue.mistake(
    "softmax",
    "global_max",
    de="Maximum des ganzen Arrays statt pro Zeile abgezogen",
    en="maximum of the whole array instead of per row subtracted",
)
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=-1, keepdims=True)


@catalogue.mistake(
    "softmax",
    "global_sum",
    de="durch die Summe des ganzen Arrays geteilt",
    en="divided by the sum of the whole array",
)
def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / e.sum()


@catalogue.variant("softmax", "log_sum_exp", de="exp(z − logsumexp(z))", en="exp(z − logsumexp(z))")
def softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - lse)


@catalogue.variant("softmax", "torch", de="torch.softmax(dim=-1)", en="torch.softmax(dim=-1)")
def softmax(z):
    import torch

    return torch.softmax(torch.as_tensor(z), dim=-1)


@catalogue.variant(
    "softmax", "rows_loop", de="Schleife über die Zeilen (reshape)", en="loop over the rows"
)
def softmax(z):
    z = np.asarray(z, dtype=float)
    flat = z.reshape(-1, z.shape[-1])
    out = np.empty_like(flat)
    for i, row in enumerate(flat):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out.reshape(z.shape)


# ------------------------------------------------------------------ losses


@catalogue.mistake("mse", "sum", de="Summe statt Mittelwert", en="sum instead of mean")
def mse(y_hat, y):
    return np.sum((y_hat - y) ** 2)


@catalogue.mistake("mse", "half", de="½·MSE (Faktor ½ zu viel)", en="½·MSE (extra factor ½)")
def mse(y_hat, y):
    return 0.5 * np.mean((y_hat - y) ** 2)


@catalogue.mistake(
    "mse",
    "mean_over_samples",
    de="nur über die Beispiele gemittelt (Summe über K, wie Foliensatz 2)",
    en="averaged over the samples only (sum over K)",
)
def mse(y_hat, y):
    return np.sum((y_hat - y) ** 2) / len(y_hat)


@catalogue.variant("mse", "torch", de="torch.nn.functional.mse_loss", en="F.mse_loss")
def mse(y_hat, y):
    import torch

    return torch.nn.functional.mse_loss(torch.as_tensor(y_hat), torch.as_tensor(y))


@catalogue.variant("mse", "size", de="Summe / Anzahl der Einträge", en="sum / number of entries")
def mse(y_hat, y):
    d = np.asarray(y_hat) - np.asarray(y)
    return float((d * d).sum() / d.size)


@catalogue.mistake(
    "binary_cross_entropy",
    "log10",
    de="log₁₀ statt natürlichem Logarithmus",
    en="log₁₀ instead of ln",
)
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))


@catalogue.mistake(
    "binary_cross_entropy", "sum", de="Summe statt Mittelwert", en="sum instead of mean"
)
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))


@catalogue.mistake(
    "binary_cross_entropy",
    "not_clipped",
    de="p nicht begrenzt: log(0) ergibt ∞ bzw. nan",
    en="p not clipped: log(0) gives ∞ or nan",
)
def binary_cross_entropy(p, y):
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@catalogue.mistake(
    "binary_cross_entropy",
    "sign",
    de="Minuszeichen vergessen (negative Kosten)",
    en="minus sign forgotten",
)
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@catalogue.variant(
    "binary_cross_entropy",
    "torch",
    de="torch BCE (klemmt log bei −100)",
    en="torch BCE (clamps log at −100)",
)
def binary_cross_entropy(p, y):
    import torch

    return torch.nn.functional.binary_cross_entropy(
        torch.as_tensor(p, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)
    )


@catalogue.variant(
    "binary_cross_entropy",
    "where",
    de="np.where je nach Label, ε = 1e-15",
    en="np.where by label, ε = 1e-15",
)
def binary_cross_entropy(p, y):
    p = np.clip(np.asarray(p, dtype=float), 1e-15, 1 - 1e-15)
    return float(-np.mean(np.where(np.asarray(y) == 1, np.log(p), np.log(1 - p))))


@catalogue.mistake(
    "categorical_cross_entropy",
    "log10",
    de="log₁₀ statt natürlichem Logarithmus",
    en="log₁₀ instead of ln",
)
def categorical_cross_entropy(P, Y):
    return -np.sum(Y * np.log10(P)) / len(P)


@catalogue.mistake(
    "categorical_cross_entropy",
    "mean_over_all",
    de="Mittel über alle N·K Einträge statt über die N Beispiele",
    en="mean over all N·K entries instead of the N samples",
)
def categorical_cross_entropy(P, Y):
    return -np.mean(Y * np.log(P))


@catalogue.mistake(
    "categorical_cross_entropy",
    "sum",
    de="Summe statt Mittelwert über die Beispiele",
    en="sum instead of mean over the samples",
)
def categorical_cross_entropy(P, Y):
    return -np.sum(Y * np.log(P))


@catalogue.variant("categorical_cross_entropy", "einsum", de="np.einsum", en="np.einsum")
def categorical_cross_entropy(P, Y):
    return -np.einsum("ik,ik->", Y, np.log(P)) / P.shape[0]


@catalogue.variant(
    "categorical_cross_entropy",
    "torch_nll",
    de="torch nll_loss mit argmax",
    en="torch nll_loss with argmax",
)
def categorical_cross_entropy(P, Y):
    import torch

    P = torch.as_tensor(P)
    return torch.nn.functional.nll_loss(torch.log(P), torch.as_tensor(np.argmax(Y, axis=1)))


@catalogue.mistake(
    "sparse_categorical_cross_entropy",
    "log10",
    de="log₁₀ statt natürlichem Logarithmus",
    en="log₁₀ instead of ln",
)
def sparse_categorical_cross_entropy(P, y):
    return -np.mean(np.log10(P[np.arange(len(y)), y]))


@catalogue.mistake(
    "sparse_categorical_cross_entropy",
    "rows_indexed",
    de="P[y] (Zeilen) statt P[i, yᵢ]",
    en="P[y] (rows) instead of P[i, yᵢ]",
)
def sparse_categorical_cross_entropy(P, y):
    return -np.mean(np.log(P[y]))


@catalogue.mistake(
    "sparse_categorical_cross_entropy", "sum", de="Summe statt Mittelwert", en="sum instead of mean"
)
def sparse_categorical_cross_entropy(P, y):
    return -np.sum(np.log(P[np.arange(len(y)), y]))


@catalogue.variant(
    "sparse_categorical_cross_entropy",
    "take_along_axis",
    de="np.take_along_axis",
    en="np.take_along_axis",
)
def sparse_categorical_cross_entropy(P, y):
    picked = np.take_along_axis(P, np.asarray(y)[:, None], axis=1)
    return -np.log(picked).mean()


@catalogue.variant(
    "sparse_categorical_cross_entropy",
    "via_one_hot",
    de="über one_hot und die kategorische Version",
    en="via one_hot and the categorical version",
)
def sparse_categorical_cross_entropy(P, y):
    return categorical_cross_entropy(P, one_hot(y, P.shape[1]))


@catalogue.variant(
    "sparse_categorical_cross_entropy",
    "loop",
    de="Schleife über die Beispiele",
    en="loop over the samples",
)
def sparse_categorical_cross_entropy(P, y):
    import math

    return -sum(math.log(P[i][int(k)]) for i, k in enumerate(y)) / len(y)


@catalogue.mistake(
    "one_hot", "transposed", de="Matrix transponiert (K × N)", en="matrix transposed (K × N)"
)
def one_hot(y, K):
    Y = np.zeros((K, len(y)))
    Y[y, np.arange(len(y))] = 1
    return Y


@catalogue.mistake(
    "one_hot",
    "k_from_data",
    de="K aus den Daten (max(y) + 1) statt dem Parameter K",
    en="K from the data (max(y) + 1) instead of the parameter K",
)
def one_hot(y, K):
    return np.eye(np.max(y) + 1)[y]


@catalogue.mistake(
    "one_hot", "one_based", de="Klassen ab 1 gezählt (y − 1)", en="classes counted from 1 (y − 1)"
)
def one_hot(y, K):
    return np.eye(K)[np.asarray(y) - 1]


@catalogue.variant("one_hot", "eye", de="np.eye(K)[y]", en="np.eye(K)[y]")
def one_hot(y, K):
    return np.eye(K)[y]


@catalogue.variant(
    "one_hot", "comparison", de="y[:, None] == arange(K)", en="y[:, None] == arange(K)"
)
def one_hot(y, K):
    return (np.asarray(y)[:, None] == np.arange(K)).astype(float)


@catalogue.variant("one_hot", "torch", de="torch.nn.functional.one_hot", en="F.one_hot")
def one_hot(y, K):
    import torch

    return torch.nn.functional.one_hot(torch.as_tensor(y), K).double()


# ------------------------------------------------------------------ count_params


@catalogue.mistake("count_params", "no_bias", de="Biases nicht mitgezählt", en="biases not counted")
def count_params(layer_sizes):
    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))


@catalogue.mistake(
    "count_params",
    "bias_per_input",
    de="ein Bias pro Eingang statt pro Neuron: n_in·(n_out + 1)",
    en="one bias per input instead of per neuron: n_in·(n_out + 1)",
)
def count_params(layer_sizes):
    return sum(a * (b + 1) for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))


@catalogue.mistake(
    "count_params",
    "input_layer_biases",
    de="auch der Eingabeschicht Biases gegeben",
    en="biases given to the input layer as well",
)
def count_params(layer_sizes):
    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:])) + sum(layer_sizes)


@catalogue.variant("count_params", "loop", de="Schleife mit Index", en="loop with an index")
def count_params(layer_sizes):
    total = 0
    for i in range(1, len(layer_sizes)):
        total += layer_sizes[i] * layer_sizes[i - 1] + layer_sizes[i]
    return total


@catalogue.variant("count_params", "numpy", de="numpy-Vektoren", en="numpy vectors")
def count_params(layer_sizes):
    n = np.asarray(layer_sizes)
    return int(np.sum(n[1:] * n[:-1] + n[1:]))


# ------------------------------------------------------------------ init_params
# The student draws their own random numbers: mistakes are recognised by the statistics.


def _init_records(expected_std, xavier_overflows=False):
    """Matcher: every large layer's std matches ``expected_std(method, n_in, n_out)``."""

    def matcher(value, args, kwargs):
        try:
            sizes = list(args[0])
            method = args[1] if len(args) > 1 else kwargs.get("method", "he")
            for index, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
                std = weight_std(value, index)
                if std is None:
                    continue
                if abs(std / expected_std(method, n_in, n_out) - 1) > 0.04:
                    return False
                if method == "xavier" and xavier_overflows:
                    bound = np.sqrt(6.0 / (n_in + n_out))
                    if not weight_max(value, index) > 1.01 * bound:
                        return False
            return True
        except Exception:
            return False

    return matcher


def _correct_std(method, n_in, n_out):
    return np.sqrt(2.0 / n_in) if method == "he" else np.sqrt(2.0 / (n_in + n_out))


@catalogue.mistake(
    "init_params",
    "he_fan_out",
    de="He mit fan_out statt fan_in",
    en="He with fan_out instead of fan_in",
    matcher=_init_records(lambda m, i, o: np.sqrt(2.0 / o) if m == "he" else _correct_std(m, i, o)),
)
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if method == "he":
            W = rng.normal(0, np.sqrt(2 / n_out), size=(n_out, n_in))
        else:
            a = np.sqrt(6 / (n_in + n_out))
            W = rng.uniform(-a, a, size=(n_out, n_in))
        params.append((W, np.zeros(n_out)))
    return params


@catalogue.mistake(
    "init_params",
    "variance_as_std",
    de="Varianz 2/fan_in als Standardabweichung übergeben",
    en="the variance 2/fan_in passed as the standard deviation",
    matcher=_init_records(lambda m, i, o: 2.0 / i if m == "he" else _correct_std(m, i, o)),
)
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if method == "he":
            W = rng.normal(0, 2 / n_in, size=(n_out, n_in))
        else:
            a = np.sqrt(6 / (n_in + n_out))
            W = rng.uniform(-a, a, size=(n_out, n_in))
        params.append((W, np.zeros(n_out)))
    return params


@catalogue.mistake(
    "init_params",
    "glorot_for_he",
    de='Glorot/Xavier statt He für "he"',
    en='Glorot/Xavier instead of He for "he"',
    matcher=_init_records(lambda m, i, o: np.sqrt(2.0 / (i + o))),
)
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        a = np.sqrt(6 / (n_in + n_out))
        params.append((rng.uniform(-a, a, size=(n_out, n_in)), np.zeros(n_out)))
    return params


@catalogue.mistake(
    "init_params",
    "xavier_normal",
    de="Xavier normalverteilt statt gleichverteilt",
    en="Xavier normal instead of uniform",
    matcher=_init_records(_correct_std, xavier_overflows=True),
)
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        std = np.sqrt(2 / n_in) if method == "he" else np.sqrt(2 / (n_in + n_out))
        params.append((rng.normal(0, std, size=(n_out, n_in)), np.zeros(n_out)))
    return params


@catalogue.variant(
    "init_params",
    "standard_normal",
    de="standard_normal · σ und random(·)·2a − a",
    en="standard_normal · σ and random(·)·2a − a",
)
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for i in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[i - 1], layer_sizes[i]
        if method == "he":
            W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
        else:
            a = np.sqrt(6 / (fan_in + fan_out))
            W = rng.random((fan_out, fan_in)) * 2 * a - a
        params.append([W, np.zeros(fan_out)])
    return params


@catalogue.variant(
    "init_params",
    "torch_init",
    de="torch.nn.init mit torch.manual_seed",
    en="torch.nn.init with torch.manual_seed",
)
def init_params(layer_sizes, method="he", seed=0):
    import torch

    torch.manual_seed(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = torch.empty(n_out, n_in, dtype=torch.float64)
        if method == "he":
            torch.nn.init.kaiming_normal_(W, nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(W)
        params.append((W, torch.zeros(n_out, dtype=torch.float64)))
    return params


@catalogue.variant(
    "init_params",
    "legacy_seed",
    de="np.random.seed und np.random.randn",
    en="np.random.seed and randn",
)
def init_params(layer_sizes, method="he", seed=0):
    np.random.seed(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if method == "he":
            W = np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in)
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = np.random.uniform(-limit, limit, (n_out, n_in))
        params.append((W, np.zeros(n_out)))
    return params


# ------------------------------------------------------------------ forward

FORWARD = """\
def forward(X, params, activations):
    def act(Z, name):
        if name == "sigmoid":
            return 1 / (1 + np.exp(-Z))
        if name == "tanh":
            return np.tanh(Z)
        if name == "relu":
            return np.maximum(Z, 0)
        if name == "leaky_relu":
            return np.where(Z > 0, Z, 0.01 * Z)
        if name == "selu":
            return 1.0507009873554805 * np.where(Z > 0, Z, 1.6732632423543772 * np.expm1(np.minimum(Z, 0)))
        if name == "softmax":
            E = np.exp(Z - Z.max(axis=-1, keepdims=True))
            return E / E.sum(axis=-1, keepdims=True)
        return Z

    A = X
    cache = []
    for l, ((W, b), name) in enumerate(zip(params, activations)):
        Z = A @ W.T + b
        cache.append((A, Z))
        A = act(Z, name)
    return A, cache
"""
mutations(
    "forward",
    FORWARD,
    [
        (
            "x_times_w",
            "X·W statt X·Wᵀ (Layout n_out × n_in missachtet)",
            "X·W instead of X·Wᵀ (ignores the n_out × n_in layout)",
            [("Z = A @ W.T + b", "Z = A @ W + b")],
        ),
        ("bias_missing", "Bias vergessen", "bias forgotten", [("Z = A @ W.T + b", "Z = A @ W.T")]),
        (
            "cache_after_activation",
            "Cache speichert (A, Z) nach der Aktivierung statt (A_prev, Z)",
            "cache holds (A, Z) after the activation instead of (A_prev, Z)",
            [
                (
                    "        cache.append((A, Z))\n        A = act(Z, name)",
                    "        A = act(Z, name)\n        cache.append((A, Z))",
                )
            ],
        ),
        (
            "last_activation_skipped",
            "Aktivierung der Ausgabeschicht vergessen (Logits zurückgegeben)",
            "output activation forgotten (logits returned)",
            [
                (
                    "        A = act(Z, name)",
                    "        A = act(Z, name) if l < len(params) - 1 else Z",
                )
            ],
        ),
    ],
)


@catalogue.variant("forward", "torch", de="mit torch-Tensoren", en="with torch tensors")
def forward(X, params, activations):
    import torch

    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
        "selu": torch.selu,
        "linear": lambda z: z,
        "softmax": lambda z: torch.softmax(z, dim=-1),
    }
    A = torch.as_tensor(X, dtype=torch.float64)
    cache = []
    for (W, b), name in zip(params, activations):
        Z = A @ torch.as_tensor(W, dtype=torch.float64).T + torch.as_tensor(b, dtype=torch.float64)
        cache.append([A, Z])
        A = functions[name](Z)
    return A, cache


@catalogue.variant(
    "forward",
    "einsum_own_functions",
    de="einsum und die eigenen Aktivierungen",
    en="einsum and the own activations",
)
def forward(X, params, activations):
    A = np.asarray(X)
    cache = []
    for (W, b), name in zip(params, activations):
        Z = np.einsum("ni,oi->no", A, W) + b
        cache.append((A, Z))
        if name == "linear":
            A = Z
        elif name == "tanh":
            A = np.tanh(Z)
        else:
            A = globals()[name](Z)
    return A, cache


# ------------------------------------------------------------------ output_delta

OUTPUT_DELTA = """\
def output_delta(Y_hat, Y, loss):
    N = Y_hat.shape[0]
    if loss == "mse":
        return 2 * (Y_hat - Y) / (N * Y_hat.shape[1])
    return (Y_hat - Y) / N
"""
mutations(
    "output_delta",
    OUTPUT_DELTA,
    [
        (
            "missing_1_over_N",
            "1/N vergessen (Summe statt Mittelwert)",
            "1/N forgotten (sum instead of mean)",
            [
                (
                    "return 2 * (Y_hat - Y) / (N * Y_hat.shape[1])",
                    "return 2 * (Y_hat - Y) / Y_hat.shape[1]",
                ),
                ("    return (Y_hat - Y) / N\n", "    return Y_hat - Y\n"),
            ],
        ),
        (
            "mse_factor_2",
            "Faktor 2 der MSE-Ableitung vergessen (Ableitung von ½·MSE)",
            "factor 2 of the MSE derivative forgotten (derivative of ½·MSE)",
            [("return 2 * (Y_hat - Y)", "return (Y_hat - Y)")],
        ),
        (
            "mse_over_N_only",
            "MSE-Delta nur durch N statt durch N·K geteilt",
            "MSE delta divided by N only instead of N·K",
            [("(N * Y_hat.shape[1])", "N")],
        ),
        (
            "sign_flipped",
            "Vorzeichen vertauscht (Y − Ŷ)",
            "sign flipped (Y − Ŷ)",
            [
                ("2 * (Y_hat - Y)", "2 * (Y - Y_hat)"),
                ("return (Y_hat - Y) / N", "return (Y - Y_hat) / N"),
            ],
        ),
    ],
)


@catalogue.variant(
    "output_delta",
    "torch_autograd",
    de="torch.autograd durch Aktivierung und Kosten",
    en="torch.autograd through activation and loss",
)
def output_delta(Y_hat, Y, loss):
    import torch

    P = torch.as_tensor(np.asarray(Y_hat, dtype=float))
    T = torch.as_tensor(np.asarray(Y, dtype=float))
    if loss == "binary_cross_entropy":
        Z = torch.logit(P).requires_grad_()
        J = torch.nn.functional.binary_cross_entropy_with_logits(Z, T)
    elif loss == "categorical_cross_entropy":
        Z = torch.log(P).requires_grad_()
        J = -(T * torch.log_softmax(Z, dim=1)).sum() / len(P)
    else:
        Z = P.clone().requires_grad_()
        J = torch.nn.functional.mse_loss(Z, T)
    J.backward()
    return Z.grad


@catalogue.variant("output_delta", "size", de="Y_hat.size und len", en="Y_hat.size and len")
def output_delta(Y_hat, Y, loss):
    diff = np.asarray(Y_hat) - np.asarray(Y)
    return 2 * diff / diff.size if loss == "mse" else diff / len(diff)


# ------------------------------------------------------------------ hidden_delta

HIDDEN_DELTA = """\
def hidden_delta(delta_next, W_next, Z, activation):
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        d = s * (1 - s)
    elif activation == "tanh":
        d = 1 - np.tanh(Z) ** 2
    elif activation == "relu":
        d = (Z > 0) * 1.0
    elif activation == "leaky_relu":
        d = np.where(Z > 0, 1.0, 0.01)
    elif activation == "selu":
        d = 1.0507009873554805 * np.where(Z > 0, 1.0, 1.6732632423543772 * np.exp(np.minimum(Z, 0)))
    else:
        d = np.ones_like(Z)
    return (delta_next @ W_next) * d
"""
mutations(
    "hidden_delta",
    HIDDEN_DELTA,
    [
        (
            "derivative_forgotten",
            "σ′ vergessen (nur δ·W)",
            "σ′ forgotten (only δ·W)",
            [("return (delta_next @ W_next) * d", "return delta_next @ W_next")],
        ),
        (
            "derivative_of_activation",
            "σ′ auf die Aktivierung A = σ(Z) statt auf Z angewendet",
            "σ′ applied to the activation A = σ(Z) instead of Z",
            [
                ("s = 1 / (1 + np.exp(-Z))", "s = 1 / (1 + np.exp(-1 / (1 + np.exp(-Z))))"),
                ("d = 1 - np.tanh(Z) ** 2", "d = 1 - np.tanh(np.tanh(Z)) ** 2"),
            ],
        ),
        (
            "w_transposed",
            "δ·Wᵀ statt δ·W (Layout n_out × n_in missachtet)",
            "δ·Wᵀ instead of δ·W (ignores the n_out × n_in layout)",
            [("(delta_next @ W_next) * d", "(delta_next @ W_next.T) * d")],
        ),
        (
            "tanh_one_minus_tanh",
            "tanh′ = 1 − tanh (Quadrat vergessen)",
            "tanh′ = 1 − tanh (square forgotten)",
            [("d = 1 - np.tanh(Z) ** 2", "d = 1 - np.tanh(Z)")],
        ),
    ],
)


@catalogue.variant(
    "hidden_delta",
    "from_activation",
    de="über A = σ(Z): A(1 − A), 1 − A²",
    en="via A = σ(Z): A(1 − A), 1 − A²",
)
def hidden_delta(delta_next, W_next, Z, activation):
    back = np.einsum("nk,kj->nj", delta_next, W_next)
    if activation == "sigmoid":
        A = sigmoid(Z)
        return back * A * (1 - A)
    if activation == "tanh":
        A = np.tanh(Z)
        return back * (1 - A**2)
    if activation == "linear":
        return back
    return back * globals()[activation + "_prime"](Z)


@catalogue.variant(
    "hidden_delta", "per_sample", de="Schleife über die Beispiele", en="loop over the samples"
)
def hidden_delta(delta_next, W_next, Z, activation):
    import torch

    out = []
    for d, z in zip(delta_next, Z):
        zt = torch.tensor(np.asarray(z, dtype=float), requires_grad=True)
        f = {
            "sigmoid": torch.sigmoid,
            "tanh": torch.tanh,
            "relu": torch.relu,
            "selu": torch.selu,
            "leaky_relu": lambda t: torch.nn.functional.leaky_relu(t, 0.01),
            "linear": lambda t: t,
        }
        f[activation](zt).backward(torch.ones_like(zt))
        out.append((W_next.T @ d) * zt.grad.numpy())
    return np.array(out)


# ------------------------------------------------------------------ layer_gradients

LAYER = """\
def layer_gradients(delta, A_prev):
    dW = delta.T @ A_prev
    db = delta.sum(axis=0)
    return dW, db
"""
mutations(
    "layer_gradients",
    LAYER,
    [
        (
            "dw_transposed",
            "dW = A_prevᵀ·δ (transponiert, Form n_in × n_out)",
            "dW = A_prevᵀ·δ (transposed)",
            [("dW = delta.T @ A_prev", "dW = A_prev.T @ delta")],
        ),
        (
            "db_wrong_axis",
            "db über die falsche Achse summiert (axis=1)",
            "db summed over the wrong axis (axis=1)",
            [("delta.sum(axis=0)", "delta.sum(axis=1)")],
        ),
        (
            "db_mean",
            "db als Mittelwert statt Summe (1/N doppelt)",
            "db as a mean instead of a sum (1/N twice)",
            [("delta.sum(axis=0)", "delta.mean(axis=0)")],
        ),
        (
            "dw_over_N",
            "dW noch einmal durch N geteilt (1/N doppelt)",
            "dW divided by N again (1/N twice)",
            [("dW = delta.T @ A_prev", "dW = delta.T @ A_prev / len(delta)")],
        ),
    ],
)


@catalogue.variant(
    "layer_gradients", "outer_loop", de="Summe der äußeren Produkte", en="sum of outer products"
)
def layer_gradients(delta, A_prev):
    dW = sum(np.outer(d, a) for d, a in zip(delta, A_prev))
    db = sum(d for d in delta)
    return dW, db


@catalogue.variant(
    "layer_gradients",
    "einsum_list",
    de="einsum, Rückgabe als Liste",
    en="einsum, returned as a list",
)
def layer_gradients(delta, A_prev):
    return [np.einsum("ni,nj->ij", delta, A_prev), np.einsum("ni->i", delta)]


# ------------------------------------------------------------------ backward

BACKWARD = """\
def backward(Y_hat, Y, cache, params, activations, loss):
    def prime(Z, name):
        if name == "sigmoid":
            s = 1 / (1 + np.exp(-Z))
            return s * (1 - s)
        if name == "tanh":
            return 1 - np.tanh(Z) ** 2
        if name == "relu":
            return (Z > 0) * 1.0
        if name == "leaky_relu":
            return np.where(Z > 0, 1.0, 0.01)
        if name == "selu":
            return 1.0507009873554805 * np.where(Z > 0, 1.0, 1.6732632423543772 * np.exp(np.minimum(Z, 0)))
        return np.ones_like(Z)

    N = Y_hat.shape[0]
    delta = (Y_hat - Y) / N
    if loss == "mse":
        delta = 2 * delta / Y_hat.shape[1]
    grads = []
    for l in range(len(params) - 1, -1, -1):
        A_prev, Z = cache[l]
        grads.insert(0, (delta.T @ A_prev, delta.sum(axis=0)))
        if l > 0:
            delta = (delta @ params[l][0]) * prime(cache[l - 1][1], activations[l - 1])
    return grads
"""
HIDDEN_STEP = "delta = (delta @ params[l][0]) * prime(cache[l - 1][1], activations[l - 1])"
mutations(
    "backward",
    BACKWARD,
    [
        (
            "missing_1_over_N",
            "1/N vergessen (Summe statt Mittelwert)",
            "1/N forgotten (sum instead of mean)",
            [("delta = (Y_hat - Y) / N", "delta = Y_hat - Y")],
        ),
        (
            "hidden_derivative_forgotten",
            "σ′ in den verdeckten Schichten vergessen",
            "σ′ forgotten in the hidden layers",
            [(HIDDEN_STEP, "delta = delta @ params[l][0]")],
        ),
        (
            "derivative_of_activation",
            "σ′ auf die Aktivierung A statt auf Z angewendet",
            "σ′ applied to the activation A instead of Z",
            [
                (
                    HIDDEN_STEP,
                    "delta = (delta @ params[l][0]) * prime(cache[l][0], activations[l - 1])",
                )
            ],
        ),
        (
            "w_transposed",
            "δ·Wᵀ statt δ·W (Layout n_out × n_in missachtet)",
            "δ·Wᵀ instead of δ·W",
            [(HIDDEN_STEP, HIDDEN_STEP.replace("params[l][0]", "params[l][0].T"))],
        ),
        (
            "dw_transposed",
            "dW = A_prevᵀ·δ (transponiert)",
            "dW = A_prevᵀ·δ (transposed)",
            [("delta.T @ A_prev", "A_prev.T @ delta")],
        ),
        (
            "db_wrong_axis",
            "db über die falsche Achse summiert (axis=1)",
            "db summed over the wrong axis",
            [("delta.sum(axis=0)", "delta.sum(axis=1)")],
        ),
        (
            "mse_factor_2",
            "Faktor 2 der MSE-Ableitung vergessen",
            "factor 2 of the MSE derivative forgotten",
            [("delta = 2 * delta / Y_hat.shape[1]", "delta = delta / Y_hat.shape[1]")],
        ),
        (
            "reversed_order",
            "Gradienten in umgekehrter Reihenfolge (Ausgabeschicht zuerst)",
            "gradients in reverse order (output layer first)",
            [
                (
                    "grads.insert(0, (delta.T @ A_prev, delta.sum(axis=0)))",
                    "grads.append((delta.T @ A_prev, delta.sum(axis=0)))",
                )
            ],
        ),
    ],
)


@catalogue.variant(
    "backward",
    "torch_autograd",
    de="torch.autograd (Vorwärtspass neu gerechnet)",
    en="torch.autograd (forward pass recomputed)",
)
def backward(Y_hat, Y, cache, params, activations, loss):
    import torch

    F = torch.nn.functional
    act = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "selu": torch.selu,
        "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
        "linear": lambda z: z,
        "softmax": lambda z: torch.softmax(z, dim=-1),
    }
    tensors = [
        (
            torch.tensor(np.asarray(W, dtype=float), requires_grad=True),
            torch.tensor(np.asarray(b, dtype=float), requires_grad=True),
        )
        for W, b in params
    ]
    A = torch.as_tensor(np.asarray(cache[0][0], dtype=float))
    for (W, b), name in zip(tensors, activations):
        A = act[name](A @ W.T + b)
    T = torch.as_tensor(np.asarray(Y, dtype=float))
    if loss == "mse":
        J = F.mse_loss(A, T)
    elif loss == "binary_cross_entropy":
        J = F.binary_cross_entropy(A, T)
    else:
        J = -(T * torch.log(A)).sum() / len(A)
    J.backward()
    return [(W.grad, b.grad) for W, b in tensors]


@catalogue.variant(
    "backward",
    "own_building_blocks",
    de="mit output_delta, hidden_delta, layer_gradients",
    en="with the own building blocks",
)
def backward(Y_hat, Y, cache, params, activations, loss):
    L = len(params)
    grads = [None] * L
    delta = output_delta(Y_hat, Y, loss)
    for k in range(L - 1, -1, -1):
        grads[k] = layer_gradients(delta, cache[k][0])
        if k:
            delta = hidden_delta(delta, params[k][0], cache[k - 1][1], activations[k - 1])
    return grads


@catalogue.variant(
    "backward",
    "float32_throughout",
    de="in der dtype der Eingaben (float32 bleibt float32)",
    en="in the inputs' dtype",
)
def backward(Y_hat, Y, cache, params, activations, loss):
    delta = (Y_hat - Y) / Y_hat.shape[0]
    if loss == "mse":
        delta = delta * 2 / Y_hat.shape[1]
    grads = []
    for i in reversed(range(len(params))):
        A_prev, _ = cache[i]
        grads.append((delta.T @ A_prev, delta.sum(0)))
        if i > 0:
            Z = cache[i - 1][1]
            name = activations[i - 1]
            if name == "sigmoid":
                A = cache[i][0]  # = σ(Z), from the cache
                d = A * (1 - A)
            elif name == "tanh":
                A = cache[i][0]
                d = 1 - A * A
            elif name == "relu":
                d = (Z > 0).astype(Z.dtype)
            elif name == "leaky_relu":
                d = np.where(Z > 0, 1, 0.01).astype(Z.dtype)
            elif name == "selu":
                d = (
                    1.0507009873554805
                    * np.where(Z > 0, 1, 1.6732632423543772 * np.exp(np.minimum(Z, 0)))
                ).astype(Z.dtype)
            else:
                d = np.ones_like(Z)
            delta = (delta @ params[i][0]) * d
    return grads[::-1]


# ------------------------------------------------------------------ numerical_gradient

NUMERICAL = """\
def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        f_plus = f(x)
        x[i] = old - eps
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
"""
mutations(
    "numerical_gradient",
    NUMERICAL,
    [
        (
            "forward_difference",
            "einseitige Differenz (f(x + ε) − f(x))/ε statt zentraler Differenz",
            "forward difference (f(x + ε) − f(x))/ε instead of the central difference",
            [
                (
                    "x[i] = old - eps\n        f_minus = f(x)\n        x[i] = old\n",
                    "x[i] = old\n        f_minus = f(x)\n",
                ),
                ("(f_plus - f_minus) / (2 * eps)", "(f_plus - f_minus) / eps"),
            ],
        ),
        (
            "missing_factor_2",
            "durch ε statt durch 2ε geteilt (Faktor 2)",
            "divided by ε instead of 2ε (factor 2)",
            [("(f_plus - f_minus) / (2 * eps)", "(f_plus - f_minus) / eps")],
        ),
        (
            "not_restored",
            "x[i] danach nicht zurückgesetzt",
            "x[i] not restored afterwards",
            [("        x[i] = old\n", "")],
        ),
    ],
)


@catalogue.variant(
    "numerical_gradient",
    "unit_vectors",
    de="mit Einheitsvektoren eᵢ auf Kopien",
    en="with unit vectors eᵢ on copies",
)
def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.empty(x.size)
    for i in range(x.size):
        e = np.zeros(x.size)
        e[i] = eps
        e = e.reshape(x.shape)
        grad[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return grad.reshape(x.shape)


@catalogue.variant(
    "numerical_gradient", "nditer", de="np.nditer wie CS231n", en="np.nditer like CS231n"
)
def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + eps
        fxph = f(x)
        x[ix] = old - eps
        fxmh = f(x)
        x[ix] = old
        grad[ix] = (fxph - fxmh) / (2 * eps)
        it.iternext()
    return grad


# ------------------------------------------------------------------ relative_error


@catalogue.mistake(
    "relative_error", "mean", de="Mittelwert statt Maximum", en="mean instead of maximum"
)
def relative_error(a, b):
    return np.mean(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))


@catalogue.mistake(
    "relative_error",
    "abs_of_sum",
    de="Nenner |a + b| statt |a| + |b|",
    en="denominator |a + b| instead of |a| + |b|",
)
def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(a + b), 1e-8))


@catalogue.mistake(
    "relative_error",
    "no_floor",
    de="ohne max(…, 1e-8) im Nenner (0/0 = nan)",
    en="without max(…, 1e-8) in the denominator (0/0 = nan)",
)
def relative_error(a, b):
    return np.max(np.abs(a - b) / (np.abs(a) + np.abs(b)))


@catalogue.mistake(
    "relative_error", "relative_to_b", de="nur auf |b| bezogen", en="relative to |b| only"
)
def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-8))


@catalogue.variant("relative_error", "fmax", de="np.fmax und .max()", en="np.fmax and .max()")
def relative_error(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return (np.abs(a - b) / np.fmax(np.abs(a) + np.abs(b), 1e-8)).max()


@catalogue.variant("relative_error", "loop", de="Schleife", en="loop")
def relative_error(a, b):
    worst = 0.0
    for x, y in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(x - y) / max(abs(x) + abs(y), 1e-8))
    return worst


# ------------------------------------------------------------------ gradient_norms
# Graded loosely on the student's own random draws: mistakes are recognised by their shape.


def _norms(value, args, kwargs):
    try:
        norms = np.asarray(value, dtype=np.float64)
        activation = args[1] if len(args) > 1 else kwargs.get("activation")
    except (TypeError, ValueError, IndexError):
        return None, None
    if norms.ndim != 1 or norms.size < 3 or not np.all(np.isfinite(norms)):
        return None, None
    return norms, activation


def _reversed_order(value, args, kwargs):
    norms, activation = _norms(value, args, kwargs)
    if norms is None:
        return False
    if activation == "sigmoid":
        return bool(norms[-1] < 0.02 * norms[1])
    return True


def _activation_ignored(value, args, kwargs):
    norms, activation = _norms(value, args, kwargs)
    if norms is None:
        return False
    if activation == "relu":
        return bool(norms[0] < 0.02 * norms[-2])
    return True


@catalogue.mistake(
    "gradient_norms",
    "reversed_order",
    de="Normen in umgekehrter Reihenfolge (Ausgabeschicht zuerst)",
    en="norms in reverse order (output layer first)",
    matcher=_reversed_order,
)
def gradient_norms(depth, activation, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [10] + [32] * depth + [1]
    params = init_params(sizes, "he" if activation == "relu" else "xavier", seed)
    X = rng.normal(size=(64, 10))
    Y = (rng.uniform(size=(64, 1)) < 0.5).astype(float)
    acts = [activation] * depth + ["sigmoid"]
    Y_hat, cache = forward(X, params, acts)
    grads = backward(Y_hat, Y, cache, params, acts, "binary_cross_entropy")
    return np.array([np.linalg.norm(dW) for dW, _ in grads])[::-1]


@catalogue.mistake(
    "gradient_norms",
    "activation_ignored",
    de="Aktivierung ignoriert (immer Sigmoid)",
    en="activation ignored (always sigmoid)",
    matcher=_activation_ignored,
)
def gradient_norms(depth, activation, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [10] + [32] * depth + [1]
    params = init_params(sizes, "xavier", seed)
    X = rng.normal(size=(64, 10))
    Y = (rng.uniform(size=(64, 1)) < 0.5).astype(float)
    acts = ["sigmoid"] * (depth + 1)
    Y_hat, cache = forward(X, params, acts)
    grads = backward(Y_hat, Y, cache, params, acts, "binary_cross_entropy")
    return np.array([np.linalg.norm(dW) for dW, _ in grads])


@catalogue.variant(
    "gradient_norms", "torch", de="torch-Netz mit autograd", en="torch network with autograd"
)
def gradient_norms(depth, activation, seed=0):
    import torch

    torch.manual_seed(seed)
    sizes = [10] + [32] * depth + [1]
    layers = [torch.nn.Linear(a, b).double() for a, b in zip(sizes[:-1], sizes[1:])]
    for layer in layers:
        if activation == "relu":
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    X = torch.randn(64, 10, dtype=torch.float64)
    Y = (torch.rand(64, 1) < 0.5).double()
    A = X
    for layer in layers[:-1]:
        A = torch.sigmoid(layer(A)) if activation == "sigmoid" else torch.relu(layer(A))
    loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(layers[-1](A)), Y)
    loss.backward()
    return [float(layer.weight.grad.norm()) for layer in layers]


@catalogue.variant(
    "gradient_norms",
    "manual_loop",
    de="eigene Schleife ohne forward/backward",
    en="own loop without forward/backward",
)
def gradient_norms(depth, activation, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [10] + [32] * depth + [1]
    Ws = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if activation == "relu":
            Ws.append(rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in)))
        else:
            a = np.sqrt(6 / (n_in + n_out))
            Ws.append(rng.uniform(-a, a, (n_out, n_in)))
    X = rng.normal(size=(64, 10))
    y = rng.integers(0, 2, size=(64, 1))
    As, Zs = [X], []
    for i, W in enumerate(Ws):
        Z = As[-1] @ W.T
        Zs.append(Z)
        last = i == len(Ws) - 1
        As.append(1 / (1 + np.exp(-Z)) if last or activation == "sigmoid" else np.maximum(Z, 0))
    delta = (As[-1] - y) / 64
    norms = []
    for i in range(len(Ws) - 1, -1, -1):
        norms.append(np.linalg.norm(delta.T @ As[i]))
        if i:
            A = As[i]
            d = A * (1 - A) if activation == "sigmoid" else (Zs[i - 1] > 0)
            delta = (delta @ Ws[i]) * d
    return np.array(norms[::-1])
