# de: XOR-Quadrat in den letzten zwei Bits, sonst 0
# en: the XOR square in the last two bits, zero elsewhere
def parity_certificate(n):
    lam = np.zeros(2**n)
    lam[:4] = 1.0  # points (0, …, 0, a, b): parities 0, 1, 1, 0 like XOR
    return lam
