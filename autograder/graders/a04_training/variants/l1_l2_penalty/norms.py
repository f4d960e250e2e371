# de: mit torch.linalg.vector_norm (ord = 1 und 2) über Parameter mit ndim ≥ 2
# en: with torch.linalg.vector_norm (ord 1 and 2) over parameters with ndim ≥ 2
def l1_l2_penalty(model, l1, l2):
    weights = [p for p in model.parameters() if p.ndim >= 2]
    l1_term = sum(torch.linalg.vector_norm(w, ord=1) for w in weights)
    l2_term = sum(torch.linalg.vector_norm(w, ord=2) ** 2 for w in weights)
    return l1 * l1_term + l2 / 2 * l2_term
