# de: Form (C, H, W) mitführen, Formel ohne conv_output_size
# en: carrying the shape (C, H, W), the formula written out
def cnn_param_count(layers, input_shape):
    shape = tuple(input_shape)
    params = 0
    for layer in layers:
        C, H, W = shape
        kind = layer["type"]
        if kind == "dense":
            params += C * H * W * layer["out"] + layer["out"]
            shape = (layer["out"], 1, 1)
            continue
        pad = layer["padding"] if kind == "conv" else 0
        H = (H + 2 * pad - layer["k"]) // layer["stride"] + 1
        W = (W + 2 * pad - layer["k"]) // layer["stride"] + 1
        if kind == "conv":
            params += layer["out"] * C * layer["k"] * layer["k"] + layer["out"]
            C = layer["out"]
        shape = (C, H, W)
    return params
