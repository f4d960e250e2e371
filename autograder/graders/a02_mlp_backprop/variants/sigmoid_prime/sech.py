# de: ¼·sech²(z/2)
# en: ¼·sech²(z/2)
def sigmoid_prime(z):
    return 0.25 / np.cosh(np.asarray(z) / 2) ** 2
