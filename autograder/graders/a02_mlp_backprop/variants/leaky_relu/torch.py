# de: torch.nn.functional.leaky_relu
# en: torch leaky_relu
def leaky_relu(z, alpha=0.01):
    import torch

    return torch.nn.functional.leaky_relu(torch.as_tensor(z), alpha)
