# de: Schleife, Rückgabe als Liste
# en: loop, returned as a list
def bce_sgd_step(w, x, y, eta):
    import math

    x_tilde = [1.0, *list(x)]
    z = sum(wi * xi for wi, xi in zip(w, x_tilde))
    y_hat = 1 / (1 + math.exp(-z))
    loss = -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))
    w_new = [wi - eta * (y_hat - y) * xi for wi, xi in zip(w, x_tilde)]
    return [w_new, y_hat, loss]
