# de: e⁻ᶻ/(1 + e⁻ᶻ)²
# en: e⁻ᶻ/(1 + e⁻ᶻ)²
def sigmoid_prime(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2
