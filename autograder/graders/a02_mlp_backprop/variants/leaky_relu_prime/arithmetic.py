# de: α + (1 − α)·(z > 0)
# en: α + (1 − α)·(z > 0)
def leaky_relu_prime(z, alpha=0.01):
    return alpha + (1 - alpha) * (np.asarray(z) > 0)
