# de: erst alle δ_t rückwärts, dann die Gewichtsgradienten mit einsum über alle Zeitschritte
# en: all δ_t first, then the weight gradients with einsum over all steps
def rnn_backward(dH, cache):
    X, h0, Wx, Wh, H = cache
    delta = np.zeros_like(H)
    carry = np.zeros_like(h0)
    for t in reversed(range(len(H))):
        delta[t] = (dH[t] + carry) * (1 - H[t] ** 2)
        carry = delta[t] @ Wh
    H_prev = np.concatenate([h0[None], H[:-1]])
    dX = np.einsum("tnh,hd->tnd", delta, Wx)
    dWx = np.einsum("tnh,tnd->hd", delta, X)
    dWh = np.einsum("tnh,tnk->hk", delta, H_prev)
    return dX, carry, dWx, dWh, delta.sum(axis=(0, 1))
