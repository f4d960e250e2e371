# de: np.heaviside(z, 0)
# en: np.heaviside(z, 0)
def relu_prime(z):
    return np.heaviside(z, 0.0)
