# de: PyTorch-Autograd statt Handableitung
# en: PyTorch autograd instead of hand-written gradients
def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    import torch

    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)
    params = [
        torch.tensor(np.asarray(p, dtype=float), requires_grad=True) for p in (W1, b1, W2, b2)
    ]
    losses = []
    for _ in range(epochs):
        W1_t, b1_t, W2_t, b2_t = params
        A1 = torch.sigmoid(X @ W1_t.T + b1_t)
        y_hat = torch.sigmoid(A1 @ W2_t.T + b2_t)
        loss = torch.nn.functional.binary_cross_entropy(y_hat, y)
        losses.append(loss.item())
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            params = [(p - eta * g).requires_grad_() for p, g in zip(params, grads)]
    return tuple(p.detach() for p in params), torch.tensor(losses, dtype=torch.float64)
