# de: Decay, dann adam_step aufgerufen
# en: decay, then a call of adam_step
def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w = w - lr * weight_decay * w
    return adam_step(w, grad, m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
