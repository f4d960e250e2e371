# de: mit torch-Tensoren
# en: with torch tensors
def forward(X, params, activations):
    import torch

    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
        "selu": torch.selu,
        "linear": lambda z: z,
        "softmax": lambda z: torch.softmax(z, dim=-1),
    }
    A = torch.as_tensor(X, dtype=torch.float64)
    cache = []
    for (W, b), name in zip(params, activations):
        Z = A @ torch.as_tensor(W, dtype=torch.float64).T + torch.as_tensor(b, dtype=torch.float64)
        cache.append([A, Z])
        A = functions[name](Z)
    return A, cache
