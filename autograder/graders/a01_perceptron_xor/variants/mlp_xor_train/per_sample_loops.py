# de: Gradienten per Schleife über die Beispiele gemittelt
# en: gradients averaged in a loop over the samples
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    losses = []
    for _ in range(epochs):
        grads = [np.zeros_like(p) for p in (W1, b1, W2, b2)]
        loss = 0.0
        for x, t in zip(X, y):
            a1 = 1 / (1 + np.exp(-(W1 @ x + b1)))
            o = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
            loss += -(t * np.log(o[0]) + (1 - t) * np.log(1 - o[0])) / len(X)
            d2 = (o - t) / len(X)
            d1 = (W2.T @ d2) * a1 * (1 - a1)
            for g, update in zip(grads, (np.outer(d1, x), d1, np.outer(d2, a1), d2)):
                g += update
        losses.append(loss)
        W1, b1, W2, b2 = (p - eta * g for p, g in zip((W1, b1, W2, b2), grads))
    return (W1, b1, W2, b2), losses
