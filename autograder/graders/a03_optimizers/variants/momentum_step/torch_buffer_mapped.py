# de: PyTorch-Puffer b = −m/η mit Rückrechnung m = −η·b
# en: PyTorch buffer b = −m/η, mapped back m = −η·b
def momentum_step(w, grad, m, lr, beta=0.9):
    buf = -np.asarray(m, dtype=float) / lr
    buf = beta * buf + grad
    m_new = -lr * buf
    return w + m_new, m_new
