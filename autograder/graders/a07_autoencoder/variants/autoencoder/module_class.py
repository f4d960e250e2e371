# de: eigene Klasse mit Encoder und Decoder als nn.Sequential
# en: own class with encoder and decoder as nn.Sequential
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        enc = []
        for i in range(len(sizes) - 1):
            enc.append(nn.Linear(sizes[i], sizes[i + 1]))
            enc.append(nn.ReLU())
        self.encoder = nn.Sequential(*enc)
        back = list(reversed(sizes))
        dec = []
        for i in range(len(back) - 1):
            dec.append(nn.Linear(back[i], back[i + 1]))
            dec.append(nn.ReLU() if i < len(back) - 2 else nn.Sigmoid())
        self.decoder = nn.Sequential(*dec)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def autoencoder(sizes):
    return Autoencoder(list(sizes))
