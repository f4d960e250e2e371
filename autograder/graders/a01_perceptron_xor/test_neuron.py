"""neuron(w, X, activation): ŷ = f(w₀ + X·w[1:]) with the step f(0) = 1 or the sigmoid."""

from autograder.authoring import Task, call

task = Task("neuron")


def step_inputs_with_zeros(rng):
    """Integer weights and inputs where at least 10 of 40 rows have z = 0 exactly (f(0) = 1)."""
    w = rng.integers(-3, 4, size=4).astype(float)
    w[1] = rng.choice([-1.0, 1.0])  # so x₁ can be solved for z = 0 in integers
    X = rng.integers(-2, 3, size=(40, 3)).astype(float)
    on_boundary = rng.choice(40, size=10, replace=False)
    X[on_boundary, 0] = -(w[0] + X[on_boundary, 1:] @ w[2:]) * w[1]
    return w, X


@task.case(weight=2, what="ŷ (Stufe)")
def step_with_exact_zeros(rng):
    w, X = step_inputs_with_zeros(rng)
    return call(w, X, activation="step")


@task.case(what="ŷ (Standard-Aktivierung)")
def step_is_default(rng, reference):
    """Random weights and inputs whose step outputs contain 0s and 1s (else a constant answer,
    e.g. all zeros, could pass for some secret seeds)."""
    while True:
        w = rng.normal(size=3)
        X = rng.normal(size=(15, 2))
        if 0 < reference.neuron(w, X).sum() < 15:
            return call(w, X)


@task.case(weight=2, what="ŷ (Sigmoid)")
def sigmoid(rng):
    w = rng.normal(size=6)
    X = rng.normal(scale=2.0, size=(25, 5))
    return call(w, X, activation="sigmoid")


@task.case(what="ŷ (n = 1)")
def single_feature(rng):
    w = rng.normal(size=2)
    X = rng.normal(size=(7, 1))
    return call(w, X, "sigmoid")


Z = "z = w[0] + X @ w[1:]"
task.mistake(
    "step_strict",
    "Stufenfunktion mit z > 0 statt z ≥ 0 (f(0) = 0)",
    "step with z > 0 instead of z ≥ 0 (f(0) = 0)",
    ("return step(z)", "return (z > 0).astype(float)"),
)
task.mistake(
    "bias_ignored",
    "Bias w₀ vergessen (x̃ ohne führende 1)",
    "bias w₀ forgotten (x̃ without the leading 1)",
    (Z, "z = X @ w[1:]"),
)
task.mistake(
    "bias_last",
    "Bias als letztes statt als erstes Gewicht",
    "bias taken as the last instead of the first weight",
    (Z, "z = X @ w[:-1] + w[-1]"),
)
task.mistake(
    "sign_output",
    "Signum (±1) statt Stufe (0/1)",
    "sign function (±1) instead of the step (0/1)",
    ("return step(z)", "return np.where(z >= 0, 1.0, -1.0)"),
)
task.mistake(
    "tanh_for_sigmoid",
    "tanh statt Sigmoid",
    "tanh instead of the sigmoid",
    ("return sigmoid(z)", "return np.tanh(z)"),
)
