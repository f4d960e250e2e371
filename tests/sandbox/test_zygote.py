"""The clean zygote: its workers see nothing of the trusted process, and nothing outlives it."""

from __future__ import annotations

import hashlib
import math
import os
import secrets
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from autograder.sandbox import preload, uids, zygote
from autograder.sandbox.launcher import Limits, SandboxSpec
from autograder.sandbox.process import ZygoteProcess
from autograder.sandbox.session import CodeCell, WorkerSession
from tests.conftest import REPO

SPEC = SandboxSpec(limits=Limits(call_seconds=20, submission_seconds=60))

pytestmark = pytest.mark.skipif(not zygote.usable(SPEC), reason="the zygote needs root on Linux")

# The worker gets only the canary's prefix and digest: the canary itself must not reach it.
SEARCH = textwrap.dedent(
    """
    import ctypes, gc, hashlib, os, re, sys

    def _found(blob, prefix, digest):
        for match in re.finditer(re.escape(prefix) + rb"[0-9a-f]{32}", blob):
            if hashlib.sha256(match.group()).hexdigest() == digest:
                return True
        return False

    def search(prefix, digest, secret_path, planted):
        prefix = prefix.encode()
        planted_digest = hashlib.sha256(planted.encode()).hexdigest()
        out = {"modules": sorted(m for m in sys.modules
                                 if m.split(".")[0] in ("autograder", "solutions", "pytest"))}
        out["objects"] = any(
            isinstance(o, (str, bytes)) and _found(o.encode() if isinstance(o, str) else o,
                                                  prefix, digest)
            for o in gc.get_objects() + [v for o in gc.get_objects() if isinstance(o, dict)
                                         for v in o.values()]
        )
        out["environ"] = _found(repr(dict(os.environ)).encode(), prefix, digest)
        out["fds"] = sorted(_target(fd) for fd in os.listdir("/proc/self/fd"))
        out["secret_file"] = os.path.exists(secret_path)
        memory, scanned, control = False, 0, False
        ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: let us read our own memory
        with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
            for line in maps:
                fields = line.split()
                if "rw" not in fields[1]:
                    continue
                start, end = (int(x, 16) for x in fields[0].split("-"))
                try:
                    mem.seek(start)
                    blob = mem.read(end - start)
                except (OSError, OverflowError, ValueError):
                    continue
                scanned += len(blob)
                memory = memory or _found(blob, prefix, digest)
                control = control or _found(blob, prefix, planted_digest)
        out["memory"], out["scanned"], out["control"] = memory, scanned, control
        out["init_environ"] = _readable("/proc/1/environ")
        return out

    def _target(fd):
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return "gone"  # the descriptor of the listing itself

    def _readable(path):
        try:
            with open(path, "rb") as handle:
                return handle.read()[:1] is not None
        except OSError:
            return False
    """
)


def test_a_worker_sees_nothing_the_trusted_process_loaded(tmp_path, monkeypatch):
    """Secrets loaded before the zygote starts (memory, environment, an open file) stay out."""
    canary = "AGCANARY-" + secrets.token_hex(16)
    secret_file = tmp_path / "grading.toml"
    secret_file.write_text(f'secret_seed = "{canary}"\n')
    handle = open(secret_file)  # an open descriptor in the trusted process  # noqa: SIM115
    kept_in_memory = [canary * 3, canary.encode()]
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", canary)
    import solutions.a01_perceptron_xor  # noqa: F401  (a reference, loaded in the trusted process)

    zygote.shutdown()  # the zygote starts only now, after all of that was loaded
    try:
        with WorkerSession(SPEC, [CodeCell("search", SEARCH)]) as worker:
            digest = hashlib.sha256(canary.encode()).hexdigest()
            planted = "AGCANARY-" + secrets.token_hex(16)  # sent on purpose: the scan must see it
            found = worker.call("search", "AGCANARY-", digest, str(secret_file), planted)
            assert isinstance(worker._process.child, ZygoteProcess)
    finally:
        handle.close()
    assert kept_in_memory
    assert found["modules"] == []
    assert not found["objects"] and not found["environ"]
    assert found["control"], "the memory scan does not even find a value sent to the worker"
    assert not found["memory"] and found["scanned"] > 50 << 20  # the whole writable memory
    # only the worker's own: its protocol pipes, /dev/null as stdin, the listing itself
    assert all(t.startswith(("pipe:", "/dev/null", "gone")) for t in found["fds"]), found["fds"]
    assert not found["secret_file"]
    assert not found["init_environ"]  # the namespace's init is not readable either


