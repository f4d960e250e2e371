# de: vier Schleifen über n, f, i, j, Fenstersumme mit np.sum
# en: four loops over n, f, i, j, the window summed with np.sum
def conv2d_forward(X, W, b, stride=1, padding=0):
    X = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    kh, kw = W.shape[2], W.shape[3]
    H_out = (X.shape[2] - kh) // stride + 1
    W_out = (X.shape[3] - kw) // stride + 1
    Y = np.empty((X.shape[0], W.shape[0], H_out, W_out))
    for n in range(X.shape[0]):
        for f in range(W.shape[0]):
            for i in range(H_out):
                for j in range(W_out):
                    window = X[n, :, i * stride : i * stride + kh, j * stride : j * stride + kw]
                    Y[n, f, i, j] = np.sum(window * W[f]) + b[f]
    return Y
