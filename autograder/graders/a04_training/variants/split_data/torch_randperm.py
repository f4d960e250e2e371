# de: torch.randperm mit torch.Generator, Anteile mit int(f·n + 0.5)
# en: torch.randperm with a torch.Generator, shares with int(f·n + 0.5)
def split_data(X, y, fractions=(0.75, 0.10, 0.15), seed=0):
    import torch

    g = torch.Generator().manual_seed(seed)
    pieces = {"train": [], "val": [], "test": []}
    for c in sorted(set(y.tolist())):
        idx = np.flatnonzero(y == c)
        idx = idx[torch.randperm(len(idx), generator=g).numpy()]
        a = int(fractions[0] * len(idx) + 0.5)
        b = a + int(fractions[1] * len(idx) + 0.5)
        pieces["train"].append(idx[:a])
        pieces["val"].append(idx[a:b])
        pieces["test"].append(idx[b:])
    out = []
    for name in ("train", "val", "test"):
        idx = np.concatenate(pieces[name])
        out += [X[idx], y[idx]]
    return tuple(out)
