# de: Summe der äußeren Produkte
# en: sum of outer products
def layer_gradients(delta, A_prev):
    dW = sum(np.outer(d, a) for d, a in zip(delta, A_prev))
    db = sum(d for d in delta)
    return dW, db
