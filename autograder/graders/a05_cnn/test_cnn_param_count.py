"""cnn_param_count(layers, input_shape): weights and biases of a conv/pool/dense stack; the
dense layer's input size depends on every conv and pooling layer before it."""

from autograder.authoring import Task, call, exact_int
from autograder.graders.a05_cnn.stacks import (
    conv,
    dense,
    describe,
    pool,
    random_features,
    smallest_map,
)

task = Task("cnn_param_count", compare=exact_int)


def _count(layers, shape):
    return call(layers, shape).labelled(f"cnn_param_count([{describe(layers)}], {shape})")


@task.case()
def lenet():
    layers = [
        conv(6, 5, padding=2),
        pool(2),
        conv(16, 5),
        pool(2),
        dense(120),
        dense(84),
        dense(10),
    ]
    return [_count(layers, (1, 28, 28)), _count(layers, (3, 32, 36))]


@task.case(weight=2)
def random_cnns(rng):
    calls = []
    for depth in (2, 3):
        shape = (int(rng.choice([1, 3])), int(rng.integers(40, 64)), int(rng.integers(40, 64)))
        layers = random_features(rng, depth)
        while smallest_map(layers, min(shape[1:])) < 1:  # every map at least 1 × 1
            layers = random_features(rng, depth)
        layers += [dense(int(rng.integers(5, 30)))] * int(rng.integers(1, 3))
        calls.append(_count(layers, shape))
    return calls


POOL = 'H, W = (conv_output_size(n, layer["k"], layer["stride"]) for n in (H, W))'
CONV = "H, W = (conv_output_size(n, k, stride, padding) for n in (H, W))"
task.mistake(
    "pooling_ignored",
    "Pooling verkleinert die Karte nicht (Eingabe der dichten Schicht zu groß)",
    "pooling does not shrink the map (the dense layer's input too large)",
    (POOL, "pass"),
)
task.mistake(
    "conv_keeps_size",
    "Faltungen verkleinern die Karte nicht (Stride und Padding ignoriert)",
    "conv layers do not change the map's size (stride and padding ignored)",
    (CONV, "pass"),
)
task.mistake(
    "channels_not_updated",
    "Kanalzahl nach einer Faltung nicht auf die Zahl ihrer Filter gesetzt",
    "the channel count not set to the number of filters after a conv layer",
    ('C = layer["out"]\n', "pass\n"),
)
task.mistake(
    "dense_without_bias",
    "Biases der dichten Schichten vergessen",
    "the dense layers' biases forgotten",
    ('(C * H * W + 1) * layer["out"]', 'C * H * W * layer["out"]'),
)
