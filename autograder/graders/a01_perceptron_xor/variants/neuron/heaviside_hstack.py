# de: np.heaviside mit x̃ = (1, x) per hstack
# en: np.heaviside with x̃ = (1, x) via hstack
def neuron(w, X, activation="step"):
    X_tilde = np.hstack([np.ones((X.shape[0], 1)), X])
    z = X_tilde @ w
    if activation == "sigmoid":
        return 1 / (1 + np.exp(-z))
    return np.heaviside(z, 1.0)
