# de: Schleife über die Beispiele
# en: loop over the samples
def neuron(w, X, activation="step"):
    out = []
    for x in X:
        z = w[0]
        for wi, xi in zip(w[1:], x):
            z += wi * xi
        if activation == "step":
            out.append(1 if z >= 0 else 0)
        else:
            out.append(1 / (1 + np.exp(-z)))
    return np.array(out)
