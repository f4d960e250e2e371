# de: np.fmax und .max()
# en: np.fmax and .max()
def relative_error(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return (np.abs(a - b) / np.fmax(np.abs(a) + np.abs(b), 1e-8)).max()
