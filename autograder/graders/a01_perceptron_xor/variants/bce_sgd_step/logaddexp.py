# de: numerisch stabile Form mit np.logaddexp
# en: numerically stable form with np.logaddexp
def bce_sgd_step(w, x, y, eta):
    x_tilde = np.insert(np.asarray(x, dtype=float), 0, 1.0)
    z = float(np.dot(w, x_tilde))
    loss = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    y_hat = np.exp(-np.logaddexp(0, -z))
    return w - eta * (y_hat - y) * x_tilde, y_hat, loss
