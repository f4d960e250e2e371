# de: skalierte Gewichte als Listen
# en: scaled weights as lists
def xor_net_weights():
    return [[10, 10], [-10, -10]], [-5, 15], [[10, 10]], [-15]
