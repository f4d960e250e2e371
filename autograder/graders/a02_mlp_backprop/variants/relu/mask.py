# de: z·(z > 0)
# en: z·(z > 0)
def relu(z):
    return z * (z > 0)
