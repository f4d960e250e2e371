# de: dX als volle Faltung von dY (mit Nullen zwischen den Strides) mit dem gedrehten Kern, dW als Faltung
# en: dX as the full convolution of dY (zeros between strides) with the rotated kernel, dW as a convolution
def conv2d_backward(dY, X, W, stride=1, padding=0):
    N, C, H, Wd = X.shape
    F, _, kh, kw = W.shape
    Hp, Wp = H + 2 * padding, Wd + 2 * padding
    # dY spread onto the stride-1 grid of window positions
    dY_dense = np.zeros((N, F, Hp - kh + 1, Wp - kw + 1))
    dY_dense[:, :, : dY.shape[2] * stride : stride, : dY.shape[3] * stride : stride] = dY
    dY_full = np.pad(dY_dense, ((0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1)))
    W_rotated = W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # (C, F, kh, kw)
    dXp = conv2d_forward(dY_full, W_rotated, np.zeros(C))
    # dW[f, c] = X_pad[c] ⋆ dY_dense[f], summed over the batch
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dW = conv2d_forward(Xp.transpose(1, 0, 2, 3), dY_dense.transpose(1, 0, 2, 3), np.zeros(F))
    dX = dXp[:, :, padding : padding + H, padding : padding + Wd]
    return dX, dW.transpose(1, 0, 2, 3), dY.sum(axis=(0, 2, 3))
