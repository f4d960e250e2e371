# de: Schleifen, argmax jedes Fensters mit np.unravel_index
# en: loops, each window's argmax with np.unravel_index
def maxpool_backward(dY, X, size, stride=None):
    stride = stride or size
    dX = np.zeros_like(X, dtype=float)
    N, C, H_out, W_out = dY.shape
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    window = X[n, c, i * stride : i * stride + size, j * stride : j * stride + size]
                    m, q = np.unravel_index(np.argmax(window), window.shape)
                    dX[n, c, i * stride + m, j * stride + q] += dY[n, c, i, j]
    return dX
