"""backward(Y_hat, Y, cache, params, activations, loss): [(dW, db)] of every layer, input first."""

import numpy as np

from autograder.authoring import Task, call, layers
from autograder.graders.a02_mlp_backprop.problems import EVERY_HIDDEN, Net, network_cases, per_loss

task = Task("backward")


def _backward(net):
    args = (net.Y_hat, net.Y, net.cache, net.params, net.activations, net.loss)
    return (
        call(*args)
        .labelled(f"backward (Aktivierungen {net.activations}, {net.loss}, N = {net.batch})")
        .compared_by(layers(batch_size=net.batch, long_run=net.dtype == np.float32))
    )


network_cases(
    task,
    _backward,
    {
        **per_loss(depths=(3, 2, 1), batches=(4, 9)),
        "every_hidden_activation": Net(6, "mse", 6, hidden=EVERY_HIDDEN),
        "single_layer": Net(0, "categorical_cross_entropy", 5),
        "single_sample": Net(2, "binary_cross_entropy", 1, 2),
        "float32": Net(3, "categorical_cross_entropy", 7, 2, np.float32),
    },
)


OUTPUT = "delta = output_delta(Y_hat, Y, loss)"
HIDDEN = "delta = hidden_delta(delta, params[layer][0], Z_prev, activations[layer - 1])"
GRADIENTS = "grads.append(layer_gradients(delta, A_prev))"


def mistake(key, de, en, *edits):
    """Recognised like the float32 case is judged: sums over several layers (``long_run``)."""
    task.mistake(key, de, en, *edits, long_run=True)


mistake(
    "missing_1_over_N",
    "1/N vergessen (Summe statt Mittelwert)",
    "1/N forgotten (sum instead of mean)",
    (OUTPUT, f"{OUTPUT} * len(Y_hat)"),
)
mistake(
    "hidden_derivative_forgotten",
    "σ′ in den verdeckten Schichten vergessen",
    "σ′ forgotten in the hidden layers",
    (HIDDEN, "delta = delta @ params[layer][0]"),
)
mistake(
    "derivative_of_activation",
    "σ′ auf die Aktivierung A statt auf Z angewendet",
    "σ′ applied to the activation A instead of Z",
    ("Z_prev = cache[layer - 1][1]", "Z_prev = cache[layer][0]"),
)
mistake(
    "w_transposed",
    "δ·Wᵀ statt δ·W (Layout n_out × n_in missachtet)",
    "δ·Wᵀ instead of δ·W",
    ("params[layer][0], Z_prev", "params[layer][0].T, Z_prev"),
)
mistake(
    "dw_transposed",
    "dW = A_prevᵀ·δ (transponiert)",
    "dW = A_prevᵀ·δ (transposed)",
    (GRADIENTS, "dW, db = layer_gradients(delta, A_prev)\n        grads.append((dW.T, db))"),
)
mistake(
    "db_wrong_axis",
    "db über die falsche Achse summiert (axis=1)",
    "db summed over the wrong axis",
    (GRADIENTS, "grads.append((delta.T @ A_prev, delta.sum(axis=1)))"),
)
mistake(
    "mse_factor_2",
    "Faktor 2 der MSE-Ableitung vergessen",
    "factor 2 of the MSE derivative forgotten",
    (OUTPUT, f'{OUTPUT} / (2 if loss == "mse" else 1)'),
)
mistake(
    "reversed_order",
    "Gradienten in umgekehrter Reihenfolge (Ausgabeschicht zuerst)",
    "gradients in reverse order (output layer first)",
    ("return grads[::-1]", "return grads"),
)
