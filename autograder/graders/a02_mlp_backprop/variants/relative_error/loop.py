# de: Schleife
# en: loop
def relative_error(a, b):
    worst = 0.0
    for x, y in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(x - y) / max(abs(x) + abs(y), 1e-8))
    return worst
