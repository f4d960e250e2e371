# de: np.maximum über die size² verschobenen, ausgedünnten Kopien
# en: np.maximum over the size² shifted, strided copies
def maxpool_forward(X, size, stride=None):
    s = size if stride is None else stride
    H_out = (X.shape[2] - size) // s + 1
    W_out = (X.shape[3] - size) // s + 1
    Y = np.full((*X.shape[:2], H_out, W_out), -np.inf)
    for m in range(size):
        for q in range(size):
            Y = np.maximum(Y, X[:, :, m : m + s * H_out : s, q : q + s * W_out : s])
    return Y
