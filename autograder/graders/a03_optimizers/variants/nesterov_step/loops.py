# de: Schleife über die Koordinaten
# en: loop over the coordinates
def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    ahead = np.array([wi + beta * mi for wi, mi in zip(w, m)])
    g = grad_fn(ahead)
    m_new = np.array([beta * mi - lr * gi for mi, gi in zip(m, g)])
    return np.array([wi + mi for wi, mi in zip(w, m_new)]), m_new
