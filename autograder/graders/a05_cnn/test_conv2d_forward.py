"""conv2d_forward(X, W, b, stride, padding): multi-channel cross-correlation (eq. 65), NCHW,
exactly ``torch.nn.functional.conv2d``."""

import numpy as np

from autograder.authoring import Task
from autograder.graders.a05_cnn.problems import forward_call, setting_cases

task = Task("conv2d_forward")
setting_cases(task, forward_call, weights=(1, 2, 1, 1))

task.mistake(
    "kernel_flipped",
    "Kern gespiegelt (echte Faltung statt Kreuzkorrelation)",
    "kernel flipped (true convolution instead of cross-correlation)",
    ("windows, W)", "windows, W[:, :, ::-1, ::-1])"),
)

PADDED = "_pad(X, padding)"
task.mistake(
    "padding_one_side",
    "Padding nur auf einer Seite (unten/rechts) statt auf allen vier",
    "padding on one side only (bottom/right) instead of all four",
    (PADDED, f"{PADDED}[:, :, padding:, padding:]"),
)
task.mistake(
    "padding_twice",
    "Padding doppelt angewendet (2p Nullen pro Seite)",
    "padding applied twice (2p zeros per side)",
    (PADDED, "_pad(X, 2 * padding)"),
)
RESULT = "return Y + b[None, :, None, None]"
task.mistake(
    "channels_last",
    "Ergebnis im Format NHWC (Kanäle zuletzt) statt NCHW",
    "result in NHWC layout (channels last) instead of NCHW",
    (RESULT, "return (Y + b[None, :, None, None]).transpose(0, 2, 3, 1)"),
)
task.mistake(
    "bias_per_pixel",
    "Bias pro Pixel (entlang der letzten Achse) statt pro Ausgabekanal addiert",
    "bias added per pixel (along the last axis) instead of per output channel",
    (RESULT, "return Y + b"),
)
task.mistake("no_bias", "Bias vergessen", "bias forgotten", (RESULT, "return Y"))


@task.mistake_function(
    "stride_on_kernel_index",
    "Stride auf den Kernindex statt auf den Ausgabeindex angewendet (X[i + s·m] statt X[i·s + m])",
    "stride applied to the kernel index instead of the output index (X[i + s·m], not X[i·s + m])",
)
def conv2d_forward(X, W, b, stride=1, padding=0):
    X = np.pad(np.asarray(X, dtype=float), ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    F, _, kh, kw = W.shape
    H_out = (X.shape[2] - kh) // stride + 1
    W_out = (X.shape[3] - kw) // stride + 1
    Y = np.zeros((X.shape[0], F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = X[:, :, i : i + stride * kh : stride, j : j + stride * kw : stride]
            Y[:, :, i, j] = np.einsum("ncpq,fcpq->nf", window, W) + b
    return Y
