# de: mit np.cumprod der Schrittweiten
# en: with np.cumprod of the strides
def receptive_field(layers):
    k = np.array([layer["k"] for layer in layers])
    s = np.array([layer["stride"] for layer in layers])
    jumps = np.concatenate([[1], np.cumprod(s)[:-1]])
    return int(1 + np.sum((k - 1) * jumps))
