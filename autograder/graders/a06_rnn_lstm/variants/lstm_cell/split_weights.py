# de: W_k in den Teil für h und den Teil für x zerlegt, ohne Verkettung
# en: W_k split into its h part and its x part, no concatenation
def lstm_cell(x_t, h_prev, c_prev, W, b):
    H = h_prev.shape[1]

    def pre(k):
        return h_prev @ W[k][:, :H].T + x_t @ W[k][:, H:].T + b[k]

    gates = {
        "f": sigmoid(pre("f")),
        "i": sigmoid(pre("i")),
        "C": np.tanh(pre("C")),
        "o": sigmoid(pre("o")),
    }
    c_t = gates["f"] * c_prev + gates["i"] * gates["C"]
    h_t = gates["o"] * np.tanh(c_t)
    return h_t, c_t, gates
