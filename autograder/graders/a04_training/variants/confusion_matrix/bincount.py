# de: np.bincount über den Index t·K + p
# en: np.bincount over the index t·K + p
def confusion_matrix(y_true, y_pred, n_classes):
    flat = np.asarray(y_true) * n_classes + np.asarray(y_pred)
    return np.bincount(flat, minlength=n_classes**2).reshape(n_classes, n_classes)
