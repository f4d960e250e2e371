# de: Maske „Wert == Fenstermaximum“ (ohne Gleichstände genau eine Zelle pro Fenster)
# en: a mask "value == window maximum" (one cell per window when there are no ties)
def maxpool_backward(dY, X, size, stride=None):
    s = size if stride is None else stride
    dX = np.zeros(X.shape)
    for i in range(dY.shape[2]):
        rows = slice(i * s, i * s + size)
        for j in range(dY.shape[3]):
            cols = slice(j * s, j * s + size)
            block = X[:, :, rows, cols]
            is_max = block == block.max(axis=(2, 3), keepdims=True)
            dX[:, :, rows, cols] += is_max * dY[:, :, i, j][:, :, None, None]
    return dX
