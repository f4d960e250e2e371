# de: Gates selbst berechnet (ohne lstm_cell), Hilfsfunktionen in der Zelle
# en: gates computed directly (no lstm_cell), helpers inside the cell
def _rnn_jacobians(T, x, h, Wx, Wh, b):
    J = np.eye(len(h))
    for _ in range(T):
        h = np.tanh(Wx @ x + Wh @ h + b)
        J = (1 - h**2)[:, None] * (Wh @ J)
        yield np.sqrt(np.sum(J**2))


def _lstm_jacobians(T, x, h, W, b):
    n = len(h)
    c = np.zeros(n)
    Jh, Jc = np.eye(n), np.zeros((n, n))
    for _ in range(T):
        hx = np.concatenate([h, x])
        z = {k: W[k] @ hx + b[k] for k in W}
        dz = {k: W[k][:, :n] @ Jh for k in W}
        s = {k: sigmoid(z[k]) for k in ("f", "i", "o")}
        g = np.tanh(z["C"])
        Jc = (
            (s["f"] * (1 - s["f"]) * c)[:, None] * dz["f"]
            + s["f"][:, None] * Jc
            + (s["i"] * (1 - s["i"]) * g)[:, None] * dz["i"]
            + (s["i"] * (1 - g**2))[:, None] * dz["C"]
        )
        c = s["f"] * c + s["i"] * g
        h = s["o"] * np.tanh(c)
        Jh = (s["o"] * (1 - s["o"]) * np.tanh(c))[:, None] * dz["o"] + (
            s["o"] * (1 - np.tanh(c) ** 2)
        )[:, None] * Jc
        yield np.sqrt(np.sum(Jh**2))


def gradient_through_time(T, x, h0, rnn_params, lstm_params):
    return (
        np.array(list(_rnn_jacobians(T, x, h0, *rnn_params))),
        np.array(list(_lstm_jacobians(T, x, h0, *lstm_params))),
    )
