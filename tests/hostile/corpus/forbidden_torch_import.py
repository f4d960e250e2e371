# task: mlp_xor_train
# verdict: zero
# attack: uses torch in a numpy-only task
# forbid: torch
import torch


def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    """A correct implementation, but with torch autograd where only numpy is allowed."""
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)
    params = [
        torch.tensor(np.asarray(p, dtype=float), requires_grad=True) for p in (W1, b1, W2, b2)
    ]
    losses = []
    for _ in range(epochs):
        A1 = torch.sigmoid(X @ params[0].T + params[1])
        loss = torch.nn.functional.binary_cross_entropy(
            torch.sigmoid(A1 @ params[2].T + params[3]), y
        )
        losses.append(loss.item())
        grads = torch.autograd.grad(loss, params)
        params = [(p - eta * g).detach().requires_grad_() for p, g in zip(params, grads)]
    return tuple(p.detach().numpy() for p in params), np.array(losses)
