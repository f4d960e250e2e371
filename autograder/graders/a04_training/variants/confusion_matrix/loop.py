# de: Schleife über die Beispiele
# en: loop over the samples
def confusion_matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C
