# de: Y_hat.size und len
# en: Y_hat.size and len
def output_delta(Y_hat, Y, loss):
    diff = np.asarray(Y_hat) - np.asarray(Y)
    return 2 * diff / diff.size if loss == "mse" else diff / len(diff)
