"""receptive_field(layers) = 1 + Σ_ℓ (k_ℓ − 1)·Π_{i<ℓ} s_i for a stack of conv/pool layers."""

from autograder.authoring import Task, call, exact_int
from autograder.graders.a05_cnn.stacks import conv, describe, pool, random_features

task = Task("receptive_field", compare=exact_int)


def _field(layers):
    return call(layers).labelled(f"receptive_field([{describe(layers)}])")


@task.case()
def vgg_like():
    """Two 3×3 convs see 5×5; with pooling in between 8×8; three strided ones 15×15."""
    return [
        _field([conv(8, 3), conv(8, 3)]),
        _field([conv(8, 3), pool(2), conv(8, 3)]),
        _field([conv(8, 3, 2)] * 3),
    ]


@task.case(weight=2)
def random_stacks(rng):
    return [_field(random_features(rng, depth)) for depth in (3, 4, 5)]


STEP = 'r += (layer["k"] - 1) * jump\n        jump *= layer["stride"]'
task.mistake(
    "strides_added",
    "Schrittweiten addiert statt multipliziert",
    "strides added instead of multiplied",
    ('jump *= layer["stride"]', 'jump += layer["stride"] - 1'),
)
task.mistake(
    "strides_ignored",
    "Schrittweiten ignoriert (nur 1 + Σ(k − 1))",
    "strides ignored (only 1 + Σ(k − 1))",
    ('jump *= layer["stride"]', "jump *= 1"),
)
task.mistake(
    "own_stride_counted",
    "die Schrittweite der eigenen Schicht schon mitgezählt",
    "the layer's own stride already counted",
    (STEP, 'jump *= layer["stride"]\n        r += (layer["k"] - 1) * jump'),
)
task.mistake(
    "k_instead_of_k_minus_1",
    "k statt k − 1 pro Schicht addiert",
    "k instead of k − 1 added per layer",
    ('(layer["k"] - 1) * jump', 'layer["k"] * jump'),
)
