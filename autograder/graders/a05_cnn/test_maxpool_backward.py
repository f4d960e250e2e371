"""maxpool_backward(dY, X, size, stride=None): each dY goes to the arg-max of its window;
overlapping windows add up (autograd of ``F.max_pool2d``). Hidden inputs have no ties."""

import numpy as np

from autograder.authoring import Task, call
from autograder.graders.a05_cnn.pools import DEFAULT_STRIDE_ONE, pool_cases, pooled_shape

task = Task("maxpool_backward")


def _backward(rng, X, *window):
    dY = rng.normal(size=pooled_shape(X.shape, *window))
    return call(dY, X, *window)


pool_cases(task, _backward, "maxpool_backward")

task.mistake(
    "window_offset_forgotten",
    "Position des Maximums ohne den Versatz des Fensters (i·stride) zurückgegeben",
    "the maximum's position used without its window's offset (i·stride)",
    ("i * stride + flat // size", "flat // size"),
    ("j * stride + flat % size", "flat % size"),
)
task.mistake(*DEFAULT_STRIDE_ONE)


@task.mistake_function(
    "spread_to_window",
    "Gradient an jede Zelle des Fensters verteilt statt nur an das Maximum",
    "gradient given to every cell of the window instead of the maximum only",
)
def maxpool_backward(dY, X, size, stride=None):
    stride = size if stride is None else stride
    dY = np.asarray(dY, dtype=float)
    dX = np.zeros(np.shape(X))
    for i in range(dY.shape[2]):
        for j in range(dY.shape[3]):
            dX[:, :, i * stride : i * stride + size, j * stride : j * stride + size] += dY[
                :, :, i : i + 1, j : j + 1
            ]
    return dX


@task.mistake_function(  # type: ignore[no-redef]
    "averaged",
    "Gradient wie beim Average-Pooling gleichmäßig auf das Fenster verteilt (dY/size²)",
    "gradient spread evenly over the window as in average pooling (dY/size²)",
)
def maxpool_backward(dY, X, size, stride=None):  # noqa: F811 (each mistake is its own function)
    shares = np.kron(np.asarray(dY, dtype=float), np.ones((size, size))) / size**2
    dX = np.zeros(np.shape(X))
    rows, cols = min(shares.shape[2], dX.shape[2]), min(shares.shape[3], dX.shape[3])
    dX[:, :, :rows, :cols] = shares[:, :, :rows, :cols]
    return dX
