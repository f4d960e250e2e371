# de: torch-Netz mit autograd
# en: torch network with autograd
def gradient_norms(depth, activation, seed=0):
    import torch

    torch.manual_seed(seed)
    sizes = [10] + [32] * depth + [1]
    layers = [torch.nn.Linear(a, b).double() for a, b in zip(sizes[:-1], sizes[1:])]
    for layer in layers:
        if activation == "relu":
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    X = torch.randn(64, 10, dtype=torch.float64)
    Y = (torch.rand(64, 1) < 0.5).double()
    A = X
    for layer in layers[:-1]:
        A = torch.sigmoid(layer(A)) if activation == "sigmoid" else torch.relu(layer(A))
    loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(layers[-1](A)), Y)
    loss.backward()
    return [float(layer.weight.grad.norm()) for layer in layers]
