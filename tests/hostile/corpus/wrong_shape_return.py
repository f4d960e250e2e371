# task: xor_net_weights
# verdict: zero
# attack: returns arrays of the wrong shapes
def xor_net_weights():
    return np.zeros((2, 1)), np.zeros((3,)), np.zeros((2, 1)), np.zeros((2, 2))
