# de: perm.split(batch_size), model.zero_grad(), Verluste als Tensor gemittelt
# en: perm.split(batch_size), model.zero_grad(), losses averaged as a tensor
def train_epoch(model, X, y, loss, optimizer, batch_size, generator):
    model.train()
    batch_losses = []
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        model.zero_grad()
        batch_loss = loss(model(X[idx]), y[idx])
        batch_loss.backward()
        optimizer.step()
        batch_losses.append(batch_loss.detach())
    return torch.stack(batch_losses).mean()
