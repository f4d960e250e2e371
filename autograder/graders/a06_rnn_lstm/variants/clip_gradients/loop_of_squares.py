# de: Quadratsumme in einer Schleife mit np.vdot, Faktor mit np.clip
# en: sum of squares in a loop with np.vdot, factor with np.clip
def clip_gradients(grads, max_norm):
    squares = 0.0
    for g in grads:
        squares += np.vdot(g, g)
    coef = np.clip(max_norm / (np.sqrt(squares) + 1e-6), None, 1.0)
    return [coef * np.asarray(g) for g in grads]
