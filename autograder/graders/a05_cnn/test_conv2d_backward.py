"""conv2d_backward(dY, X, W, stride, padding) → (dX, dW, db), graded against autograd of
``F.conv2d``; the feedback names every wrong part and the setting (stride, padding, kernel)."""

from autograder.authoring import Task
from autograder.graders.a05_cnn.problems import backward_call, setting_cases

task = Task("conv2d_backward")
setting_cases(task, backward_call, weights=(1, 2, 2, 1))

DW = 'dW = np.einsum("nfhw,nchwpq->fcpq", dY, _windows(X_pad, kh, kw, stride))'
DX = "dX = dX_pad[:, :, padding : X_pad.shape[2] - padding, padding : X_pad.shape[3] - padding]"
task.mistake(
    "dw_batch_mean",
    "dW über den Stapel gemittelt statt summiert",
    "dW averaged over the batch instead of summed",
    (DW, f"{DW} / len(X)"),
)
task.mistake(
    "db_batch_mean",
    "db über den Stapel gemittelt statt summiert",
    "db averaged over the batch instead of summed",
    ("db = dY.sum(axis=(0, 2, 3))", "db = dY.sum(axis=(2, 3)).mean(axis=0)"),
)
task.mistake(
    "dx_kernel_not_rotated",
    "dX mit dem ungedrehten Kern (volle Faltung ohne 180°-Drehung)",
    "dX with the kernel not rotated (full convolution without the 180° rotation)",
    ("W[:, :, m, q])", "W[:, :, kh - 1 - m, kw - 1 - q])"),
)
task.mistake(
    "dx_without_full_padding",
    "dX ohne das volle Padding (k − 1 Nullen um dY): dX zu klein",
    "dX without the full padding (k − 1 zeros around dY): dX too small",
    (
        DX,
        "dX = dX_pad[:, :, padding + kh - 1 : X_pad.shape[2] - padding - kh + 1, "
        "padding + kw - 1 : X_pad.shape[3] - padding - kw + 1]",
    ),
)
task.mistake(
    "dx_padding_kept",
    "dX mit dem Padding-Rand zurückgegeben (Form von X_pad statt X)",
    "dX returned with the padding border (shape of X_pad instead of X)",
    (DX, "dX = dX_pad"),
)
