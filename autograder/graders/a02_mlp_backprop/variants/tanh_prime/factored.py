# de: (1 − t)(1 + t)
# en: (1 − t)(1 + t)
def tanh_prime(z):
    t = np.tanh(z)
    return (1 - t) * (1 + t)
