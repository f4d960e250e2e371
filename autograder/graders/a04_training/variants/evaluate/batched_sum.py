# de: in Batches mit summiertem Verlust (reduction="sum"), durch N geteilt
# en: in batches with a summed loss (reduction="sum"), divided by N
def evaluate(model, X, y):
    model.eval()
    total_loss, hits = 0.0, 0
    with torch.inference_mode():
        for i in range(0, len(X), 8):
            logits = model(X[i : i + 8])
            total_loss += nn.CrossEntropyLoss(reduction="sum")(logits, y[i : i + 8]).item()
            hits += int((torch.argmax(logits, dim=-1) == y[i : i + 8]).sum())
    return total_loss / len(X), hits / len(X)
