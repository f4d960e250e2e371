# de: im2col – alle Fenster als Zeilen einer Matrix, dann eine Matrixmultiplikation
# en: im2col – every window a row of a matrix, then one matrix product
def conv2d_forward(X, W, b, stride=1, padding=0):
    N, C, _, _ = X.shape
    F, _, kh, kw = W.shape
    Xp = np.pad(X, [(0, 0), (0, 0), (padding,) * 2, (padding,) * 2])
    H_out = (Xp.shape[2] - kh) // stride + 1
    W_out = (Xp.shape[3] - kw) // stride + 1
    cols = np.empty((N, H_out, W_out, C * kh * kw))
    for i in range(H_out):
        for j in range(W_out):
            patch = Xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw]
            cols[:, i, j, :] = patch.reshape(N, -1)
    Y = cols @ W.reshape(F, -1).T + b  # (N, H_out, W_out, F)
    return Y.transpose(0, 3, 1, 2)
