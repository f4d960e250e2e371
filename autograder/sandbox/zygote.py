"""Clean zygotes, the trusted side: start them early, ask them for confined workers.

A zygote (``inside/zygote.py``) is a fresh ``python -I`` with the sandbox's environment and no
inherited descriptors, so it holds nothing of this process: not the graders, the references,
the secret seed or any submission, whenever it is started. It imports numpy and torch once;
each worker is then a fork of it that confines itself exactly as bubblewrap would (same mount
plan, uid, cgroups, rlimits, seccomp program), ready in milliseconds instead of seconds.

One zygote per (interpreter, forbidden libraries): a task that forbids torch gets workers from
a zygote that never imported it. Zygotes need root and Linux (pid file descriptors,
``pivot_root``); elsewhere workers are started through bubblewrap as before.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import socket
import subprocess
import tempfile
import threading
from typing import Any

from autograder.sandbox.inside import confine
from autograder.sandbox.launcher import SandboxSpec, sandbox_environment, worker_dir
from autograder.sandbox.mounts import FORBIDDABLE
from autograder.sandbox.process import ZygoteProcess

log = logging.getLogger(__name__)

PRELOAD = ("numpy", "torch")
READY_SECONDS = 120.0
SPAWN_SECONDS = 30.0
MAX_MESSAGE = 1 << 16


class ZygoteFailed(RuntimeError):
    """The zygote could not start or could not confine a worker; the message says why."""


def usable(spec: SandboxSpec) -> bool:
    return spec.zygote and not spec.unsafe_no_sandbox and confine.supported()


def preload_for(forbid: tuple[str, ...]) -> tuple[str, ...]:
    hidden = {name for library in forbid for name in FORBIDDABLE[library]}
    return tuple(name for name in PRELOAD if name not in hidden)


class Zygote:
    def __init__(self, python: str, forbid: tuple[str, ...]) -> None:
        self.preload = preload_for(forbid)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115  (the zygote's stderr, kept)
        env = sandbox_environment(())
        self._popen = subprocess.Popen(
            [
                python,
                "-I",
                "-B",
                str(worker_dir() / "zygote.py"),
                str(os.getpid()),
                str(theirs.fileno()),
                *self.preload,
            ],
            env=env,
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._errors,
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self._control = ours
        self._lock = threading.Lock()
        self.ready: dict[str, Any] | None = None

    @property
    def pid(self) -> int:
        return self._popen.pid

    def _receive(self, timeout: float, max_fds: int) -> tuple[dict[str, Any], list[int]]:
        self._control.settimeout(timeout)
        try:
            data, fds, _flags, _addr = socket.recv_fds(self._control, MAX_MESSAGE, max_fds)
        except TimeoutError:
            raise ZygoteFailed(f"no answer from the zygote within {timeout:g} s") from None
        except OSError as exc:
            raise ZygoteFailed(f"zygote connection: {exc}; {self._stderr_tail()}") from None
        if not data:
            raise ZygoteFailed(f"the zygote exited: {self._stderr_tail()}")
        return json.loads(data), fds

    def _stderr_tail(self) -> str:
        with contextlib.suppress(OSError):
            self._errors.seek(0)
            return self._errors.read()[-2000:].decode(errors="replace") or "(no output)"
        return "(no output)"

    def wait_ready(self) -> dict[str, Any]:
        if self.ready is None:
            self.ready, _ = self._receive(READY_SECONDS, 0)
        return self.ready

    def spawn(self, request: dict[str, Any]) -> ZygoteProcess:
        """A confined worker for ``request`` (see ``launcher.zygote_request``)."""
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        status_r, status_w = os.pipe()
        theirs = [stdin_r, stdout_w, stderr_w, status_w]
        mine = [stdin_w, stdout_r, stderr_r, status_r]
        try:
            with self._lock:
                self.wait_ready()
                socket.send_fds(self._control, [json.dumps(request).encode()], theirs)
                reply, pidfds = self._receive(SPAWN_SECONDS, 1)
        except ZygoteFailed:
            _close(mine)
            raise
        except OSError as exc:
            _close(mine)
            raise ZygoteFailed(f"zygote connection: {exc}; {self._stderr_tail()}") from None
        finally:
            _close(theirs)
        if not reply.get("ok") or len(pidfds) != 1:
            _close(mine + pidfds)
            raise ZygoteFailed(str(reply.get("error", "the zygote refused"))[:2000])
        return ZygoteProcess(stdin_w, stdout_r, stderr_r, status_r, pidfds)

    def alive(self) -> bool:
        return self._popen.poll() is None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._control.close()
        try:
            self._popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._popen.kill()
            self._popen.wait()
        self._errors.close()


def _close(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


_zygotes: dict[tuple[str, tuple[str, ...], int], Zygote] = {}
_registry_lock = threading.Lock()


def zygote_for(spec: SandboxSpec) -> Zygote | None:
    """This process's zygote for ``spec`` (started on first use), or None where unusable."""
    if not usable(spec):
        return None
    key = (spec.python, tuple(sorted(spec.forbid)), os.getpid())
    with _registry_lock:
        zygote = _zygotes.get(key)
        if zygote is None or not zygote.alive():
            if zygote is not None:
                log.warning("zygote %s exited; starting a new one", zygote.pid)
            zygote = _zygotes[key] = Zygote(spec.python, spec.forbid)
        return zygote


def prestart(specs: list[SandboxSpec]) -> None:
    """Start the zygotes these specs will use now, so their imports overlap our own loading."""
    for spec in specs:
        zygote_for(spec)


def shutdown() -> None:
    with _registry_lock:
        for key, zygote in list(_zygotes.items()):
            if key[2] == os.getpid():
                zygote.close()
            del _zygotes[key]


atexit.register(shutdown)
