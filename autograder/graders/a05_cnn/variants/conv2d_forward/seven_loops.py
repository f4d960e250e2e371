# de: sieben Schleifen, genau wie die Formel (langsam, aber lesbar)
# en: seven loops, exactly like the formula (slow but readable)
def conv2d_forward(X, W, b, stride=1, padding=0):
    N, C, H, Wd = X.shape
    F, _, kh, kw = W.shape
    Xp = np.zeros((N, C, H + 2 * padding, Wd + 2 * padding))
    Xp[:, :, padding : padding + H, padding : padding + Wd] = X
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (Wd + 2 * padding - kw) // stride + 1
    Y = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    total = b[f]
                    for c in range(C):
                        for m in range(kh):
                            for q in range(kw):
                                total += Xp[n, c, i * stride + m, j * stride + q] * W[f, c, m, q]
                    Y[n, f, i, j] = total
    return Y
