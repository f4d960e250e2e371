# de: Rechnung in float32
# en: computed in float32
def neuron(w, X, activation="step"):
    w = np.asarray(w, dtype=np.float32)
    X = np.asarray(X, dtype=np.float32)
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(np.float32)
    return (1 / (1 + np.exp(-z))).astype(np.float32)
