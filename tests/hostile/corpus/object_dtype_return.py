# task: xor_certificate
# verdict: zero
# attack: returns an object-dtype array
class Weird:
    def __float__(self):
        return 1.0


def xor_certificate():
    return np.array([Weird(), Weird(), Weird(), Weird()], dtype=object)
