# task: xor_certificate
# verdict: zero
# attack: ignores SIGTERM/SIGINT and loops
import signal


def xor_certificate():
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    while True:
        pass