def test_the_zygote_has_imported_numpy_and_torch_once():
    code = "import sys\ndef loaded():\n    return sorted(m for m in ('numpy', 'torch') if m in sys.modules)\n"
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        assert worker.call("loaded") == ["numpy", "torch"]


def test_a_task_without_torch_gets_a_zygote_that_never_imported_it():
    code = textwrap.dedent(
        """
        import sys
        def probe():
            try:
                import torch  # noqa: F401
                imported = "yes"
            except ImportError as exc:
                imported = str(exc)
            return "torch" in sys.modules, imported
        """
    )
    spec = SandboxSpec(limits=SPEC.limits, forbid=("torch",))
    with WorkerSession(spec, [CodeCell("c", code)]) as worker:
        in_modules, imported = worker.call("probe")
    assert in_modules is False
    assert "nicht erlaubt" in imported


def test_a_zygote_without_torch_lets_a_worker_import_torch_itself(monkeypatch):
    """What ``grade`` does when no notebook mentions torch (``preload.py``): a student who
    imports it anyway pays the import in the worker, and the code still runs."""
    monkeypatch.setenv(preload.ENV, "0")
    code = textwrap.dedent(
        """
        import sys
        def probe():
            before = "torch" in sys.modules
            torch = __import__("tor" + "ch")
            return before, float(torch.ones(3, dtype=torch.float64).sum())
        """
    )
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        before, total = worker.call("probe")
        assert isinstance(worker._process.child, ZygoteProcess)
    assert before is False and total == 3.0


def test_unseeded_randomness_differs_between_workers():
    code = (
        "import numpy as np, random, torch\n"
        "def draw():\n"
        "    return float(np.random.rand()), random.random(), float(torch.rand(1))\n"
    )
    draws = []
    for _ in range(2):
        with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
            draws.append(worker.call("draw"))
    assert all(first != second for first, second in zip(*draws, strict=True))


def test_torch_has_taken_its_first_steps_in_the_zygote_and_left_no_thread():
    """The first backward pass of a worker finds torch's kernels and autograd engine ready;
    warming them up in the zygote started no thread (a fork would copy only one)."""
    code = (
        "import os, torch\n"
        "def steps():\n"
        "    w = torch.ones(3, 3, dtype=torch.float64, requires_grad=True)\n"
        "    torch.tanh(w @ w).sum().backward()\n"
        "    return float(w.grad.sum()), len(os.listdir('/proc/self/task'))\n"
    )
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        gradient, threads = worker.call("steps")
    assert threads == 1
    assert abs(gradient - 54 * (1 - math.tanh(3.0) ** 2)) < 1e-9  # 9 entries of 6·tanh′(3)


def test_a_dead_zygote_is_replaced():
    code = "def one():\n    return 1\n"
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        assert worker.call("one") == 1
    first = zygote.zygote_for(SPEC)
    assert first is not None
    os.kill(first.pid, signal.SIGKILL)
    first._popen.wait()
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        assert worker.call("one") == 1
        assert isinstance(worker._process.child, ZygoteProcess)
    second = zygote.zygote_for(SPEC)
    assert second is not None and second.pid != first.pid


