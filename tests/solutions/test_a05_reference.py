"""The a05 reference agrees with PyTorch: ``F.conv2d``, ``F.max_pool2d`` and autograd, on odd
and even kernels, stride > 1, padding, C_in ≠ C_out, N > 1 and non-square images."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from solutions import a05_cnn as ref

# (N, C, F, H, W, kh, kw, stride, padding)
SETTINGS = [
    (2, 3, 4, 7, 9, 3, 3, 1, 0),
    (3, 2, 5, 8, 6, 2, 2, 2, 1),
    (1, 1, 2, 9, 10, 4, 3, 3, 2),
    (2, 4, 3, 6, 11, 2, 3, 1, 1),
]


def _conv_problem(setting, seed):
    N, C, Fo, H, W, kh, kw, stride, padding = setting
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(N, C, H, W)),
        rng.normal(size=(Fo, C, kh, kw)),
        rng.normal(size=Fo),
        stride,
        padding,
    )


@pytest.mark.parametrize("setting", SETTINGS)
def test_conv2d_forward_matches_torch(setting):
    X, W, b, stride, padding = _conv_problem(setting, 1)
    expected = F.conv2d(
        torch.from_numpy(X), torch.from_numpy(W), torch.from_numpy(b), stride, padding
    )
    np.testing.assert_allclose(
        ref.conv2d_forward(X, W, b, stride, padding), expected.numpy(), rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("setting", SETTINGS)
def test_conv2d_backward_matches_autograd(setting):
    X, W, b, stride, padding = _conv_problem(setting, 2)
    Xt, Wt, bt = (torch.from_numpy(a).requires_grad_() for a in (X, W, b))
    Y = F.conv2d(Xt, Wt, bt, stride, padding)
    dY = np.random.default_rng(3).normal(size=tuple(Y.shape))
    Y.backward(torch.from_numpy(dY))
    dX, dW, db = ref.conv2d_backward(dY, X, W, stride, padding)
    for ours, theirs in ((dX, Xt.grad), (dW, Wt.grad), (db, bt.grad)):
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("size", "stride", "shape"),
    [(2, None, (2, 3, 7, 9)), (3, 2, (1, 2, 8, 7)), (2, 1, (2, 1, 5, 6))],
)
def test_maxpool_matches_torch_and_autograd(size, stride, shape):
    X = np.random.default_rng(4).permutation(np.prod(shape)).reshape(shape) / 7.0  # no ties
    Xt = torch.from_numpy(X).requires_grad_()
    Y = F.max_pool2d(Xt, size, stride)
    np.testing.assert_array_equal(ref.maxpool_forward(X, size, stride), Y.detach().numpy())
    dY = np.random.default_rng(5).normal(size=tuple(Y.shape))
    Y.backward(torch.from_numpy(dY))
    np.testing.assert_allclose(
        ref.maxpool_backward(dY, X, size, stride), Xt.grad.numpy(), rtol=1e-14
    )


def test_conv_output_size_matches_torch_shapes():
    for n, k, s, p, d in [
        (7, 3, 1, 0, 1),
        (8, 2, 2, 1, 1),
        (9, 4, 3, 2, 1),
        (10, 3, 2, 1, 2),
        (11, 5, 1, 2, 3),
    ]:
        layer = torch.nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
        expected = layer(torch.zeros(1, 1, n, n)).shape[-1]
        assert ref.conv_output_size(n, k, s, p, d) == expected


def test_param_counts_match_torch_modules():
    counts = ref.conv_param_counts(3, 8, 3, 6, 5)
    conv = torch.nn.Conv2d(3, 8, 3, padding=1)
    dense = torch.nn.Linear(3 * 6 * 5, 8 * 6 * 5)
    assert counts["conv"] == sum(p.numel() for p in conv.parameters())
    assert counts["dense"] == sum(p.numel() for p in dense.parameters())
    assert counts["local"] == 6 * 5 * counts["conv"]


def test_cnn_param_count_matches_a_torch_model():
    layers = [
        {"type": "conv", "out": 6, "k": 5, "stride": 1, "padding": 0},
        {"type": "pool", "k": 2, "stride": 2},
        {"type": "conv", "out": 16, "k": 3, "stride": 2, "padding": 1},
        {"type": "dense", "out": 10},
        {"type": "dense", "out": 4},
    ]
    model = torch.nn.Sequential(
        torch.nn.Conv2d(3, 6, 5),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(6, 16, 3, stride=2, padding=1),
        torch.nn.Flatten(),
        torch.nn.LazyLinear(10),
        torch.nn.Linear(10, 4),
    )
    model(torch.zeros(1, 3, 28, 30))
    assert ref.cnn_param_count(layers, (3, 28, 30)) == sum(p.numel() for p in model.parameters())


def test_receptive_field_by_autograd():
    """The receptive field is the support of ∂y_center/∂x in a stack of conv/pool layers."""
    layers = [
        {"type": "conv", "out": 1, "k": 3, "stride": 1, "padding": 0},
        {"type": "pool", "k": 2, "stride": 2},
        {"type": "conv", "out": 1, "k": 3, "stride": 2, "padding": 0},
        {"type": "conv", "out": 1, "k": 2, "stride": 1, "padding": 0},
    ]
    x = torch.rand(1, 1, 64, 64, dtype=torch.float64, requires_grad=True)
    y = x
    for layer in layers:
        if layer["type"] == "conv":
            y = F.conv2d(
                y,
                torch.ones(1, 1, layer["k"], layer["k"], dtype=torch.float64),
                stride=layer["stride"],
            )
        else:
            y = F.avg_pool2d(y, layer["k"], layer["stride"])
    y[0, 0, 0, 0].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(axis=1)).flatten()
    assert ref.receptive_field(layers) == int(rows.max() - rows.min() + 1) == 12


def _shift(A, t):
    out = np.zeros_like(A)
    dy, dx = t
    H, W = A.shape[-2:]
    out[..., max(dy, 0) : H + min(dy, 0), max(dx, 0) : W + min(dx, 0)] = A[
        ..., max(-dy, 0) : H + min(-dy, 0), max(-dx, 0) : W + min(-dx, 0)
    ]
    return out


def test_certificate_shows_equivariance_and_its_breaking():
    cert = ref.equivariance_certificate()
    X, W, t = cert["X"], cert["W"], cert["shift"]
    b = np.zeros(W.shape[0])
    lhs = ref.conv2d_forward(_shift(X, t), W, b)
    assert np.abs(lhs).sum() > 0
    np.testing.assert_array_equal(lhs, _shift(ref.conv2d_forward(X, W, b), t))
    pooled = ref.maxpool_forward(_shift(cert["X_pool"], cert["shift_pool"]), ref.POOL_SIZE)
    original = ref.maxpool_forward(cert["X_pool"], ref.POOL_SIZE)
    H, W_ = original.shape[-2:]
    assert not any(
        np.array_equal(pooled, _shift(original, (u, v)))
        for u in range(-H, H + 1)
        for v in range(-W_, W_ + 1)
    )
