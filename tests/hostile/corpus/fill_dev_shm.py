# task: xor_certificate
# verdict: zero
# attack: fills /dev/shm
def xor_certificate():
    with open("/dev/shm/fill", "wb") as handle:
        while True:
            handle.write(b"x" * (1 << 20))
