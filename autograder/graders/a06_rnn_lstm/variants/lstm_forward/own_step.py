# de: die Gleichungen 67–75 direkt in der Schleife, ohne lstm_cell
# en: Eq. 67–75 written out in the loop, without lstm_cell
def lstm_forward(X, h0, c0, params):
    W, b = params
    h, c = h0, c0
    hs, cs = [], []
    for x in X:
        hx = np.concatenate([h, x], axis=1)
        f = 1 / (1 + np.exp(-(hx @ W["f"].T + b["f"])))
        i = 1 / (1 + np.exp(-(hx @ W["i"].T + b["i"])))
        o = 1 / (1 + np.exp(-(hx @ W["o"].T + b["o"])))
        c = f * c + i * np.tanh(hx @ W["C"].T + b["C"])
        h = o * np.tanh(c)
        hs.append(h)
        cs.append(c)
    return np.array(hs), np.array(cs)
