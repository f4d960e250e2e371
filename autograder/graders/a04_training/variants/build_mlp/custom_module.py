# de: eigene Module-Klasse mit ModuleList und funktionalen Aktivierungen
# en: own Module class with a ModuleList and functional activations
def build_mlp(sizes, activation="relu", dropout=0.0, batch_norm=False):
    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
            hidden = sizes[1:-1]
            self.norms = nn.ModuleList(nn.BatchNorm1d(n) for n in hidden) if batch_norm else None
            self.drop = nn.Dropout(dropout) if dropout > 0 else None
            self.act = {
                "relu": torch.relu,
                "tanh": torch.tanh,
                "sigmoid": torch.sigmoid,
                "elu": nn.functional.elu,
            }[activation]

        def forward(self, x):
            for i, linear in enumerate(self.linears[:-1]):
                x = linear(x)
                if self.norms is not None:
                    x = self.norms[i](x)
                x = self.act(x)
                if self.drop is not None:
                    x = self.drop(x)
            return self.linears[-1](x)

    return MLP()
