# de: nn.Sequential aus einem OrderedDict mit Namen, Aktivierung über getattr
# en: nn.Sequential from a named OrderedDict, activation via getattr
def build_mlp(sizes, activation="relu", dropout=0.0, batch_norm=False):
    from collections import OrderedDict

    names = {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "elu": "ELU"}
    parts = OrderedDict()
    for i in range(len(sizes) - 2):
        parts[f"fc{i}"] = nn.Linear(sizes[i], sizes[i + 1])
        if batch_norm:
            parts[f"bn{i}"] = nn.BatchNorm1d(sizes[i + 1])
        parts[f"act{i}"] = getattr(nn, names[activation])()
        if dropout:
            parts[f"drop{i}"] = nn.Dropout(p=dropout)
    parts["out"] = nn.Linear(sizes[-2], sizes[-1])
    return nn.Sequential(parts)
