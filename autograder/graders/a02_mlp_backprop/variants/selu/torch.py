# de: torch.selu
# en: torch.selu
def selu(z):
    import torch

    return torch.selu(torch.as_tensor(z))
