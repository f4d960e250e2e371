# de: F1 = 2TP / (2TP + FP + FN) aus der Konfusionsmatrix, mit np.errstate und nan_to_num
# en: F1 = 2TP / (2TP + FP + FN) from the confusion matrix, with np.errstate and nan_to_num
def per_class_metrics(y_true, y_pred, n_classes):
    C = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(C)
    fp, fn = C.sum(axis=0) - tp, C.sum(axis=1) - tp
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(tp / (tp + fp))
        recall = np.nan_to_num(tp / (tp + fn))
        f1 = np.nan_to_num(2 * tp / (2 * tp + fp + fn))
    return precision, recall, f1
