# de: boolesches Array z > 0
# en: boolean array z > 0
def relu_prime(z):
    return np.asarray(z) > 0
