# de: nn.ModuleList mit F.relu und torch.sigmoid im forward
# en: nn.ModuleList with F.relu and torch.sigmoid in forward
import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths, widths[1:]))

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = F.relu(layer(x))
        return torch.sigmoid(self.layers[-1](x))


def autoencoder(sizes):
    widths = list(sizes) + list(sizes)[-2::-1]
    return Net(widths)
