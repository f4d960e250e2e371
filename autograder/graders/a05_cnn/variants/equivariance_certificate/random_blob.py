# de: zufälliger Fleck in der Mitte, zwei Kanäle, zwei Filter; Pooling-Beispiel aus Zufallszahlen
# en: a random blob in the middle, two channels, two filters; a random pooling example
def equivariance_certificate():
    rng = np.random.default_rng(7)
    X = np.zeros((1, 2, 12, 10))
    X[:, :, 4:8, 3:7] = rng.normal(size=(1, 2, 4, 4))
    W = rng.normal(size=(2, 2, 2, 3))
    X_pool = np.zeros((1, 1, 8, 8))
    X_pool[0, 0, 2:6, 2:6] = rng.uniform(1.0, 2.0, size=(4, 4))
    return {"X": X, "W": W, "shift": [3, -2], "X_pool": X_pool, "shift_pool": [-1, 0]}
