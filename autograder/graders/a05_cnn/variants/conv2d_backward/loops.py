# de: Schleifen über die Ausgabepixel: jedes Fenster gibt seinen Anteil zurück
# en: loops over the output pixels: every window hands back its share
def conv2d_backward(dY, X, W, stride=1, padding=0):
    p = padding
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
    dXp = np.zeros_like(Xp)
    dW = np.zeros_like(W)
    kh, kw = W.shape[2:]
    N, F, H_out, W_out = dY.shape
    for n in range(N):
        for i in range(H_out):
            for j in range(W_out):
                r, c = i * stride, j * stride
                window = Xp[n, :, r : r + kh, c : c + kw]
                for f in range(F):
                    dW[f] += dY[n, f, i, j] * window
                    dXp[n, :, r : r + kh, c : c + kw] += dY[n, f, i, j] * W[f]
    db = dY.sum(axis=(0, 2, 3))
    return dXp[:, :, p : p + X.shape[2], p : p + X.shape[3]], dW, db
