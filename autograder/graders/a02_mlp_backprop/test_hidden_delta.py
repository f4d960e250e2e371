"""hidden_delta(delta_next, W_next, Z, activation) = (δ^[ℓ+1]·W^[ℓ+1]) ⊙ σ′(Z^[ℓ])."""

import numpy as np

from autograder.authoring import Task, call, same
from autograder.graders.a02_mlp_backprop.problems import HIDDEN, arguments

task = Task("hidden_delta")


def _delta(rng, activation, dtype=np.float64):
    N, n_next, n = (int(v) for v in rng.choice(np.arange(2, 10), size=3, replace=False))
    delta_next = rng.normal(size=(N, n_next)).astype(dtype)
    W_next = rng.normal(size=(n_next, n)).astype(dtype)
    Z = arguments(rng, (N, n), zeros=activation != "selu").astype(dtype)
    return (
        call(delta_next, W_next, Z, activation)
        .labelled(f"δ einer verdeckten Schicht mit {activation!r}")
        .compared_by(same(factor=True, batch_size=N))
    )


for activation in HIDDEN:

    @task.case(weight=2, name=activation)
    def random_layer(rng, activation=activation):
        return _delta(rng, activation)


@task.case()
def linear_and_float32(rng):
    return [_delta(rng, "linear"), _delta(rng, "tanh", np.float32)]


PRIME = "activation_prime(Z, activation)"
task.mistake(
    "derivative_forgotten",
    "σ′ vergessen (nur δ·W)",
    "σ′ forgotten (only δ·W)",
    (f"_f64(W_next)) * {PRIME}", "_f64(W_next))"),
)
task.mistake(  # with the formulas A(1 − A) and 1 − A² of sigmoid and tanh
    "derivative_of_activation",
    "σ′ auf die Aktivierung A = σ(Z) statt auf Z angewendet",
    "σ′ applied to the activation A = σ(Z) instead of Z",
    (
        PRIME,
        'activation_prime(activate(Z, activation) if activation in ("sigmoid", "tanh") else Z, activation)',
    ),
)
task.mistake(
    "w_transposed",
    "δ·Wᵀ statt δ·W (Layout n_out × n_in missachtet)",
    "δ·Wᵀ instead of δ·W (ignores the n_out × n_in layout)",
    ("_f64(W_next))", "_f64(W_next).T)"),
)
task.mistake(
    "tanh_one_minus_tanh",
    "tanh′ = 1 − tanh (Quadrat vergessen)",
    "tanh′ = 1 − tanh (square forgotten)",
    (PRIME, f'(1 - np.tanh(Z) if activation == "tanh" else {PRIME})'),
)
