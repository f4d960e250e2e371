# de: torch.nn.functional.batch_norm (ändert die laufenden Statistiken in place)
# en: torch.nn.functional.batch_norm (updates the running statistics in place)
def batchnorm_forward(
    x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True
):
    import torch

    rm = torch.tensor(running_mean, dtype=torch.float64)
    rv = torch.tensor(running_var, dtype=torch.float64)
    y = torch.nn.functional.batch_norm(
        torch.as_tensor(x, dtype=torch.float64),
        rm,
        rv,
        torch.as_tensor(gamma, dtype=torch.float64),
        torch.as_tensor(beta, dtype=torch.float64),
        training=training,
        momentum=momentum,
        eps=eps,
    )
    return y, rm, rv
