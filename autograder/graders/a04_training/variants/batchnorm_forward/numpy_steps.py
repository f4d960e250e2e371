# de: Schritt für Schritt mit x̂, ddof=1 für die laufende Varianz
# en: step by step with x̂, ddof=1 for the running variance
def batchnorm_forward(
    x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True
):
    if training:
        mu = np.mean(x, axis=0)
        sigma2 = np.mean((x - mu) ** 2, axis=0)
        x_hat = (x - mu) / np.sqrt(sigma2 + eps)
        running_mean = running_mean + momentum * (mu - running_mean)
        running_var = running_var + momentum * (np.var(x, axis=0, ddof=1) - running_var)
    else:
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
    return gamma * x_hat + beta, running_mean, running_var
