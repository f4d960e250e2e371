# de: als Gradientenschritt auf dem Perzeptron-Verlust
# en: as a gradient step on the perceptron loss
def perceptron_train(X, y, eta=1.0, max_epochs=100):
    X_tilde = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(X_tilde.shape[1])
    for t in range(max_epochs):
        misclassified = np.flatnonzero(y * (X_tilde @ w) <= 0)
        if misclassified.size == 0:
            return w, t
        grad = -(y[misclassified, None] * X_tilde[misclassified]).sum(axis=0)
        w = w - eta * grad
    return w, int(max_epochs)
