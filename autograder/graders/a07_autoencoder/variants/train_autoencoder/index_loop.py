# de: Schleife über Startindizes von perm, Verlust von Hand
# en: loop over start indices of perm, loss by hand
import torch


def train_autoencoder(model, X, y, epochs=20, lr=5e-3, batch_size=32, seed=0):
    X_ok = torch.from_numpy(np.asarray(X, dtype=np.float32)[np.asarray(y) != 1])
    n = X_ok.shape[0]
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator()
    g.manual_seed(seed)
    out = []
    for _ in range(epochs):
        perm = torch.randperm(n, generator=g)
        running = 0.0
        for start in range(0, n, batch_size):
            xb = X_ok[perm[start : start + batch_size]]
            loss = ((model(xb) - xb) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += float(loss) * len(xb)
        out.append(running / n)
    return np.array(out)
