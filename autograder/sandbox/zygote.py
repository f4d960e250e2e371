"""Clean zygotes, the trusted side: start them early, ask them for confined workers.

A zygote (``inside/zygote.py``) is a fresh ``python -I`` with the sandbox's environment and no
inherited descriptors, so it holds nothing of this process: not the graders, the references,
the secret seed or any submission, whenever it is started. It imports numpy and torch once;
each worker is then a fork of it that confines itself exactly as bubblewrap would (same mount
plan, uid, cgroups, rlimits, seccomp program), ready in milliseconds instead of seconds.

One zygote per (interpreter, preloaded modules, their environment): a task that forbids torch, or
whose memory limit is too small for it, gets workers from a zygote that never imported it; an
assignment that declares more to preload (``[sandbox]``, ``preload.Preload``) gets its own.
A batch's main process owns the zygotes; its parallel grader
processes connect to them through a socket in a root-only folder (``share``). Zygotes need root and Linux (pid file descriptors,
``pivot_root``); elsewhere workers are started through bubblewrap as before.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

from autograder.sandbox import preload
from autograder.sandbox.inside import confine
from autograder.sandbox.launcher import SandboxMode, SandboxSpec, sandbox_environment, worker_dir
from autograder.sandbox.mounts import FORBIDDABLE
from autograder.sandbox.process import ZygoteProcess
from autograder.sandbox.scratch import private_folder

log = logging.getLogger(__name__)

PRELOAD = ("numpy", "torch")
TORCH_MIN_MEMORY = 1 << 30
DECLARED_MIN_MEMORY = 2 << 30  # numpy, torch, torch._dynamo and keras map ≈ 960 MiB
READY_SECONDS = 120.0
SPAWN_SECONDS = 30.0
CONNECT_SECONDS = 2.0  # a starting zygote listens within milliseconds
MAX_MESSAGE = 1 << 16


class ZygoteFailed(RuntimeError):
    """The zygote could not start or could not confine a worker; the message says why."""


def usable(spec: SandboxSpec) -> bool:
    return spec.mode is SandboxMode.ZYGOTE and confine.supported()


def preload_for(spec: SandboxSpec) -> tuple[str, ...]:
    """What the zygote for ``spec`` imports: numpy and torch, but never a forbidden library, and
    not torch where the worker's address-space limit is too small to hold it (a forked worker
    inherits the zygote's mappings; torch alone maps about 600 MiB), and not torch where nothing
    this command grades mentions it (``preload.py``); then what the assignment declares, but
    not for a worker that forbids a library (a declared module may import it) or whose limit
    is too small for all of it. numpy alone for the doctor's probe (``zygote_numpy_only``)."""
    hidden = {name for library in spec.forbid for name in FORBIDDABLE[library]}
    if (
        spec.zygote_numpy_only
        or spec.limits.memory_bytes < TORCH_MIN_MEMORY
        or not preload.torch_wanted()
    ):
        hidden.add("torch")
    return tuple(name for name in PRELOAD if name not in hidden) + _declared(spec)


def _declared(spec: SandboxSpec) -> tuple[str, ...]:
    if spec.forbid or spec.zygote_numpy_only or spec.limits.memory_bytes < DECLARED_MIN_MEMORY:
        return ()
    return tuple(name for name in spec.preload.modules if name not in PRELOAD)


