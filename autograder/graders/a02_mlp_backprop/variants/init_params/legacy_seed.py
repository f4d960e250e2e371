# de: np.random.seed und np.random.randn
# en: np.random.seed and randn
def init_params(layer_sizes, method="he", seed=0):
    np.random.seed(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if method == "he":
            W = np.random.randn(n_out, n_in) * np.sqrt(2.0 / n_in)
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = np.random.uniform(-limit, limit, (n_out, n_in))
        params.append((W, np.zeros(n_out)))
    return params
