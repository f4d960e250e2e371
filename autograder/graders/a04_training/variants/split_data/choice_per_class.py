# de: pro Klasse mit rng.shuffle, Teile mit Slices
# en: per class with rng.shuffle, parts by slicing
def split_data(X, y, fractions=(0.75, 0.10, 0.15), seed=0):
    rng = np.random.default_rng(seed)
    train, val, test = [], [], []
    for c in np.unique(y):
        idx = np.where(y == c)[0]
        rng.shuffle(idx)
        n_tr = round(fractions[0] * len(idx))
        n_va = round(fractions[1] * len(idx))
        train.extend(idx[:n_tr])
        val.extend(idx[n_tr : n_tr + n_va])
        test.extend(idx[n_tr + n_va :])
    train, val, test = np.array(train), np.array(val), np.array(test)
    return X[train], y[train], X[val], y[val], X[test], y[test]
