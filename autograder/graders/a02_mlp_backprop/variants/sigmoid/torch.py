# de: torch.sigmoid
# en: torch.sigmoid
def sigmoid(z):
    import torch

    return torch.sigmoid(torch.as_tensor(z))
