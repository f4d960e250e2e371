# task: neuron
# verdict: zero
# attack: an ndarray subclass that claims equality everywhere
class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __array_function__(self, *args, **kwargs):
        return True

    def __array_ufunc__(self, *args, **kwargs):
        return np.zeros(self.shape)


def neuron(w, X, activation="step"):
    return np.zeros(len(X)).view(Liar)
