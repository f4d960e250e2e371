"""mlp_xor_train: full-batch gradient descent of a 2-H-1 sigmoid network on XOR, returning
((W1, b1, W2, b2), losses). Ordinary tests: a failed one shows both loss curves."""

from autograder.authoring import Task, Text, as_tuple, assert_close, within

task = Task("mlp_xor_train")

LOSS_CURVE = Text("Verlust J pro Epoche", "Loss J per epoch")


def _init(rng, hidden):
    return (
        rng.normal(size=(hidden, 2)),
        rng.normal(size=hidden),
        rng.normal(size=(1, hidden)),
        rng.normal(size=1),
    )


def _compare(student, reference, figure, params, long_run=False, **kwargs):
    got = as_tuple(student.mlp_xor_train(*params, **kwargs), 2, "Rückgabe (params, losses)")
    expected_params, expected_losses = reference.mlp_xor_train(*params, **kwargs)
    figure.compare_curves(LOSS_CURVE, got[1], expected_losses, Text("Epoche", "epoch"), "J")
    assert_close(got[1], expected_losses, "losses", long_run=long_run)
    got_params = as_tuple(got[0], 4, "params (W1, b1, W2, b2)")
    for name, value, expected in zip(("W1", "b1", "W2", "b2"), got_params, expected_params):
        assert_close(value, expected, name, long_run=long_run)


@task.test(weight=3)
def test_three_hidden_neurons(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 3), eta=float(rng.uniform(0.3, 1.0)), epochs=60)


@task.test()
def test_one_epoch(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 4), eta=0.8, epochs=1)


@task.test()
def test_default_learning_rate(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 2), epochs=25)


@task.test(weight=2)
def test_default_epochs(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 3), long_run=True)


DELTA1 = "delta1 = (delta2 @ W2) * A1 * (1 - A1)"
UPDATE1 = "W1, b1 = W1 - eta * dW1, b1 - eta * db1"
UPDATE2 = "W2, b2 = W2 - eta * dW2, b2 - eta * db2"
LOSS = "losses[e] = bce(y, y_hat)"
task.mistake(
    "sum_instead_of_mean",
    "Gradient ohne 1/N (Summe statt Mittelwert)",
    "gradient without 1/N (sum instead of mean)",
    ("delta2 = (y_hat - y) / N", "delta2 = y_hat - y"),
)
task.mistake(
    "hidden_derivative_forgotten",
    "σ′ in der verdeckten Schicht vergessen",
    "σ′ forgotten in the hidden layer",
    (DELTA1, "delta1 = delta2 @ W2"),
)
task.mistake(
    "derivative_of_activation",
    "σ′ auf die Aktivierung A statt auf Z angewendet (σ(A)(1−σ(A)))",
    "σ′ applied to the activation A instead of Z (σ(A)(1−σ(A)))",
    (DELTA1, "delta1 = (delta2 @ W2) * sigmoid(A1) * (1 - sigmoid(A1))"),
)
task.mistake(
    "gradient_ascent",
    "Vorzeichen des Gradienten vertauscht (Gradientenaufstieg)",
    "gradient sign flipped (gradient ascent)",
    within(UPDATE1, "-", "+"),
    within(UPDATE2, "-", "+"),
)
task.mistake(
    "loss_after_update",
    "Kosten erst nach dem Update aufgezeichnet",
    "loss recorded after the update",
    (f"        {LOSS}\n", ""),
    (
        UPDATE2,
        f"{UPDATE2}\n        {LOSS.replace('y_hat', 'sigmoid(sigmoid(X @ W1.T + b1) @ W2.T + b2)')}",
    ),
)
task.mistake(
    "sequential_update",
    "W2 vor der Berechnung von δ¹ aktualisiert",
    "W2 updated before δ¹ was computed",
    (f"        {UPDATE2}\n", ""),
    (
        "dW2, db2 = delta2.T @ A1, delta2.sum(axis=0)\n",
        f"dW2, db2 = delta2.T @ A1, delta2.sum(axis=0)\n        {UPDATE2}\n",
    ),
)
task.mistake(
    "log10",
    "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
    "log₁₀ instead of the natural log in the loss",
    (LOSS, "losses[e] = -np.mean(y * np.log10(y_hat) + (1 - y) * np.log10(1 - y_hat))"),
)
task.mistake(
    "biases_frozen",
    "Biases nicht aktualisiert",
    "biases not updated",
    ("b1 - eta * db1", "b1"),
    ("b2 - eta * db2", "b2"),
)
task.mistake(
    "x_times_w",
    "X·W statt X·Wᵀ (Layout n_out × n_in missachtet)",
    "X·W instead of X·Wᵀ (ignores the n_out × n_in layout)",
    ("X @ W1.T", "X @ W1"),
    ("A1 @ W2.T", "A1 @ W2"),
    ("(delta2 @ W2)", "(delta2 @ W2.T)"),
    ("delta2.T @ A1", "A1.T @ delta2"),
    ("delta1.T @ X", "X.T @ delta1"),
)
