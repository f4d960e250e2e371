# de: np.full und Maske
# en: np.full and a mask
def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    out = np.full(z.shape, float(alpha))
    out[z > 0] = 1.0
    return out
