# de: Summe / Anzahl der Einträge
# en: sum / number of entries
def mse(y_hat, y):
    d = np.asarray(y_hat) - np.asarray(y)
    return float((d * d).sum() / d.size)
