# de: alle Einträge zu einem Vektor verkettet, np.linalg.norm
# en: all entries concatenated into one vector, np.linalg.norm
def clip_gradients(grads, max_norm):
    norm = np.linalg.norm(np.concatenate([np.ravel(g) for g in grads]))
    factor = max_norm / (norm + 1e-6)
    if factor >= 1:
        return [np.array(g, dtype=float) for g in grads]
    return [g * factor for g in grads]
