"""The zygote: a clean template process that forks one sandboxed worker per request.

Started by the trusted grader with ``python -I -B zygote.py PARENT_PID CONTROL_FD SOCKET ROOT
MODULE...``, a cleared environment and no other descriptors, before it loads graders,
references or secrets; the grader's other processes of the same batch connect to SOCKET (in
a folder only root can enter). It never receives any secret: a request holds only how to confine the next
worker (uid, cgroup folders, mount plan, environment, rlimits, the seccomp program) and four
pipe ends. It imports the preloaded modules (numpy, torch, and what the assignment declares)
once, so a worker is ready in milliseconds instead of paying the imports per submission. The
imports see a private, temporary HOME (Keras writes ~/.keras/keras.json, matplotlib its font
cache), removed before the first worker; a module that leaves a thread running makes the
zygote refuse to serve (a fork copies only the forking thread: locks held by the others stay
locked in the worker forever).

Each request makes two processes (the shape bubblewrap has too), one of them a copy of the
zygote:
  init     (pid 1 of a new pid namespace) forked by the *nursery*, a copy of the zygote taken
           before the big imports (a few MiB: its fork and exit cost little, unlike a copy of
           torch's memory). It unshares the other namespaces, builds the whitelist root, mounts
           /proc, pivots into it, drops to the leased uid with no-new-privs and seccomp, says
           so on a pipe, then only waits: the kernel reaps the orphans it adopts; it is killed
           when the worker has ended (by the zygote) or when the nursery dies (its parent-death
           signal, set again after the uid drop cleared it); its death kills everything left
           in its namespace;
  worker   (pid 2) forked by the zygote straight into the init's pid namespace: joins its
           cgroups, waits for the init, enters the init's mount, net, ipc and uts namespaces
           and a cgroup namespace of its own, drops to the same uid with no-new-privs and the
           same seccomp program, rlimits, the pipes as stdin/stdout/stderr, the sandbox
           environment, then ``worker.main()`` - exactly what ``python -I worker.py`` runs
           under bubblewrap. The zygote reaps it, writes its exit status on the status pipe
           and kills its init.
Every step that fails ends the worker before any student code runs.

Control messages are one JSON object per SOCK_SEQPACKET datagram, descriptors as SCM_RIGHTS.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import gc
import importlib
import json
import os
import random
import select
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's dir out

import confine
import hugepages
import worker

MAX_MESSAGE = 1 << 20
FAILED = 127


def _send(sock: socket.socket, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    socket.send_fds(sock, [json.dumps(message).encode()], list(fds))


def _receive(sock: socket.socket, max_fds: int) -> tuple[dict[str, Any] | None, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(sock, MAX_MESSAGE, max_fds)
    if not data:
        for fd in fds:
            os.close(fd)
        return None, []
    return json.loads(data), fds


def _fail(stderr_fd: int, step: str, exc: BaseException) -> NoReturn:
    """Say on the worker's stderr which confinement step failed, then end this process."""
    try:
        os.write(stderr_fd, f"sandbox setup failed ({step}): {exc}\n".encode())
    finally:
        os._exit(FAILED)


# ------------------------------------------------------------------ the worker (pid 2)


def _fresh_interpreter_state(request: dict[str, Any]) -> None:
    """What a freshly started ``python -I worker.py`` would have, but the imports."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = request["worker_dir"]  # as worker.py puts its own folder first
    sys.argv = [f"{request['worker_dir']}/worker.py"]
    random.seed()  # fresh entropy per worker, as in a new interpreter
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    torch = sys.modules.get("torch")
    if torch is not None:
        # its CPU generator, as a fresh import seeds it: workers never share the zygote's state
        # (``torch.seed()`` also queues the seeding of CUDA, MPS, XPU: ≈ 1.3 ms of a worker's
        # start, for devices a zygote's worker never has)
        torch.default_generator.seed()


def _await_init(ready: int) -> None:
    """Block until the init has confined itself (b"1"; nothing: it failed and said why)."""
    answer = os.read(ready, 1)
    os.close(ready)
    if answer != b"1":
        raise confine.ConfineError(0, "the sandbox's init failed")


def _confine_worker(request: dict[str, Any], init_pidfd: int, ready: int) -> None:
    """From the fork to the sandbox: the worker's cgroups (host paths, so first), then the
    init's namespaces (its root, /proc, network, hostname), the same uid, no-new-privs and
    seccomp program as the init's."""
    confine.join_cgroups(request["cgroups"])
    _await_init(ready)
    confine.enter_init_namespaces(init_pidfd)
    os.close(init_pidfd)
    confine.unshare_cgroup_namespace()
    os.chdir(request["chdir"])
    os.setsid()
    confine.drop_privileges(int(request["uid"]))  # never optional: no student code as root
    confine.no_new_privileges()
    confine.load_seccomp(base64.b64decode(request["seccomp"]))


