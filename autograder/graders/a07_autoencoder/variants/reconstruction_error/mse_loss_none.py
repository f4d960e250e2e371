# de: F.mse_loss(reduction="none"), dann Mittelwert pro Zeile
# en: F.mse_loss(reduction="none"), then the mean per row
import torch
import torch.nn.functional as F


def reconstruction_error(model, X):
    X = torch.tensor(X, dtype=torch.float32)
    model.eval()
    with torch.no_grad():
        per_value = F.mse_loss(model(X), X, reduction="none")
    return per_value.mean(dim=1).numpy()
