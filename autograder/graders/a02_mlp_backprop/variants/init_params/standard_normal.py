# de: standard_normal · σ und random(·)·2a − a
# en: standard_normal · σ and random(·)·2a − a
def init_params(layer_sizes, method="he", seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for i in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[i - 1], layer_sizes[i]
        if method == "he":
            W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
        else:
            a = np.sqrt(6 / (fan_in + fan_out))
            W = rng.random((fan_out, fan_in)) * 2 * a - a
        params.append([W, np.zeros(fan_out)])
    return params
