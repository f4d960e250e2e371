# de: y[:, None] == arange(K)
# en: y[:, None] == arange(K)
def one_hot(y, K):
    return (np.asarray(y)[:, None] == np.arange(K)).astype(float)
