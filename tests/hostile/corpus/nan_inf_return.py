# task: xor_certificate
# verdict: zero
# attack: returns NaN and inf
def xor_certificate():
    return np.array([np.nan, np.inf, -np.inf, np.nan])
