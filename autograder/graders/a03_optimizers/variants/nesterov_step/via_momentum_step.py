# de: momentum_step mit dem Gradienten am vorausgeschauten Punkt
# en: momentum_step with the gradient at the look-ahead point
def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    return momentum_step(w, grad_fn(w + beta * m), m, lr, beta)
