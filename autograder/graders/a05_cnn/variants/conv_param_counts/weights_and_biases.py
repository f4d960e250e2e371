# de: Gewichte und Biases getrennt gezählt
# en: weights and biases counted separately
def conv_param_counts(c_in, c_out, k, H, W):
    pixels = H * W
    filter_weights = c_in * k**2
    return {
        "conv": c_out * filter_weights + c_out,
        "local": pixels * c_out * filter_weights + pixels * c_out,
        "dense": (c_in * pixels) * (c_out * pixels) + c_out * pixels,
    }
