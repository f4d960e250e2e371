# de: np.eye(K)[y]
# en: np.eye(K)[y]
def one_hot(y, K):
    return np.eye(K)[y]
