# de: eine Matrix [W_x | W_h] auf die Verkettung [x_t, h_{t−1}]
# en: one matrix [W_x | W_h] on the concatenation [x_t, h_{t−1}]
def rnn_forward(X, h0, Wx, Wh, b):
    W = np.hstack([Wx, Wh])
    H = np.zeros((len(X), h0.shape[0], Wh.shape[0]))
    h = h0
    for t in range(len(X)):
        h = np.tanh(np.hstack([X[t], h]) @ W.T + b)
        H[t] = h
    return H, (X, h0, Wx, Wh, H)
