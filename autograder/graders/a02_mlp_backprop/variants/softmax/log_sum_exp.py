# de: exp(z − logsumexp(z))
# en: exp(z − logsumexp(z))
def softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - lse)
