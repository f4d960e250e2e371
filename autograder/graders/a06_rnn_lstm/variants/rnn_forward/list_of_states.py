# de: Zustände in einer Liste gesammelt, mit np.stack
# en: states collected in a list, np.stack
def rnn_forward(X, h0, Wx, Wh, b):
    states = []
    h = h0
    for x_t in X:
        h = np.tanh(x_t @ Wx.T + h @ Wh.T + b)
        states.append(h)
    H = np.stack(states)
    return H, (X, h0, Wx, Wh, H)
