# de: Beiträge der Zeitschritte in Listen gesammelt und am Ende summiert
# en: per-step contributions collected in lists, summed at the end
def rnn_backward(dH, cache):
    X, h0, Wx, Wh, H = cache
    T = len(X)
    dX = [None] * T
    parts_x, parts_h, parts_b = [], [], []
    dh = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        dh = dh + dH[t]
        da = dh * (1 - H[t] * H[t])
        h_before = h0 if t == 0 else H[t - 1]
        dX[t] = da @ Wx
        parts_x.append(da.T @ X[t])
        parts_h.append(da.T @ h_before)
        parts_b.append(da.sum(0))
        dh = da @ Wh
    return np.array(dX), dh, sum(parts_x), sum(parts_h), sum(parts_b)
