# de: Schleife über die Klassen mit TP, FP, FN
# en: loop over the classes with TP, FP, FN
def per_class_metrics(y_true, y_pred, n_classes):
    precision, recall, f1 = np.zeros(n_classes), np.zeros(n_classes), np.zeros(n_classes)
    for k in range(n_classes):
        tp = np.sum((y_true == k) & (y_pred == k))
        fp = np.sum((y_true != k) & (y_pred == k))
        fn = np.sum((y_true == k) & (y_pred != k))
        precision[k] = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall[k] = tp / (tp + fn) if tp + fn > 0 else 0.0
        if precision[k] + recall[k] > 0:
            f1[k] = 2 * precision[k] * recall[k] / (precision[k] + recall[k])
    return precision, recall, f1
