# de: MLP mit Batch-Normalisierung und Dropout, Early Stopping auf dem Validierungsverlust, beste Gewichte
# en: MLP with batch norm and dropout, early stopping on the validation loss, best weights restored
def fit_classifier(X_train, y_train, X_val, y_val, budget_s):
    import copy
    import time

    start = time.perf_counter()

    def flat(a):
        return torch.as_tensor(a, dtype=torch.float32).reshape(len(a), -1)

    X, y = flat(X_train), torch.as_tensor(y_train)
    Xv, yv = flat(X_val), torch.as_tensor(y_val)
    model = build_mlp(
        [X.shape[1], 256, 128, int(y.max()) + 1], "relu", dropout=0.2, batch_norm=True
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    generator = torch.Generator().manual_seed(1)
    losses, best_state = [], None
    while time.perf_counter() - start < 0.75 * budget_s:
        train_epoch(model, X, y, nn.CrossEntropyLoss(), optimizer, 32, generator)
        losses.append(evaluate(model, Xv, yv)[0])
        _, best = early_stopping(losses, patience=5, min_delta=1e-4)
        if best == len(losses) - 1:
            best_state = copy.deepcopy(model.state_dict())
        if len(losses) - 1 - best >= 5:  # wait reached patience
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return lambda X_new: model(flat(X_new)).argmax(dim=1).detach().numpy()
