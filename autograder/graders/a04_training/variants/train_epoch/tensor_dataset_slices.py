# de: Daten einmal umsortiert, dann Slices; zero_grad(set_to_none=True) nach dem Schritt
# en: data reordered once, then slices; zero_grad(set_to_none=True) after the step
def train_epoch(model, X, y, loss, optimizer, batch_size, generator):
    model.train()
    order = torch.randperm(len(y), generator=generator)
    X_shuffled, y_shuffled = X[order], y[order]
    total, count = 0.0, 0
    optimizer.zero_grad(set_to_none=True)
    for i in range(0, len(y), batch_size):
        out = model(X_shuffled[i : i + batch_size])
        value = loss(out, y_shuffled[i : i + batch_size])
        value.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        total += float(value)
        count += 1
    return total / count
