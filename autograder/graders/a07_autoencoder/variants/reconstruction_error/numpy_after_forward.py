# de: Vorwärtsdurchlauf in torch, Fehler in numpy
# en: forward pass in torch, the error in numpy
import torch


def reconstruction_error(model, X):
    X = np.asarray(X, dtype=np.float32)
    X_hat = model(torch.from_numpy(X)).detach().numpy()
    return np.mean((X_hat - X) ** 2, axis=1)