class Connection:
    """One SOCK_SEQPACKET connection to a zygote: send a request with pipe ends, get a pidfd."""

    def __init__(self, sock: socket.socket, describe: Callable[[], str]) -> None:
        self._sock = sock
        self._describe = describe  # what to say when the zygote is gone
        self._lock = threading.Lock()

    def receive(self, timeout: float, max_fds: int) -> tuple[dict[str, Any], list[int]]:
        self._sock.settimeout(timeout)
        try:
            data, fds, _flags, _addr = socket.recv_fds(self._sock, MAX_MESSAGE, max_fds)
        except TimeoutError:
            raise ZygoteFailed(f"no answer from the zygote within {timeout:g} s") from None
        except OSError as exc:
            raise ZygoteFailed(f"zygote connection: {exc}; {self._describe()}") from None
        if not data:
            raise ZygoteFailed(f"the zygote exited: {self._describe()}")
        return json.loads(data), fds

    def spawn(self, request: dict[str, Any], seconds: float = SPAWN_SECONDS) -> ZygoteProcess:
        """A confined worker for ``request`` (see ``launcher.zygote_request``)."""
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        status_r, status_w = os.pipe()
        theirs = [stdin_r, stdout_w, stderr_w, status_w]
        mine = [stdin_w, stdout_r, stderr_r, status_r]
        try:
            with self._lock:
                socket.send_fds(self._sock, [json.dumps(request).encode()], theirs)
                reply, pidfds = self.receive(seconds, 2)
        except ZygoteFailed:
            _close(mine)
            raise
        except OSError as exc:
            _close(mine)
            raise ZygoteFailed(f"zygote connection: {exc}; {self._describe()}") from None
        finally:
            _close(theirs)
        if not reply.get("ok") or len(pidfds) != 2:  # the worker's and its init's
            _close(mine + pidfds)
            raise ZygoteFailed(str(reply.get("error", "the zygote refused"))[:2000])
        return ZygoteProcess(stdin_w, stdout_r, stderr_r, status_r, pidfds)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()


