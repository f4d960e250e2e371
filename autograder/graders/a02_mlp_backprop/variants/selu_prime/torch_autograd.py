# de: torch.autograd
# en: torch.autograd
def selu_prime(z):
    import torch

    t = torch.tensor(np.asarray(z, dtype=float), requires_grad=True)
    torch.selu(t).sum().backward()
    return t.grad
