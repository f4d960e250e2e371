# de: mit output_delta, hidden_delta, layer_gradients
# en: with the own building blocks
def backward(Y_hat, Y, cache, params, activations, loss):
    L = len(params)
    grads = [None] * L
    delta = output_delta(Y_hat, Y, loss)
    for k in range(L - 1, -1, -1):
        grads[k] = layer_gradients(delta, cache[k][0])
        if k:
            delta = hidden_delta(delta, params[k][0], cache[k - 1][1], activations[k - 1])
    return grads
