# de: Maske mit torch.bernoulli
# en: mask with torch.bernoulli
def dropout_forward(x, p, training, generator):
    if not training:
        return x
    mask = torch.bernoulli(torch.full_like(x, 1 - p), generator=generator)
    return mask * x / (1 - p)
