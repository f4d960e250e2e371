# de: Schleife, Rückgabe als Liste
# en: loop, list returned
def sgd_step(w, grad, lr):
    return [wi - lr * gi for wi, gi in zip(w, grad)]
