# de: Rechnung in float32
# en: computed in float32
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    f32 = np.float32
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=f32)
    y = np.array([[0], [1], [1], [0]], dtype=f32)
    W1, b1, W2, b2 = (np.array(p, dtype=f32) for p in (W1, b1, W2, b2))
    eta = f32(eta)
    losses = np.zeros(epochs, dtype=f32)
    for epoch in range(epochs):
        A1 = 1 / (1 + np.exp(-(X @ W1.T + b1)))
        y_hat = 1 / (1 + np.exp(-(A1 @ W2.T + b2)))
        losses[epoch] = -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
        delta2 = (y_hat - y) / f32(4)
        delta1 = (delta2 @ W2) * A1 * (1 - A1)
        W2, b2 = W2 - eta * delta2.T @ A1, b2 - eta * delta2.sum(0)
        W1, b1 = W1 - eta * delta1.T @ X, b1 - eta * delta1.sum(0)
    return (W1, b1, W2, b2), losses
