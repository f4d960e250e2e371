# de: eine Liste der Parameter pro Schicht, am Ende summiert
# en: a list of per-layer counts, summed at the end
def cnn_param_count(layers, input_shape):
    channels, height, width = input_shape
    counts = []
    for spec in layers:
        if spec["type"] == "conv":
            counts.append((channels * spec["k"] ** 2 + 1) * spec["out"])
            channels = spec["out"]
        if spec["type"] in ("conv", "pool"):
            pad = spec.get("padding", 0)
            height = conv_output_size(height, spec["k"], spec["stride"], pad)
            width = conv_output_size(width, spec["k"], spec["stride"], pad)
        if spec["type"] == "dense":
            counts.append((channels * height * width + 1) * spec["out"])
            channels, height, width = spec["out"], 1, 1
    return sum(counts)
