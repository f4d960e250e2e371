# de: 1/(1 + e⁻ᶻ) direkt (Überlauf-Warnung)
# en: 1/(1 + e⁻ᶻ) directly
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
