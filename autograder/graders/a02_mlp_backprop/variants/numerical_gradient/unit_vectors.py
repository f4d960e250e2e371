# de: mit Einheitsvektoren eᵢ auf Kopien
# en: with unit vectors eᵢ on copies
def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.empty(x.size)
    for i in range(x.size):
        e = np.zeros(x.size)
        e[i] = eps
        e = e.reshape(x.shape)
        grad[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return grad.reshape(x.shape)
