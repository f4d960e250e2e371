# de: positives Vielfaches, als Liste
# en: positive multiple, as a list
def xor_certificate():
    return [2, 2, 2, 2]
