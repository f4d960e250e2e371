# de: in der dtype der Eingaben (float32 bleibt float32)
# en: in the inputs' dtype
def backward(Y_hat, Y, cache, params, activations, loss):
    delta = (Y_hat - Y) / Y_hat.shape[0]
    if loss == "mse":
        delta = delta * 2 / Y_hat.shape[1]
    grads = []
    for i in reversed(range(len(params))):
        A_prev, _ = cache[i]
        grads.append((delta.T @ A_prev, delta.sum(0)))
        if i > 0:
            Z = cache[i - 1][1]
            name = activations[i - 1]
            if name == "sigmoid":
                A = cache[i][0]  # = σ(Z), from the cache
                d = A * (1 - A)
            elif name == "tanh":
                A = cache[i][0]
                d = 1 - A * A
            elif name == "relu":
                d = (Z > 0).astype(Z.dtype)
            elif name == "leaky_relu":
                d = np.where(Z > 0, 1, 0.01).astype(Z.dtype)
            elif name == "selu":
                d = (
                    1.0507009873554805
                    * np.where(Z > 0, 1, 1.6732632423543772 * np.exp(np.minimum(Z, 0)))
                ).astype(Z.dtype)
            else:
                d = np.ones_like(Z)
            delta = (delta @ params[i][0]) * d
    return grads[::-1]
