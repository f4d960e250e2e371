# de: np.where je nach Label, ε = 1e-15
# en: np.where by label, ε = 1e-15
def binary_cross_entropy(p, y):
    p = np.clip(np.asarray(p, dtype=float), 1e-15, 1 - 1e-15)
    return float(-np.mean(np.where(np.asarray(y) == 1, np.log(p), np.log(1 - p))))
