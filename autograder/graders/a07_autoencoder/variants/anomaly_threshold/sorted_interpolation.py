# de: sortieren und linear zwischen zwei Nachbarn interpolieren
# en: sort and interpolate linearly between two neighbours
def anomaly_threshold(errors, y, q=0.99):
    normal = np.sort([e for e, label in zip(errors, y) if not label])
    position = q * (len(normal) - 1)
    below = int(np.floor(position))
    above = min(below + 1, len(normal) - 1)
    return normal[below] + (position - below) * (normal[above] - normal[below])
