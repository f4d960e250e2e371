# de: A = tanh(Z), dann 1 − A²
# en: A = tanh(Z), then 1 − A²
def tanh_prime(z):
    A = np.tanh(z)
    return 1 - A**2
