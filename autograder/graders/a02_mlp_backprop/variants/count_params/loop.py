# de: Schleife mit Index
# en: loop with an index
def count_params(layer_sizes):
    total = 0
    for i in range(1, len(layer_sizes)):
        total += layer_sizes[i] * layer_sizes[i - 1] + layer_sizes[i]
    return total
