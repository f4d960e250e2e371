# de: λ = ½ für alle Punkte
# en: λ = ½ for all points
def xor_certificate():
    return np.full(4, 0.5)
