"""binary_subset(X, y, classes=(2, 6)): the two classes only, relabelled 0/1, pixels in [0, 1]."""

import numpy as np

from autograder.authoring import Task, call

task = Task("binary_subset")


def _images(rng, n, shape):
    """uint8 images as keras.datasets gives them, labels 0…9."""
    return rng.integers(0, 256, size=(n, *shape), dtype=np.uint8), rng.integers(0, 10, size=n)


@task.case(weight=2, what="binary_subset(X, y) mit Bildern der Form (28, 28)")
def pullover_and_shirt(rng):
    return call(*_images(rng, 60, (28, 28)))


@task.case(what="binary_subset(X, y, classes=(7, 3)), X flach (n, 64)")
def other_classes_in_given_order(rng):
    return call(*_images(rng, 80, (64,)), classes=(7, 3))


task.mistake(
    "not_scaled",
    "Pixel nicht auf [0, 1] skaliert",
    "pixels not scaled to [0, 1]",
    (" / 255.0", ""),
)
task.mistake(
    "labels_kept",
    "Labels nicht auf 0/1 umkodiert",
    "labels not recoded to 0/1",
    ("(y[keep] == classes[1]).astype(np.int64)", "y[keep]"),
)
task.mistake(
    "labels_swapped",
    "Labels vertauscht (classes[0] → 1)",
    "labels swapped (classes[0] → 1)",
    ("y[keep] == classes[1]", "y[keep] == classes[0]"),
)
task.mistake(
    "labels_one_hot",
    "Labels one-hot kodiert, wo Klassenindizes 0/1 erwartet werden",
    "labels one-hot encoded where class indices 0/1 are expected",
    (
        "(y[keep] == classes[1]).astype(np.int64)",
        "np.eye(2, dtype=np.int64)[(y[keep] == classes[1]).astype(np.int64)]",
    ),
)
