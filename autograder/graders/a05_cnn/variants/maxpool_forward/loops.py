# de: Schleifen über die Fenster
# en: loops over the windows
def maxpool_forward(X, size, stride=None):
    if stride is None:
        stride = size
    N, C, H, W = X.shape
    H_out, W_out = (H - size) // stride + 1, (W - size) // stride + 1
    Y = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            Y[:, :, i, j] = np.max(
                X[:, :, i * stride : i * stride + size, j * stride : j * stride + size], axis=(2, 3)
            )
    return Y
