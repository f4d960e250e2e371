# de: np.percentile mit 100·q
# en: np.percentile with 100·q
def anomaly_threshold(errors, y, q=0.99):
    return np.percentile(errors[y == 0], 100 * q)
