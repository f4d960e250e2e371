# de: torch.nn.init mit torch.manual_seed
# en: torch.nn.init with torch.manual_seed
def init_params(layer_sizes, method="he", seed=0):
    import torch

    torch.manual_seed(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = torch.empty(n_out, n_in, dtype=torch.float64)
        if method == "he":
            torch.nn.init.kaiming_normal_(W, nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(W)
        params.append((W, torch.zeros(n_out, dtype=torch.float64)))
    return params
