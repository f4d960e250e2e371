# de: wie Keras' Callback mit Zustand in einem dict
# en: like Keras' callback, state in a dict
def early_stopping(val_losses, patience, min_delta):
    state = {"best": float("inf"), "best_epoch": 0, "wait": 0}
    for epoch, current in enumerate(val_losses):
        state["wait"] += 1
        if current + min_delta < state["best"]:
            state.update(best=current, best_epoch=epoch, wait=0)
        elif state["wait"] >= patience:
            return epoch, state["best_epoch"]
    return len(val_losses) - 1, state["best_epoch"]
