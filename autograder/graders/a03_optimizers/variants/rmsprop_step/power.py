# de: mit (s + ε)^(−½) und Kopien
# en: with (s + ε)^(−½) and copies
def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    s = np.array(s, dtype=float)
    s *= beta
    s += (1 - beta) * np.square(grad)
    return w - lr * grad * (s + eps) ** -0.5, s
