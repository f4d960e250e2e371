"""autoencoder returns a torch Module, which cannot cross the sandbox: ``_grader_structure``
looks at it in the worker (linear layers, parameter count, output with the grader's weights),
and the same view of the reference's and the mistakes' modules is taken here."""

from typing import Any

import numpy as np

from autograder.authoring import Task, Text, as_array, as_int, assert_same, call, fail
from autograder.graders.a07_autoencoder import worker_helpers as inside
from autograder.graders.a07_autoencoder.signals import WINDOW, label, mirrored, weights


def same_module(actual: Any, expected: dict, what: Any, precision: Any = None) -> None:
    """Linear layers first (naming both lists), then the parameter count, then the output."""
    shown = label(what)
    if not isinstance(actual, dict) or "linear_layers" not in actual:
        fail(f"{shown.de}: kein torch-Modul erkannt.", f"{shown.en}: no torch module recognised.")
    layers = as_array(actual["linear_layers"], Text("lineare Schichten", "linear layers"))
    wanted = expected["linear_layers"]
    if layers.shape != wanted.shape or np.any(layers != wanted):
        got, shapes = layers.tolist(), wanted.tolist()
        fail(
            f"{shown.de}: lineare Schichten (Eingänge, Ausgänge) {got} statt {shapes}.",
            f"{shown.en}: linear layers (inputs, outputs) {got} instead of {shapes}.",
        )
    count = as_int(actual["parameters"], Text("Anzahl der Parameter", "number of parameters"))
    if count != expected["parameters"]:
        fail(
            f"{shown.de}: {count} Parameter statt {expected['parameters']}.",
            f"{shown.en}: {count} parameters instead of {expected['parameters']}.",
        )
    output = Text(
        f"{shown.de}: Ausgabe mit vorgegebenen Gewichten", f"{shown.en}: output for given weights"
    )
    assert_same(actual.get("output"), expected["output"], output, precision)


task = Task("autoencoder", compare=same_module)


def structure_call(rng: np.random.Generator, sizes: list[int]):
    drawn = weights(rng, mirrored(tuple(sizes)))
    X = rng.uniform(0.0, 1.0, size=(8, sizes[0])).astype(np.float32)

    def view(model: Any, args: tuple[Any, ...]) -> dict:
        return inside._grader_structure(model, drawn, X)

    probe = call(sizes).through("_grader_autoencoder", sizes, drawn, X, view=view)
    return probe.labelled(f"autoencoder({sizes})")


@task.case(weight=2)
def sensor_window(rng):
    return structure_call(rng, [WINDOW, 16, 4])


@task.case(weight=2)
def deeper(rng):
    d = int(rng.integers(12, 24))
    return structure_call(rng, [d, d - 3, int(rng.integers(5, 8)), int(rng.integers(2, 4))])


@task.case()
def one_layer_each(rng):
    return structure_call(rng, [int(rng.integers(5, 10)), int(rng.integers(2, 4))])


OUTPUT = "decoder[-1] = nn.Sigmoid()"
task.mistake(
    "no_final_activation",
    "Decoder ohne abschließende Sigmoid-Aktivierung (Ausgabe nicht im Wertebereich [0, 1] der Daten)",
    "decoder without the final sigmoid (output not in the data's range [0, 1])",
    (OUTPUT, "decoder.pop()"),
)
task.mistake(
    "relu_at_output",
    "ReLU statt Sigmoid in der Ausgabeschicht (nach oben unbeschränkt statt im Bereich [0, 1])",
    "ReLU instead of sigmoid in the output layer (unbounded instead of in [0, 1])",
    (OUTPUT, "pass"),
)
task.mistake(
    "not_mirrored",
    "Decoder nicht gespiegelt: direkt vom Engpass auf die Eingabegröße",
    "decoder not mirrored: straight from the bottleneck to the input size",
    ("mirrored = sizes[::-1]", "mirrored = [sizes[-1], sizes[0]]"),
)
task.mistake(
    "linear_encoder",
    "Encoder ohne ReLU zwischen den Schichten (rein linear)",
    "encoder without ReLU between its layers (purely linear)",
    ("encoder += [nn.Linear(n_in, n_out), nn.ReLU()]", "encoder += [nn.Linear(n_in, n_out)]"),
)
