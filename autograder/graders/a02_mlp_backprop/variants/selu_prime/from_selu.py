# de: über SELU(z) + λα für z < 0
# en: via SELU(z) + λα for z < 0
def selu_prime(z):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, SELU_LAMBDA, selu(z) + SELU_LAMBDA * SELU_ALPHA)
