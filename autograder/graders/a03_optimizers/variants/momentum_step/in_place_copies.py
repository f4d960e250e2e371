# de: In-place-Updates auf Kopien
# en: in-place on copies
def momentum_step(w, grad, m, lr, beta=0.9):
    m = np.array(m, dtype=float)
    w = np.array(w, dtype=float)
    m *= beta
    m -= lr * np.asarray(grad)
    w += m
    return w, m
