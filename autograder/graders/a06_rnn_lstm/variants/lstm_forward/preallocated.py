# de: Ergebnis-Arrays vorab angelegt, Index t
# en: result arrays allocated up front, index t
def lstm_forward(X, h0, c0, params):
    W, b = params
    T, N = X.shape[0], h0.shape[0]
    H = np.zeros((T, N, h0.shape[1]))
    C = np.zeros_like(H)
    h, c = h0, c0
    for t in range(T):
        h, c, _ = lstm_cell(X[t], h, c, W, b)
        H[t], C[t] = h, c
    return H, C
