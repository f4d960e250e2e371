# de: ein einzelnes Pixel, 3×3-Kern, Verschiebung nach oben links; Pooling: zwei Pixel, um (1, 1)
# en: a single pixel, a 3×3 kernel, a shift up and left; pooling: two pixels, by (1, 1)
def equivariance_certificate():
    X = np.zeros((1, 1, 9, 9))
    X[0, 0, 5, 6] = 1.0
    W = np.arange(9.0).reshape(1, 1, 3, 3)
    X_pool = np.zeros((1, 1, 5, 5))
    X_pool[0, 0, 1, 1:3] = [2.0, 3.0]  # one pixel alone would just move to the next window
    return {"X": X, "W": W, "shift": (-2, -3), "X_pool": X_pool, "shift_pool": (1, 1)}
