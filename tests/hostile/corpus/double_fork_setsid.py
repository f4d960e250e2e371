# task: xor_certificate
# verdict: zero
# attack: a setsid'd grandchild that tries to outlive grading
import os
import time


def xor_certificate():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                time.sleep(1)
        os._exit(0)
    while True:
        time.sleep(1)
