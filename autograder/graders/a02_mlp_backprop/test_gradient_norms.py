"""gradient_norms(depth, activation, seed=0): ‖dW‖ per layer of a deep network on random data.

Graded loosely on the student's own random draws: deep sigmoid networks' gradients vanish toward
the input, ReLU networks' (He initialisation) do not; mistakes are recognised by that shape.
"""

import numpy as np

from autograder.authoring import Task, Text, as_array, fail

task = Task("gradient_norms")
RATIO = 0.02


def _norms(student, reference, figure, depth, activation, seed):
    what = f"gradient_norms({depth}, {activation!r}, seed={seed})"
    norms = as_array(student.gradient_norms(depth, activation, seed), what, shape=(depth + 1,))
    figure.compare_curves(
        Text(
            f"‖dW‖ pro Schicht ({activation}, Tiefe {depth})",
            f"‖dW‖ per layer ({activation}, depth {depth})",
        ),
        np.log10(np.maximum(norms, 1e-300)),
        np.log10(reference.gradient_norms(depth, activation, seed)),
        xlabel=Text("Schicht (0 = erste)", "layer (0 = first)"),
        ylabel="log₁₀ ‖dW‖",
    )
    if not (np.all(np.isfinite(norms)) and np.all(norms > 0)):
        fail(
            f"{what}: alle Normen müssen endlich und positiv sein (erhalten {norms}).",
            f"{what}: all norms must be finite and positive (got {norms}).",
        )
    return norms, what


@task.test(weight=2)
def test_sigmoid_gradients_vanish_toward_the_input(student, reference, rng, figure):
    depth, seed = int(rng.integers(8, 11)), int(rng.integers(1000))
    norms, what = _norms(student, reference, figure, depth, "sigmoid", seed)
    if not norms[0] < RATIO * norms[-2]:
        fail(
            f"{what}: im tiefen Sigmoid-Netz sollte ‖dW‖ der ersten Schicht unter 2 % der letzten "
            f"verdeckten Schicht liegen, erhalten {norms[0]:.3g} vs. {norms[-2]:.3g} (Reihenfolge: "
            "Eingabeschicht zuerst? Stimmen Ihre init_params, forward und backward?).",
            f"{what}: in the deep sigmoid network ‖dW‖ of the first layer should be below 2 % of "
            f"the last hidden layer's, got {norms[0]:.3g} vs. {norms[-2]:.3g} (order: input layer "
            "first? Are your init_params, forward and backward right?).",
        )


@task.test(weight=2)
def test_relu_gradients_do_not_vanish_like_that(student, reference, rng, figure):
    depth, seed = int(rng.integers(8, 11)), int(rng.integers(1000))
    norms, what = _norms(student, reference, figure, depth, "relu", seed)
    if not norms[0] > RATIO * norms[-2]:
        fail(
            f"{what}: im ReLU-Netz (He-Initialisierung) sollte ‖dW‖ der ersten Schicht nicht unter "
            f"2 % der letzten verdeckten Schicht fallen, erhalten {norms[0]:.3g} vs. {norms[-2]:.3g} "
            "(Aktivierung benutzt? He-Initialisierung?).",
            f"{what}: in the ReLU network (He initialisation) ‖dW‖ of the first layer should not "
            f"drop below 2 % of the last hidden layer's, got {norms[0]:.3g} vs. {norms[-2]:.3g} "
            "(activation used? He initialisation?).",
        )


# ------------------------------------------------------------------ mistakes, by their shape


def _norms_of(value, args, kwargs):
    try:
        norms = np.asarray(value, dtype=np.float64)
        activation = args[1] if len(args) > 1 else kwargs.get("activation")
    except (TypeError, ValueError, IndexError):
        return None, None
    if norms.ndim != 1 or norms.size < 3 or not np.all(np.isfinite(norms)):
        return None, None
    return norms, activation


def _reversed_order(value, args, kwargs):
    norms, activation = _norms_of(value, args, kwargs)
    if norms is None:
        return False
    return activation != "sigmoid" or bool(norms[-1] < RATIO * norms[1])


def _activation_ignored(value, args, kwargs):
    norms, activation = _norms_of(value, args, kwargs)
    if norms is None:
        return False
    return activation != "relu" or bool(norms[0] < RATIO * norms[-2])


NORMS = "np.array([np.linalg.norm(dW) for dW, _ in grads])"
task.mistake(
    "reversed_order",
    "Normen in umgekehrter Reihenfolge (Ausgabeschicht zuerst)",
    "norms in reverse order (output layer first)",
    (NORMS, f"{NORMS}[::-1]"),
    matcher=_reversed_order,
)
task.mistake(
    "activation_ignored",
    "Aktivierung ignoriert (immer Sigmoid)",
    "activation ignored (always sigmoid)",
    ('"he" if activation == "relu" else "xavier"', '"xavier"'),
    ('activations = [activation] * depth + ["sigmoid"]', 'activations = ["sigmoid"] * (depth + 1)'),
    matcher=_activation_ignored,
)
