# de: torch BCE (klemmt log bei −100)
# en: torch BCE (clamps log at −100)
def binary_cross_entropy(p, y):
    import torch

    return torch.nn.functional.binary_cross_entropy(
        torch.as_tensor(p, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)
    )
