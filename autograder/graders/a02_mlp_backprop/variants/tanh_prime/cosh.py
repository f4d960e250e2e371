# de: 1/cosh²(z)
# en: 1/cosh²(z)
def tanh_prime(z):
    return 1 / np.cosh(z) ** 2
