import numpy as np
import pytest

from autograder.grading import checks
from autograder.i18n import Text

pytestmark = pytest.mark.task("gradient_norms")
RATIO = 0.02


def _norms(student, reference, figure, depth, activation, seed):
    what = f"gradient_norms({depth}, {activation!r}, seed={seed})"
    norms = checks.as_array(
        student.gradient_norms(depth, activation, seed), what, shape=(depth + 1,)
    )
    figure.curves(
        Text(
            f"‖dW‖ pro Schicht ({activation}, Tiefe {depth})",
            f"‖dW‖ per layer ({activation}, depth {depth})",
        ),
        {
            Text("Ihre Lösung", "your solution"): np.log10(np.maximum(norms, 1e-300)),
            Text("Referenz", "reference"): np.log10(
                reference.gradient_norms(depth, activation, seed)
            ),
        },
        xlabel=Text("Schicht (0 = erste)", "layer (0 = first)"),
        ylabel="log₁₀ ‖dW‖",
    )
    if not (np.all(np.isfinite(norms)) and np.all(norms > 0)):
        checks.fail(
            f"{what}: alle Normen müssen endlich und positiv sein (erhalten {norms}).",
            f"{what}: all norms must be finite and positive (got {norms}).",
        )
    return norms, what


@pytest.mark.weight(2)
def test_sigmoid_gradients_vanish_toward_the_input(student, reference, rng, figure):
    depth, seed = int(rng.integers(8, 11)), int(rng.integers(1000))
    norms, what = _norms(student, reference, figure, depth, "sigmoid", seed)
    if not norms[0] < RATIO * norms[-2]:
        checks.fail(
            f"{what}: im tiefen Sigmoid-Netz sollte ‖dW‖ der ersten Schicht unter 2 % der letzten "
            f"verdeckten Schicht liegen, erhalten {norms[0]:.3g} vs. {norms[-2]:.3g} (Reihenfolge: "
            "Eingabeschicht zuerst? Stimmen Ihre init_params, forward und backward?).",
            f"{what}: in the deep sigmoid network ‖dW‖ of the first layer should be below 2 % of "
            f"the last hidden layer's, got {norms[0]:.3g} vs. {norms[-2]:.3g} (order: input layer "
            "first? Are your init_params, forward and backward right?).",
        )


@pytest.mark.weight(2)
def test_relu_gradients_do_not_vanish_like_that(student, reference, rng, figure):
    depth, seed = int(rng.integers(8, 11)), int(rng.integers(1000))
    norms, what = _norms(student, reference, figure, depth, "relu", seed)
    if not norms[0] > RATIO * norms[-2]:
        checks.fail(
            f"{what}: im ReLU-Netz (He-Initialisierung) sollte ‖dW‖ der ersten Schicht nicht unter "
            f"2 % der letzten verdeckten Schicht fallen, erhalten {norms[0]:.3g} vs. {norms[-2]:.3g} "
            "(Aktivierung benutzt? He-Initialisierung?).",
            f"{what}: in the ReLU network (He initialisation) ‖dW‖ of the first layer should not "
            f"drop below 2 % of the last hidden layer's, got {norms[0]:.3g} vs. {norms[-2]:.3g} "
            "(activation used? He initialisation?).",
        )
