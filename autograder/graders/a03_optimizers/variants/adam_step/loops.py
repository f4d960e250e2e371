# de: Schleife über die Koordinaten
# en: loop over the coordinates
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    import math

    out_w, out_m, out_v = [], [], []
    for wi, gi, mi, vi in zip(w, grad, m, v):
        mi = beta1 * mi + (1 - beta1) * gi
        vi = beta2 * vi + (1 - beta2) * gi**2
        m_hat, v_hat = mi / (1 - beta1**t), vi / (1 - beta2**t)
        out_w.append(wi - lr * m_hat / (math.sqrt(v_hat) + eps))
        out_m.append(mi)
        out_v.append(vi)
    return np.array(out_w), np.array(out_m), np.array(out_v)
