# de: Mittelwert und σ von Hand über Summen
# en: mean and σ by hand from sums
def standardize(X):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    mu = X.sum(axis=0) / n
    sigma = np.sqrt(((X - mu) ** 2).sum(axis=0) / n)
    sigma[sigma == 0] = 1.0
    return (X - mu) / sigma