def _run_worker(request: dict[str, Any], pipes: list[int], init_pidfd: int, ready: int) -> NoReturn:
    try:
        confine.die_with_parent()
        for target, fd in enumerate(pipes):
            os.dup2(fd, target)
        # first of all: the zygote's other descriptors (other workers' pipes among them)
        confine.close_fds_except({0, 1, 2, init_pidfd, ready})
        _confine_worker(request, init_pidfd, ready)
        confine.set_rlimits(request["rlimits"])
        _fresh_interpreter_state(request)
    except BaseException as exc:
        _fail(2, "worker", exc)
    try:
        worker.main()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


# ------------------------------------------------------------------ the init (pid 1)


INIT_FIELDS = ("plan", "chdir", "hostname", "uid", "seccomp")  # what the init is told


def _confine_init(request: dict[str, Any], root: str) -> None:
    confine.unshare_init_namespaces()
    confine.build_root(root, request["plan"])
    proc_points = [m["dest"] for m in request["plan"] if m["kind"] == "proc"]
    confine.enter_root(root, proc_points, request["chdir"])
    confine.set_hostname(request["hostname"])
    os.setsid()
    confine.drop_privileges(int(request["uid"]))  # never optional: no student code as root
    confine.no_new_privileges()
    confine.load_seccomp(base64.b64decode(request["seccomp"]))


def _die_with_nursery(nursery_pidfd: int) -> None:
    """Dropping privileges cleared the parent-death signal: set it again, and end at once if
    the nursery (so the zygote) ended before."""
    confine.die_with_parent()
    ended, _, _ = select.select([nursery_pidfd], [], [], 0)
    if ended:
        os._exit(FAILED)
    os.close(nursery_pidfd)


def _run_init(request: dict[str, Any], fds: tuple[int, int, int], root: str) -> NoReturn:
    """Confine, tell the worker (one byte on ``ready_w``), then only reap orphans until killed:
    the zygote kills the init when the worker has ended, the nursery's end ends it too, and
    with the init what is left in the namespace. A failed step is said on the worker's
    stderr; the worker then never starts."""
    stderr_w, ready_w, nursery_pidfd = fds
    try:
        confine.die_with_parent()
        confine.close_fds_except(fds)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps adopted orphans
        _confine_init(request, root)
        _die_with_nursery(nursery_pidfd)
        os.write(ready_w, b"1")
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(stderr_w, f"sandbox setup failed (init): {exc}\n".encode())
    os.close(ready_w)
    os.close(stderr_w)
    while True:
        signal.pause()


# ------------------------------------------------------------------ the nursery


class NurseryGone(OSError):
    """The nursery ended: the zygote cannot start sandboxes any more."""


def _fork_init(request: dict[str, Any], fds: tuple[int, int, int], own: int, root: str) -> int:
    """The init of a fresh pid namespace; this process stays in its own (``own``)."""
    confine.unshare_pid_namespace()
    try:
        init = os.fork()
        if init == 0:
            try:
                _run_init(request, fds, root)  # closes every other descriptor
            finally:
                os._exit(FAILED)
    finally:
        confine.enter_pid_namespace(own)
    return init


def _serve_nursery(sock: socket.socket, root: str) -> NoReturn:
    """The nursery's loop: one init per request, answered with its pid and a pidfd."""
    confine.die_with_parent()
    confine.close_fds_except({0, 1, 2, sock.fileno()})
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # its inits are reaped by the kernel
    own = os.open("/proc/self/ns/pid", os.O_RDONLY)
    itself = os.pidfd_open(os.getpid())
    while True:
        request, fds = _receive(sock, 2)
        if request is None:
            os._exit(0)
        pidfds: list[int] = []
        try:
            if len(fds) != 2:
                raise ValueError(f"expected 2 descriptors, got {len(fds)}")
            init = _fork_init(request, (fds[0], fds[1], itself), own, root)
            pidfds.append(os.pidfd_open(init))
            reply: dict[str, Any] = {"ok": True, "pid": init}
        except (OSError, ValueError) as exc:
            reply = {"ok": False, "error": f"fork of the sandbox's init: {exc}"}
        finally:
            for fd in fds:
                os.close(fd)
        _send(sock, reply, pidfds)
        for fd in pidfds:
            os.close(fd)


