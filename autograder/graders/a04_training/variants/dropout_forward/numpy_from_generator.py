# de: Maske als numpy-Array, Zufallszahlen aus dem torch.Generator, torch.where
# en: mask as a numpy array, random numbers from the torch.Generator, torch.where
def dropout_forward(x, p, training, generator):
    if training:
        u = torch.rand(x.numel(), generator=generator, dtype=torch.float64).numpy()
        drop = torch.from_numpy((u < p).reshape(tuple(x.shape)))
        return torch.where(drop, torch.zeros_like(x), x / (1.0 - p))
    return x.clone()
