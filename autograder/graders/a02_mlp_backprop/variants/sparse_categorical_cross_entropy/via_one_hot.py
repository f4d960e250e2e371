# de: über one_hot und die kategorische Version
# en: via one_hot and the categorical version
def sparse_categorical_cross_entropy(P, y):
    return categorical_cross_entropy(P, one_hot(y, P.shape[1]))