def test_a_released_zygote_ends_without_being_waited_for_and_a_new_one_serves():
    code = "def one():\n    return 1\n"
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        assert worker.call("one") == 1
    first = zygote.zygote_for(SPEC)
    assert isinstance(first, zygote.Zygote)
    zygote.release()  # returns at once; the zygote sees its connection end and exits
    assert first._popen.wait(timeout=10) == 0
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        assert worker.call("one") == 1
    second = zygote.zygote_for(SPEC)
    assert second is not None and second.pid != first.pid
    zygote.shutdown()  # waits for the released one (gone) and the new one
    assert second._popen.poll() is not None


GRADER = textwrap.dedent(
    """
    import sys, time
    from autograder.sandbox.launcher import Limits, SandboxSpec
    from autograder.sandbox.session import CodeCell, WorkerSession
    code = '''
    import os, subprocess
    def escape(marker):
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv("/usr/bin/sleep", ["sleep", marker])
            os._exit(0)
        os.wait()
        subprocess.Popen(["/usr/bin/sleep", marker])
        return os.getpid()
    '''
    spec = SandboxSpec(limits=Limits(call_seconds=20, submission_seconds=60))
    worker = WorkerSession(spec, [CodeCell("c", code)])
    worker.call("escape", sys.argv[1])
    print("ready", flush=True)
    time.sleep(600)
    """
)


