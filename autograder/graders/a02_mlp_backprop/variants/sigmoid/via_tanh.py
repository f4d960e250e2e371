# de: ½·(1 + tanh(z/2))
# en: ½·(1 + tanh(z/2))
def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z) / 2))
