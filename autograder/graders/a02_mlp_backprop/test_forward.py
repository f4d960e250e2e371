"""forward(X, params, activations): Ŷ and the cache [(A_prev, Z)] of every layer."""

import numpy as np

from autograder.authoring import Task, as_tuple, assert_same, call
from autograder.graders.a02_mlp_backprop.problems import EVERY_HIDDEN, Net, network_cases, per_loss


def forward_matches(long_run=False):
    """Ŷ first, then the cache layer by layer: (A_prev, Z) of every layer."""

    def compare(actual, expected, what, precision=None):
        Y_hat, cache = as_tuple(actual, 2, "(Y_hat, cache)")
        expected_Y_hat, expected_cache = expected
        cache = as_tuple(cache, len(expected_cache), "cache (ein Eintrag pro Schicht)")
        for index, (entry, (A_prev, Z)) in enumerate(zip(cache, expected_cache, strict=True)):
            pair = as_tuple(entry, 2, f"cache[{index}] = (A_prev, Z)")
            assert_same(pair[1], Z, f"Z{index + 1} in cache[{index}][1]", precision, long_run)
            label = f"A_prev in cache[{index}][0] (= A{index})"
            assert_same(pair[0], A_prev, label, precision, long_run)
        assert_same(Y_hat, expected_Y_hat, what, precision, long_run)

    return compare


task = Task("forward")


def _forward(net):
    return (
        call(net.X, net.params, net.activations)
        .labelled(f"Y_hat (Aktivierungen {net.activations})")
        .compared_by(forward_matches(long_run=net.dtype == np.float32))
    )


network_cases(
    task,
    _forward,
    {
        **per_loss(depths=(1, 2, 3), batches=(3, 9)),
        "every_hidden_activation": Net(6, "categorical_cross_entropy", 5, hidden=EVERY_HIDDEN),
        "single_layer_single_sample": Net(0, "categorical_cross_entropy", 1),
        "float32": Net(2, "mse", 6, 2, np.float32),
    },
)


LINEAR = "Z = A @ _f64(W).T + _f64(b)"
task.mistake(
    "x_times_w",
    "X·W statt X·Wᵀ (Layout n_out × n_in missachtet)",
    "X·W instead of X·Wᵀ (ignores the n_out × n_in layout)",
    (LINEAR, "Z = A @ _f64(W) + _f64(b)"),
)
task.mistake("bias_missing", "Bias vergessen", "bias forgotten", (LINEAR, "Z = A @ _f64(W).T"))
task.mistake(
    "cache_after_activation",
    "Cache speichert (A, Z) nach der Aktivierung statt (A_prev, Z)",
    "cache holds (A, Z) after the activation instead of (A_prev, Z)",
    (
        "cache.append((A, Z))\n        A = activate(Z, name)",
        "A = activate(Z, name)\n        cache.append((A, Z))",
    ),
)
task.mistake(
    "last_activation_skipped",
    "Aktivierung der Ausgabeschicht vergessen (Logits zurückgegeben)",
    "output activation forgotten (logits returned)",
    ("A = activate(Z, name)", "A = activate(Z, name) if len(cache) < len(params) else Z"),
)