def _running(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if handle.read().split(b"\0")[1:2] == [marker.encode()]:
                        with open(f"/proc/{entry}/stat") as stat:
                            if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                                found.append(int(entry))
            except OSError:
                continue
    return found


def test_killing_the_grader_ends_the_zygote_and_every_worker():
    marker = f"{7000 + secrets.randbelow(10**6)}.{secrets.randbelow(10**6)}"
    grader = subprocess.Popen(
        [sys.executable, "-c", GRADER, marker],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert grader.stdout is not None
        assert grader.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 5
        while len(_running(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)  # until both have exec'd
        assert len(_running(marker)) == 2  # the setsid'd grandchild and a plain child
        zygotes = _children_running("zygote.py", grader.pid)
        assert zygotes
        grader.kill()  # kill -9: no cleanup code of the grader runs
        grader.wait()
        deadline = time.monotonic() + 5
        while (_running(marker) or _alive(zygotes)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _running(marker) == []
        assert not _alive(zygotes)
    finally:
        grader.kill()


def _children_running(script: str, parent: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if ppid == parent and script.encode() in handle.read():
                        pids.append(int(entry))
            except OSError:
                continue
    return pids


def _alive(pids: list[int]) -> bool:
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                    return True
        except OSError:
            continue
    return False


def test_other_grader_processes_share_the_batch_zygote(monkeypatch):
    """A batch's grader processes connect to the main process's zygote through its socket."""
    addresses = zygote.shared_addresses([SPEC])
    (address,) = addresses.values()
    assert oct(os.stat(os.path.dirname(address)).st_mode & 0o777) == "0o700"
    shared = zygote.SharedZygote(address)
    lease = uids.lease_uid()
    try:
        process = shared.spawn(_request(lease.uid))
        process.kill()
        process.close()
        assert process.returncode is not None
    finally:
        shared.close()
        lease.release()
    monkeypatch.setattr(zygote, "CONNECT_SECONDS", 0.1)  # no socket ever appears there
    broken = zygote.SharedZygote(address + ".missing")
    with pytest.raises(zygote.ZygoteFailed):
        broken.spawn(_request(uids.UID_BASE))
    assert not broken.alive()  # the registry then starts a zygote of its own


def test_a_grader_process_may_connect_while_the_zygote_still_imports():
    """Grader processes start faster than torch loads: they connect, and their first request
    waits for the imports (before, they found no socket and started zygotes of their own)."""
    owner = zygote.Zygote(*zygote._key(SPEC))
    shared = zygote.SharedZygote(owner.address)
    lease = uids.lease_uid()
    try:
        deadline = time.monotonic() + 5
        while not os.path.exists(owner.address) and time.monotonic() < deadline:
            time.sleep(0.005)  # the socket exists at once, long before torch is imported
        with open(f"/proc/{owner.pid}/maps") as maps:
            assert "libtorch" not in maps.read()  # listening before numpy, let alone torch
        process = shared.spawn(_request(lease.uid))
        process.kill()
        process.close()
        assert shared.alive() and owner.wait_ready()["preloaded"] == ["numpy", "torch"]
    finally:
        shared.close()
        owner.close()
        lease.release()


def _request(uid: int) -> dict:
    from autograder.sandbox import seccomp
    from autograder.sandbox.launcher import zygote_request

    return zygote_request(SPEC, seccomp.filter_program(), uid, [])


def test_the_zygote_refuses_a_worker_without_a_uid_to_drop_to():
    """A request without a uid (a bug on our side) must not run anything as root."""
    owner = zygote.zygote_for(SPEC)
    assert isinstance(owner, zygote.Zygote)
    request = {**_request(uids.UID_BASE), "uid": None}
    process = owner.spawn(request)
    try:
        assert process.wait(10) is not None  # the init ended before forking any worker
        assert b"sandbox setup failed (init)" in os.read(process.stderr_fd, 4096)
    finally:
        process.kill()
        process.close()


def test_a_small_memory_limit_gets_a_zygote_without_torch():
    """torch maps ~600 MiB; a forked worker inherits that, so small limits preload numpy only."""
    code = textwrap.dedent(
        """
        import sys
        import numpy as np
        def probe():
            block = np.ones(100 << 20, dtype=np.uint8)  # 100 MiB must still fit
            return "torch" in sys.modules, int(block.sum())
        """
    )
    spec = SandboxSpec(limits=Limits(memory_bytes=512 << 20, call_seconds=20))
    with WorkerSession(spec, [CodeCell("c", code)]) as worker:
        torch_loaded, total = worker.call("probe")
        assert isinstance(worker._process.child, ZygoteProcess)
    assert torch_loaded is False and total == 100 << 20


def test_the_worker_is_pid_2_under_an_init_of_its_own_uid():
    """The worker is born into its init's pid namespace (the zygote's child, so its parent is
    outside: 0); the init, pid 1, runs as the worker's uid, not as root."""
    code = textwrap.dedent(
        """
        import os
        def probe():
            with open("/proc/1/status") as handle:
                uid = next(line.split()[1] for line in handle if line.startswith("Uid:"))
            return os.getpid(), os.getppid(), int(uid), os.getuid(), sorted(os.listdir("/proc"))
        """
    )
    with WorkerSession(SPEC, [CodeCell("c", code)]) as worker:
        pid, parent, init_uid, own_uid, listing = worker.call("probe")
        assert isinstance(worker._process.child, ZygoteProcess)
    assert (pid, parent) == (2, 0)
    assert init_uid == own_uid != 0
    assert [entry for entry in listing if entry.isdigit()] == ["1", "2"]


def test_a_worker_that_ends_takes_its_escaped_processes_along():
    """Without the grader killing anything: when the worker ends, the zygote ends its init,
    and with it a setsid'd grandchild still running in the namespace."""
    from autograder.sandbox.inside import codec

    marker = f"{7000 + secrets.randbelow(10**6)}.{secrets.randbelow(10**6)}"
    source = textwrap.dedent(
        f"""
        import os
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execv("/usr/bin/sleep", ["sleep", "{marker}"])
            os._exit(0)
        os.wait()
        """
    )
    owner = zygote.zygote_for(SPEC)
    assert isinstance(owner, zygote.Zygote)
    lease = uids.lease_uid()
    process = owner.spawn(_request(lease.uid))
    try:
        message = codec.pack_message({"op": "exec", "cell": "c", "source": source, "id": 1}, [])
        os.write(process.stdin_fd, message)
        deadline = time.monotonic() + 10
        while not _running(marker) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _running(marker)  # the escape ran
        os.close(process.stdin_fd)  # the worker reads its end of input and ends
        process.stdin_fd = os.open(os.devnull, os.O_RDONLY)  # (closed again by close())
        assert process.wait(10) == 0
        deadline = time.monotonic() + 5
        while _running(marker) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _running(marker) == []
    finally:
        process.kill()
        process.close()
        lease.release()
