# de: Schleife über die Beispiele
# en: loop over the samples
def sparse_categorical_cross_entropy(P, y):
    import math

    return -sum(math.log(P[i][int(k)]) for i, k in enumerate(y)) / len(y)
