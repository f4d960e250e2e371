# task: xor_certificate
# verdict: zero
# attack: prints hundreds of megabytes, then answers wrongly
import sys


def xor_certificate():
    line = "passed " * 1000 + "\n"
    for _ in range(40_000):
        sys.stdout.write(line)
        sys.stderr.write(line)
    return np.zeros(4)
