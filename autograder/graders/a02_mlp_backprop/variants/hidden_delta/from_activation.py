# de: über A = σ(Z): A(1 − A), 1 − A²
# en: via A = σ(Z): A(1 − A), 1 − A²
def hidden_delta(delta_next, W_next, Z, activation):
    back = np.einsum("nk,kj->nj", delta_next, W_next)
    if activation == "sigmoid":
        A = sigmoid(Z)
        return back * A * (1 - A)
    if activation == "tanh":
        A = np.tanh(Z)
        return back * (1 - A**2)
    if activation == "linear":
        return back
    return back * globals()[activation + "_prime"](Z)
