# de: Schleifen, Summe der Korrekturen pro Epoche
# en: loops, corrections summed per epoch
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    n = len(X[0])
    w = [0.0] * (n + 1)
    epochs = 0
    while epochs < max_epochs:
        update = [0.0] * (n + 1)
        wrong = False
        for x_i, y_i in zip(X, y):
            x_tilde = [1.0, *list(x_i)]
            if y_i * sum(a * b for a, b in zip(w, x_tilde)) <= 0:
                wrong = True
                update = [u + y_i * xt for u, xt in zip(update, x_tilde)]
        if not wrong:
            break
        w = [wi + eta * u for wi, u in zip(w, update)]
        epochs += 1
    return np.array(w), epochs
