# de: max(αz, z) für α < 1
# en: max(αz, z) for α < 1
def leaky_relu(z, alpha=0.01):
    return np.maximum(alpha * z, z)
