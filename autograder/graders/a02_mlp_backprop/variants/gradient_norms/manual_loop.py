# de: eigene Schleife ohne forward/backward
# en: own loop without forward/backward
def gradient_norms(depth, activation, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [10] + [32] * depth + [1]
    Ws = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if activation == "relu":
            Ws.append(rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in)))
        else:
            a = np.sqrt(6 / (n_in + n_out))
            Ws.append(rng.uniform(-a, a, (n_out, n_in)))
    X = rng.normal(size=(64, 10))
    y = rng.integers(0, 2, size=(64, 1))
    As, Zs = [X], []
    for i, W in enumerate(Ws):
        Z = As[-1] @ W.T
        Zs.append(Z)
        last = i == len(Ws) - 1
        As.append(1 / (1 + np.exp(-Z)) if last or activation == "sigmoid" else np.maximum(Z, 0))
    delta = (As[-1] - y) / 64
    norms = []
    for i in range(len(Ws) - 1, -1, -1):
        norms.append(np.linalg.norm(delta.T @ As[i]))
        if i:
            A = As[i]
            d = A * (1 - A) if activation == "sigmoid" else (Zs[i - 1] > 0)
            delta = (delta @ Ws[i]) * d
    return np.array(norms[::-1])
