# de: ganze Zahlen als Liste
# en: integers as a list
def parity_certificate(n):
    return [3] * (2**n)
