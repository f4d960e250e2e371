# de: von der letzten Schicht rückwärts: r ← s·r + (k − s)
# en: from the last layer backwards: r ← s·r + (k − s)
def receptive_field(layers):
    r = 1
    for layer in reversed(layers):
        r = layer["stride"] * r + (layer["k"] - layer["stride"])
    return r