class Nursery:
    """A copy of the zygote taken before its big imports, which forks each sandbox's init:
    the init then copies a few MiB of page tables and memory instead of torch's, and the
    zygote forks only the worker (one fork of the big process per worker, not two)."""

    def __init__(self, root: str) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                ours.close()
                _serve_nursery(theirs, root)
            finally:
                os._exit(FAILED)
        theirs.close()
        self.sock = ours

    def init(self, request: dict[str, Any], stderr_w: int, ready_w: int) -> tuple[int, int]:
        """A new init confining itself for ``request``: its pid and a pidfd."""
        try:
            _send(self.sock, {key: request[key] for key in INIT_FIELDS}, [stderr_w, ready_w])
            reply, fds = _receive(self.sock, 1)
        except (OSError, ValueError) as exc:
            raise NurseryGone(0, f"the nursery is gone: {exc}") from None
        if reply is None:
            raise NurseryGone(0, "the nursery is gone")
        if not reply.get("ok") or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            raise OSError(0, str(reply.get("error", "the nursery refused")))
        return int(reply["pid"]), fds[0]

    def close(self) -> None:
        self.sock.close()  # it ends at the end of file


# ------------------------------------------------------------------ the zygote


@dataclass
class Running:
    """A worker the zygote forked: what to do when it ends."""

    pid: int
    status_w: int  # its exit status goes there
    init_pidfd: int  # its sandbox's init, killed then


class ZygoteServer:
    """The zygote itself (inside its own process): forks confined workers on request."""

    def __init__(self, control: socket.socket, nursery: Nursery) -> None:
        self.control = control
        self.nursery = nursery
        self.own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)
        self.selector = selectors.DefaultSelector()
        self.running: dict[int, Running] = {}  # by the worker's pidfd

    def _fork_worker(
        self, request: dict[str, Any], pipes: list[int], init_pidfd: int, ready: int
    ) -> int:
        """Fork the worker into the init's pid namespace; the zygote itself stays where it was."""
        sys.stdout.flush()
        sys.stderr.flush()
        confine.enter_pid_namespace(init_pidfd)
        try:
            child = os.fork()
            if child == 0:
                try:
                    _run_worker(request, pipes[:3], init_pidfd, ready)
                finally:
                    os._exit(FAILED)
        finally:
            confine.enter_pid_namespace(self.own_pid_namespace)
        return child

    def spawn(self, request: dict[str, Any], pipes: list[int]) -> tuple[dict[str, Any], list[int]]:
        """Start one confined worker; reply with pidfds of it and of its init."""
        if len(pipes) != 4:
            for fd in pipes:
                os.close(fd)
            return {"ok": False, "error": f"expected 4 pipes, got {len(pipes)}"}, []
        ready_r, ready_w = os.pipe()
        try:
            init, init_pidfd = self.nursery.init(request, pipes[2], ready_w)
        except NurseryGone:
            raise
        except OSError as exc:
            for fd in (ready_r, *pipes):
                os.close(fd)
            return {"ok": False, "error": str(exc)}, []
        finally:
            os.close(ready_w)
        try:
            child = self._fork_worker(request, pipes, init_pidfd, ready_r)
            worker_pidfd = os.pidfd_open(child)
        except OSError as exc:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(init_pidfd, signal.SIGKILL)
            for fd in (init_pidfd, pipes[3]):
                os.close(fd)
            return {"ok": False, "error": f"fork of the worker: {exc}"}, []
        finally:
            for fd in (ready_r, *pipes[:3]):
                os.close(fd)
        self.running[worker_pidfd] = Running(child, pipes[3], init_pidfd)
        self.selector.register(worker_pidfd, selectors.EVENT_READ, WORKER)
        reply = {"ok": True, "worker": child, "init": init}
        return reply, [os.dup(worker_pidfd), os.dup(init_pidfd)]

    def _ended(self, worker_pidfd: int) -> None:
        """A worker ended: its exit status to the status pipe, then its sandbox's init killed."""
        self.selector.unregister(worker_pidfd)
        running = self.running.pop(worker_pidfd)
        _, status = os.waitpid(running.pid, 0)
        with contextlib.suppress(OSError):  # nobody reads it any more
            os.write(running.status_w, str(os.waitstatus_to_exitcode(status)).encode())
        with contextlib.suppress(OSError):  # already ended (killed by the grader)
            signal.pidfd_send_signal(running.init_pidfd, signal.SIGKILL)
        for fd in (running.status_w, running.init_pidfd, worker_pidfd):
            os.close(fd)

    def serve(self, listener: socket.socket) -> None:
        """Answer the owner's connection and every grader that connects to ``listener``;
        end when the owner's connection closes."""
        selector = self.selector
        selector.register(self.control, selectors.EVENT_READ)
        selector.register(listener, selectors.EVENT_READ)
        # the heap into huge pages while idle, so that each fork copies a few page-table
        # entries instead of tens of thousands (see hugepages.py)
        collapsing: Iterator[int] | None = hugepages.collapse_steps()
        while True:
            ready = selector.select(timeout=0 if collapsing else None)
            if not ready and collapsing:
                if next(collapsing, None) is None:
                    collapsing = None
                continue
            for key, _ in ready:
                if key.data is WORKER:
                    self._ended(key.fd)
                    continue
                connection = key.fileobj
                assert isinstance(connection, socket.socket)
                if connection is listener:
                    client, _ = listener.accept()
                    selector.register(client, selectors.EVENT_READ)
                elif not self._answer(connection):
                    if connection is self.control:
                        return
                    selector.unregister(connection)
                    connection.close()

    def _answer(self, connection: socket.socket) -> bool:
        """One request on ``connection``; False when it closed."""
        try:
            request, pipes = _receive(connection, 4)
        except (OSError, ValueError):
            return False
        if request is None:
            return False
        reply, fds = self.spawn(request, pipes)
        try:
            _send(connection, reply, fds)
        except OSError:
            return False
        finally:
            for fd in fds:
                os.close(fd)
        return True


