# de: while-Schleife, Verbesserung als best − current > min_delta
# en: while loop, improvement as best − current > min_delta
def early_stopping(val_losses, patience, min_delta):
    best_epoch, epoch, since = 0, 0, 0
    best = val_losses[0]
    while epoch + 1 < len(val_losses) and since < patience:
        epoch += 1
        if best - val_losses[epoch] > min_delta:
            best, best_epoch, since = val_losses[epoch], epoch, 0
        else:
            since += 1
    return epoch, best_epoch
