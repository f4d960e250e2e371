# de: mit expliziten Diagonalmatrizen np.diag und lstm_cell
# en: with explicit diagonal matrices np.diag and lstm_cell
def gradient_through_time(T, x, h0, rnn_params, lstm_params):
    Wx, Wh, b = rnn_params
    W, bl = lstm_params
    H = len(h0)
    h, J = h0, np.eye(H)
    rnn = []
    for _ in range(T):
        h = np.tanh(Wx @ x + Wh @ h + b)
        J = np.diag(1 - h**2) @ Wh @ J
        rnn.append(np.linalg.norm(J, "fro"))
    h, c = h0.reshape(1, -1), np.zeros((1, H))
    Jh, Jc = np.eye(H), np.zeros((H, H))
    lstm = []
    for _ in range(T):
        h, c_new, g = lstm_cell(x.reshape(1, -1), h, c, W, bl)
        f, i, C, o = (g[k][0] for k in ("f", "i", "C", "o"))
        d = {k: W[k][:, :H] @ Jh for k in ("f", "i", "C", "o")}
        Jc = (
            np.diag(c[0] * f * (1 - f)) @ d["f"]
            + np.diag(f) @ Jc
            + np.diag(C * i * (1 - i)) @ d["i"]
            + np.diag(i * (1 - C**2)) @ d["C"]
        )
        c = c_new
        t = np.tanh(c[0])
        Jh = np.diag(t * o * (1 - o)) @ d["o"] + np.diag(o * (1 - t**2)) @ Jc
        lstm.append(np.linalg.norm(Jh, "fro"))
    return np.array(rnn), np.array(lstm)
