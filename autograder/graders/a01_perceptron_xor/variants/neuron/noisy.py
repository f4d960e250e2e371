# de: korrekt, gibt aber Warnungen und Debug-Ausgaben aus
# en: correct, but prints warnings and debug output
def neuron(w, X, activation="step"):
    import sys
    import warnings

    print("DEBUG: w =", w, file=sys.stderr)
    warnings.warn("this is only a warning", RuntimeWarning, stacklevel=2)
    with np.errstate(over="warn"):
        np.exp(np.array([1000.0]))  # RuntimeWarning: overflow, harmless here
    z = w[0] + X @ w[1:]
    if activation == "step":
        return (z >= 0).astype(float)
    return 1 / (1 + np.exp(-z))
