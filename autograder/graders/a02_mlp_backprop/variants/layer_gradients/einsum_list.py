# de: einsum, Rückgabe als Liste
# en: einsum, returned as a list
def layer_gradients(delta, A_prev):
    return [np.einsum("ni,nj->ij", delta, A_prev), np.einsum("ni->i", delta)]
