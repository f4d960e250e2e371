# de: alle λ = 1
# en: all λ = 1
def parity_certificate(n):
    return np.ones(2**n)
