# de: In-place-Update auf einer Kopie
# en: in-place update on a copy
def sgd_step(w, grad, lr):
    w_new = np.array(w, dtype=float, copy=True)
    w_new -= lr * grad
    return w_new
