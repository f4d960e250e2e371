# de: np.nditer wie CS231n
# en: np.nditer like CS231n
def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])

    def f_at(ix, value):
        old = x[ix]
        x[ix] = value
        fx = f(x)
        x[ix] = old
        return fx

    while not it.finished:
        ix = it.multi_index
        grad[ix] = (f_at(ix, x[ix] + eps) - f_at(ix, x[ix] - eps)) / (2 * eps)
        it.iternext()
    return grad
