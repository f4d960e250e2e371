# de: Bias-Korrektur in die Lernrate umgestellt (η·√(1−β₂ᵗ)/(1−β₁ᵗ), ε·√(1−β₂ᵗ))
# en: bias correction moved into the step size (η·√(1−β₂ᵗ)/(1−β₁ᵗ), ε·√(1−β₂ᵗ))
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    root_c2 = np.sqrt(1 - beta2**t)
    step_size = lr * root_c2 / (1 - beta1**t)
    return w - step_size * m / (np.sqrt(v) + eps * root_c2), m, v
