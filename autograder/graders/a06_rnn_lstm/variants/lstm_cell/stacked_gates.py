# de: alle vier Gates mit einer gestapelten Matrix, danach aufgeteilt
# en: all four gates with one stacked matrix, split afterwards
def lstm_cell(x_t, h_prev, c_prev, W, b):
    H = h_prev.shape[1]
    W_all = np.vstack([W["f"], W["i"], W["C"], W["o"]])
    b_all = np.concatenate([b["f"], b["i"], b["C"], b["o"]])
    z = np.hstack([h_prev, x_t]) @ W_all.T + b_all
    f = sigmoid(z[:, :H])
    i = sigmoid(z[:, H : 2 * H])
    g = np.tanh(z[:, 2 * H : 3 * H])
    o = sigmoid(z[:, 3 * H :])
    c_t = f * c_prev + i * g
    return o * np.tanh(c_t), c_t, {"f": f, "i": i, "C": g, "o": o}
