# de: Auswahl der normalen Fenster in torch, torch.split und F.mse_loss
# en: the normal windows selected in torch, torch.split and F.mse_loss
import torch
import torch.nn.functional as F


def train_autoencoder(model, X, y, epochs=20, lr=5e-3, batch_size=32, seed=0):
    data = torch.tensor(X, dtype=torch.float32)[torch.as_tensor(y) == 0]
    gen = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(epochs):
        model.train()
        batch_losses = []
        for idx in torch.split(torch.randperm(data.shape[0], generator=gen), batch_size):
            optimizer.zero_grad()
            loss = F.mse_loss(model(data[idx]), data[idx])
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item() * len(idx))
        epoch_losses.append(sum(batch_losses) / data.shape[0])
    return epoch_losses