WORKER = "worker"  # the selector's mark on a worker's pidfd


class UnsafeToFork(RuntimeError):
    """A preloaded module left a thread running."""


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))  # native threads too, not only Python's


def _preload(names: list[str]) -> list[str]:
    loaded = []
    home = tempfile.mkdtemp(prefix=f"agzygote-{os.getpid()}-home-")  # 0700, swept if we die
    own_home = os.environ.get("HOME")
    os.environ["HOME"] = home
    try:
        for name in names:
            with contextlib.suppress(Exception):  # a missing library is simply not preloaded
                importlib.import_module(name)
                loaded.append(name)
            if _threads() > 1:  # a failed import may have started one too
                raise UnsafeToFork(
                    f"importing {name} left {_threads() - 1} thread(s) running in the zygote: "
                    "forking it would be unsafe; remove it from the preloaded modules"
                )
    finally:
        shutil.rmtree(home, ignore_errors=True)
        os.environ.pop("HOME")
        if own_home is not None:
            os.environ["HOME"] = own_home
    return loaded


def _warm_up() -> None:
    """Pay one-time costs here, not in every worker: numpy's first reseed, torch's first
    operations (its kernels' dispatch and the autograd engine: ≈ 8 ms of a torch worker's
    first training step, ≈ 1 ms of its first tensor); freeze the heap so the workers'
    garbage collector leaves the shared pages alone."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    torch = sys.modules.get("torch")
    if torch is not None:
        with contextlib.suppress(Exception):  # a worker that uses torch then reports the error
            _first_torch_steps(torch)
        if _threads() > 1:
            raise UnsafeToFork(f"torch's first operations left {_threads() - 1} thread(s) running")
    gc.freeze()


def _first_torch_steps(torch: Any) -> None:
    """A tiny forward and backward pass in both float types, drawing no random numbers (every
    worker reseeds its generators anyway: ``_fresh_interpreter_state``)."""
    for dtype in (torch.float32, torch.float64):
        weights = torch.ones(4, 4, dtype=dtype, requires_grad=True)
        torch.tanh(weights @ weights).sum().backward()
        torch.nn.functional.conv2d(torch.ones(1, 1, 4, 4, dtype=dtype), weights[None, None, :3, :3])


def _listen(path: str) -> socket.socket:
    """Where the owner's other grader processes connect (a root-only folder of the owner's)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    return listener


def main() -> None:
    parent, control_fd, address, root = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:5]
    preload = sys.argv[5:]
    confine.die_with_parent()
    if os.getppid() != parent:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=control_fd)
    # listening before the imports: a batch's grader processes may connect while torch loads
    # (their requests wait in the backlog) instead of finding no socket and starting zygotes
    # of their own
    listener = _listen(address)
    nursery = Nursery(root)  # before the imports: the inits are copies of a small process
    try:
        try:
            loaded = _preload(preload)
            _warm_up()
        except UnsafeToFork as exc:
            _send(control, {"ready": False, "error": str(exc)})
            return
        zygote = ZygoteServer(control, nursery)
        _send(control, {"ready": True, "preloaded": loaded, "pid": os.getpid()})
        zygote.serve(listener)
    finally:
        nursery.close()
        listener.close()
        os.unlink(address)


if __name__ == "__main__":
    main()
    # no interpreter teardown: freeing torch's objects one by one costs ≈ 0.2 s of CPU at the
    # end of every batch, and this process has nothing left to flush
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
