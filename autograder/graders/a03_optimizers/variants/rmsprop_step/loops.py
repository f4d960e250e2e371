# de: Schleife über die Koordinaten
# en: loop over the coordinates
def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    import math

    s_new = [beta * si + (1 - beta) * gi * gi for si, gi in zip(s, grad)]
    w_new = [wi - lr * gi / math.sqrt(si + eps) for wi, gi, si in zip(w, grad, s_new)]
    return np.array(w_new), np.array(s_new)
