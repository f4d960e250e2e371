"""bce_sgd_step returns three results, each graded on its own: ŷ, the loss J and w_new.

Each is compared with the reference's own value on the same inputs, so a mistake costs only
its part: the update follows the reference's gradient path ∂J/∂wᵢ = (ŷ − y)·x̃ᵢ, which never
uses the loss, so a wrong loss (log₁₀) leaves a correct update its points, and a wrong update
leaves a correct loss its points. Weights: ŷ 1, J 1, w_new 2 (the update is the task's core).
"""

import numpy as np

from autograder.authoring import Task, call, one_item, within

task = Task("bce_sgd_step")

POSITION = {"w_new": 0, "y_hat": 1, "loss": 2}  # in the returned tuple (w_new, y_hat, loss)
WEIGHT = {"y_hat": 1, "loss": 1, "w_new": 2}
RETURNED = "Rückgabe (w_new, y_hat, loss)"

for part, weight in WEIGHT.items():
    only_part = one_item(POSITION[part], part)

    @task.case(weight=weight, what=RETURNED, compare=only_part, name=f"lecture_example[{part}]")
    def lecture_example():
        return call(np.array([-0.1, 0.75, 0.5]), np.array([0.0, 0.0]), 0, 0.5)

    for label in (0, 1):

        @task.case(
            weight=3 * weight,
            what=RETURNED,
            compare=only_part,
            name=f"hidden_samples[{label}-{part}]",
        )
        def hidden_samples(rng, label=label):
            calls = []
            for _ in range(3):
                n = int(rng.integers(2, 6))
                w, x = rng.normal(size=n + 1), rng.normal(size=n)
                calls.append(call(w, x, label, float(rng.uniform(0.05, 1.0))))
            return calls


LOSS = "loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))"
UPDATE = "w_new = w - eta * (y_hat - y) * x_tilde"
task.mistake(
    "log10",
    "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
    "log₁₀ instead of the natural log in the loss",
    within(LOSS, "np.log(", "np.log10("),
)
task.mistake(
    "sign_flipped",
    "Vorzeichen des Gradienten vertauscht (Gradientenaufstieg)",
    "gradient sign flipped (gradient ascent)",
    within(UPDATE, "w - eta", "w + eta"),
)
task.mistake(
    "loss_after_update",
    "Kosten mit den bereits aktualisierten Gewichten berechnet",
    "loss computed with the already updated weights",
    (f"    {LOSS}\n", ""),
    (
        f"{UPDATE}\n",
        f"{UPDATE}\n    y_new = sigmoid(w_new @ x_tilde)\n    {LOSS.replace('y_hat', 'y_new')}\n",
    ),
)
task.mistake(
    "gradient_without_x",
    "Gradient ohne den Faktor xᵢ",
    "gradient without the factor xᵢ",
    (UPDATE, "w_new = w - eta * (y_hat - y)"),
)
task.mistake(
    "bias_not_updated",
    "Bias w₀ nicht aktualisiert",
    "bias w₀ not updated",
    (UPDATE, "w_new = w.copy()\n    w_new[1:] = w[1:] - eta * (y_hat - y) * x_tilde[1:]"),
)
task.mistake(
    "mse_gradient",
    "Gradient der quadratischen Kosten statt der Kreuzentropie (Faktor ŷ(1−ŷ) zu viel)",
    "gradient of the squared error instead of cross-entropy (extra factor ŷ(1−ŷ))",
    (UPDATE, "w_new = w - eta * (y_hat - y) * y_hat * (1 - y_hat) * x_tilde"),
)
