# de: log_softmax + nll_loss, Genauigkeit mit numpy
# en: log_softmax + nll_loss, accuracy with numpy
def evaluate(model, X, y):
    model.eval()
    with torch.no_grad():
        log_p = torch.log_softmax(model(X), dim=1)
        loss = float(nn.functional.nll_loss(log_p, y))
    predicted = log_p.numpy().argmax(axis=1)
    return loss, float(np.mean(predicted == y.numpy()))