class Zygote:
    """A zygote this process started and owns (it ends when we close it or die)."""

    def __init__(
        self, python: str, preload: tuple[str, ...], env: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.preload = preload
        self._folder = str(private_folder("agzygote-"))  # 0700: only root connects
        self.address = os.path.join(self._folder, "zygote.sock")
        root = os.path.join(self._folder, "root")  # the workers' mount point (empty, host side)
        os.mkdir(root)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115  (the zygote's stderr, kept)
        self._popen = subprocess.Popen(
            [
                python,
                "-I",
                "-B",
                str(worker_dir() / "zygote.py"),
                str(os.getpid()),
                str(theirs.fileno()),
                self.address,
                root,
                *self.preload,
            ],
            env={**dict(env), **sandbox_environment(())},  # what the imports need
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._errors,
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self._connection = Connection(ours, self._stderr_tail)
        self._ready_lock = threading.Lock()
        self.ready: dict[str, Any] | None = None
        self.failure: str | None = None  # why it refused to serve (see ``wait_ready``)

    @property
    def pid(self) -> int:
        return self._popen.pid

    def _stderr_tail(self) -> str:
        with contextlib.suppress(OSError, ValueError):
            self._errors.seek(0)
            return self._errors.read()[-2000:].decode(errors="replace") or "(no output)"
        return "(no output)"

    def wait_ready(self) -> dict[str, Any]:
        """Its ready message; ZygoteFailed when it refused to serve (a preloaded module left
        threads running: a fork would be unsafe), each time it is asked (workers then start
        through bubblewrap, and no new zygote repeats the imports for each of them)."""
        with self._ready_lock:
            if self.ready is None and self.failure is None:
                ready, _ = self._connection.receive(READY_SECONDS, 0)
                if ready.get("ready") is True:
                    self.ready = ready
                else:
                    self.failure = str(ready.get("error", "the zygote is not ready"))[:2000]
                    log.warning("zygote refused to serve: %s", self.failure)
            if self.failure is not None:
                raise ZygoteFailed(self.failure)
            assert self.ready is not None
            return self.ready

    def spawn(self, request: dict[str, Any]) -> ZygoteProcess:
        self.wait_ready()
        return self._connection.spawn(request)

    def alive(self) -> bool:
        """Running, or refused to serve (kept, so that it is not restarted for every worker)."""
        return self.failure is not None or self._popen.poll() is None

    def let_go(self) -> None:
        """No more requests: the zygote sees its connection end and exits (``close`` waits)."""
        self._connection.close()

    def close(self) -> None:
        self._connection.close()
        try:
            self._popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._popen.kill()
            self._popen.wait()
        self._errors.close()
        shutil.rmtree(self._folder, ignore_errors=True)


class SharedZygote:
    """Another process's zygote (the batch's main process), reached through its socket."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._connection: Connection | None = None
        self._broken = False

    def spawn(self, request: dict[str, Any]) -> ZygoteProcess:
        first = self._connection is None  # the zygote may still be importing: wait as for ready
        if self._connection is None:
            self._connection = Connection(self._connect(), lambda: "the shared zygote is gone")
        try:
            return self._connection.spawn(request, READY_SECONDS if first else SPAWN_SECONDS)
        except ZygoteFailed:
            self._broken = True
            raise

    def _connect(self) -> socket.socket:
        """Connected to the zygote's socket, which appears a moment after the zygote starts."""
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            try:
                sock.connect(self.address)
                return sock
            except (FileNotFoundError, ConnectionRefusedError) as exc:
                sock.close()
                if time.monotonic() > deadline:
                    self._broken = True
                    raise ZygoteFailed(f"cannot reach the shared zygote: {exc}") from None
                time.sleep(0.01)
            except OSError as exc:
                sock.close()
                self._broken = True
                raise ZygoteFailed(f"cannot reach the shared zygote: {exc}") from None

    def alive(self) -> bool:
        return not self._broken

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def _close(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


Key = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]  # (interpreter, modules, env)
_zygotes: dict[Key, Zygote | SharedZygote] = {}
_released: list[Zygote | SharedZygote] = []  # let go (``release``), not yet waited for
_owner = os.getpid()  # a forked child must not use its parent's connections
_registry_lock = threading.Lock()


def _key(spec: SandboxSpec) -> Key:
    return (spec.python, preload_for(spec), spec.preload.env if _declared(spec) else ())


def _registry() -> dict[Key, Zygote | SharedZygote]:
    global _owner
    if _owner != os.getpid():
        _zygotes.clear()
        _released.clear()
        _owner = os.getpid()
    return _zygotes


def zygote_for(spec: SandboxSpec) -> Zygote | SharedZygote | None:
    """The zygote for ``spec`` (a shared one, else our own, started on first use), or None."""
    if not usable(spec):
        return None
    with _registry_lock:
        zygotes = _registry()
        zygote = zygotes.get(_key(spec))
        if zygote is None or not zygote.alive():
            if zygote is not None:
                log.warning("zygote %s is gone; starting a new one", zygote.address)
                zygote.close()
            zygote = zygotes[_key(spec)] = Zygote(*_key(spec))
        return zygote


def prestart(specs: list[SandboxSpec]) -> None:
    """Start the zygotes these specs will use now, so their imports overlap our own loading."""
    for spec in specs:
        zygote_for(spec)


def shared_addresses(specs: list[SandboxSpec]) -> dict[Key, str]:
    """Our zygotes for ``specs`` (started if need be), for other grader processes to share."""
    found = {}
    for spec in specs:
        zygote = zygote_for(spec)
        if zygote is not None:
            found[_key(spec)] = zygote.address
    return found


def share(addresses: dict[Key, str]) -> None:
    """In a grader process of a batch: use the batch's zygotes instead of starting our own."""
    with _registry_lock:
        zygotes = _registry()
        for key, address in addresses.items():
            zygotes.setdefault(key, SharedZygote(address))


def retire(spec: SandboxSpec, keep: SandboxSpec) -> None:
    """``spec``'s zygote ends now (``shutdown`` waits for it), unless ``keep`` uses the same
    one: the doctor's numpy-only zygote, once its probe is done."""
    if _key(spec) == _key(keep):
        return
    with _registry_lock:
        zygote = _registry().pop(_key(spec), None)
        if isinstance(zygote, Zygote):
            zygote.let_go()
        if zygote is not None:
            _released.append(zygote)


def release() -> None:
    """A batch is graded: our zygotes end now, while we write its reports (``shutdown``, at
    exit, waits for them). A later request starts new ones."""
    with _registry_lock:
        for zygote in _registry().values():
            if isinstance(zygote, Zygote):
                zygote.let_go()
            _released.append(zygote)
        _zygotes.clear()


def shutdown() -> None:
    with _registry_lock:
        for zygote in [*_released, *_registry().values()]:
            zygote.close()
        _released.clear()
        _zygotes.clear()


atexit.register(shutdown)
