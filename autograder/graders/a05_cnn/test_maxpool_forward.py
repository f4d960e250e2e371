"""maxpool_forward(X, size, stride=None): max of every size×size window, floor mode
(``F.max_pool2d``); stride defaults to size."""

import numpy as np

from autograder.authoring import Task, call
from autograder.graders.a05_cnn.pools import DEFAULT_STRIDE_ONE, pool_cases

task = Task("maxpool_forward")
pool_cases(task, lambda rng, X, *window: call(X, *window), "maxpool_forward")

task.mistake(
    "average",
    "Mittelwert statt Maximum (Average-Pooling)",
    "mean instead of maximum (average pooling)",
    (".max(axis=(4, 5))", ".mean(axis=(4, 5))"),
)
task.mistake(*DEFAULT_STRIDE_ONE)


@task.mistake_function(
    "ceil_mode",
    "Ausgabegröße aufgerundet (ceil mode: angeschnittene Fenster am Rand mitgenommen)",
    "output size rounded up (ceil mode: partial windows at the border kept)",
)
def maxpool_forward(X, size, stride=None):
    stride = size if stride is None else stride
    X = np.asarray(X, dtype=float)
    H_out = -(-(X.shape[2] - size) // stride) + 1
    W_out = -(-(X.shape[3] - size) // stride) + 1
    Y = np.empty((*X.shape[:2], H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            Y[:, :, i, j] = X[
                :, :, i * stride : i * stride + size, j * stride : j * stride + size
            ].max(axis=(2, 3))
    return Y
