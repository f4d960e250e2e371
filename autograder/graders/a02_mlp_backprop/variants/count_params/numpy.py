# de: numpy-Vektoren
# en: numpy vectors
def count_params(layer_sizes):
    n = np.asarray(layer_sizes)
    return int(np.sum(n[1:] * n[:-1] + n[1:]))
