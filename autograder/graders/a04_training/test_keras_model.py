"""keras_model(): the deck's Keras model (Flatten, Dense 300 relu, Dense 100 relu, Dense 10
softmax for 28×28 images) in Keras 3 on the torch backend.

Keras runs only in the worker (``_grader_keras``: layer classes, units, activations, input shape
and ``count_params()``); the trusted side compares with the deck's numbers and never imports keras
(``tests/solutions/test_a04_reference.py`` checks that the reference gives exactly ``DECK``).
The mistakes are recognised from the same summary (matchers)."""

from autograder.authoring import Task, assert_same
from autograder.graders.a04_training.probes import probe

task = Task("keras_model")
DECK = {
    "layers": [
        ("Flatten", None, None),
        ("Dense", 300, "relu"),
        ("Dense", 100, "relu"),
        ("Dense", 10, "softmax"),
    ],
    "input_shape": (-1, 28, 28),
    "parameters": 784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10,  # 266 610
    "backend": "torch",  # KERAS_BACKEND=torch, set by the notebook's setup cell
}


def _summary(student):
    return probe(student, "keras_model", "_grader_keras")


@task.test(weight=1)
def test_layers(student):
    assert_same(
        _summary(student)["layers"],
        DECK["layers"],
        "keras_model().layers (Klasse, units, activation)",
    )


@task.test(weight=1)
def test_input_shape_and_count_params(student):
    summary = _summary(student)
    assert_same(summary["input_shape"], DECK["input_shape"], "keras_model().input_shape")
    assert_same(summary["parameters"], DECK["parameters"], "keras_model().count_params()")
    assert_same(summary["backend"], DECK["backend"], "keras.backend.backend()")


def _summary_shows(test):
    def matcher(value, args, kwargs):
        try:
            return test(value)
        except (KeyError, TypeError, IndexError):
            return False

    return matcher


task.mistake(
    "softmax_missing",
    "Softmax in der Ausgabeschicht fehlt (Keras' sparse_categorical_crossentropy erwartet sonst from_logits=True)",
    "softmax missing in the output layer (Keras' sparse_categorical_crossentropy then needs from_logits=True)",
    ('keras.layers.Dense(10, activation="softmax")', "keras.layers.Dense(10)"),
    matcher=_summary_shows(lambda s: s["layers"][-1][2] == "linear"),
)
task.mistake(
    "flatten_missing",
    "Flatten fehlt (Dense rechnet dann auf jeder Bildzeile einzeln)",
    "Flatten missing (Dense then works on every image row separately)",
    ("            keras.layers.Flatten(),\n", ""),
    matcher=_summary_shows(lambda s: all(layer[0] != "Flatten" for layer in s["layers"])),
)
