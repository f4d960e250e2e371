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

Each request forks two processes (the shape bubblewrap has too):
  init     (pid 1 of a new pid namespace, forked by the zygote, which then returns to its own
           pid namespace and puts the init into the worker's cgroups)  unshares the other
           namespaces, builds the whitelist root, mounts /proc, pivots into it, drops to the
           leased uid with no-new-privs and seccomp, waits until it is in its cgroups, forks
           the worker, reaps, reports the worker's exit status on the status pipe; when it
           dies the kernel kills everything left in its namespace;
  worker   (pid 2)  rlimits, the pipes as stdin/stdout/stderr, the sandbox environment, then
           ``worker.main()`` - exactly what ``python -I worker.py`` runs under bubblewrap.
Every step that fails ends the init before any student code runs.

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
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
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


def _run_worker(request: dict[str, Any], pipes: list[int]) -> NoReturn:
    try:
        for target, fd in enumerate(pipes[:3]):
            os.dup2(fd, target)
        confine.close_fds_except({0, 1, 2})
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


def _await_gate(gate: int) -> None:
    """Block until the zygote has put this process into its cgroups (b"1"), else fail."""
    answer = os.read(gate, 1)
    os.close(gate)
    if answer != b"1":
        raise confine.ConfineError(0, "the zygote could not join the worker to its cgroups")


def _run_init(request: dict[str, Any], pipes: list[int], gate: int, root: str) -> NoReturn:
    stdin_r, stdout_w, stderr_w, status_w = pipes
    try:
        confine.die_with_parent()
        confine.close_fds_except({*pipes, gate})
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _confine_init(request, root)
        _await_gate(gate)
        child = os.fork()
    except BaseException as exc:
        _fail(stderr_w, "init", exc)
    if child == 0:
        _run_worker(request, pipes)
    for fd in (stdin_r, stdout_w, stderr_w):
        os.close(fd)
    while True:  # reap everything; the worker's end is the sandbox's end
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(0)
        if pid == child:
            os.write(status_w, str(os.waitstatus_to_exitcode(status)).encode())
            os._exit(0)


# ------------------------------------------------------------------ the zygote


class ZygoteServer:
    """The zygote itself (inside its own process): forks confined workers on request."""

    def __init__(self, control: socket.socket, root: str) -> None:
        self.control = control
        self.root = root  # an empty folder of the owner's: each worker's mount point
        self.own_pid_namespace = os.open("/proc/self/ns/pid", os.O_RDONLY)

    def _fork_init(self, request: dict[str, Any], pipes: list[int], gate: int) -> int:
        """Fork the init of a fresh pid namespace; the zygote itself stays where it was."""
        sys.stdout.flush()
        sys.stderr.flush()
        confine.unshare_pid_namespace()
        try:
            init = os.fork()
            if init == 0:
                try:
                    _run_init(request, pipes, gate, self.root)  # closes every other descriptor
                finally:
                    os._exit(FAILED)
        finally:
            confine.enter_pid_namespace(self.own_pid_namespace)
        return init

    def spawn(self, request: dict[str, Any], pipes: list[int]) -> tuple[dict[str, Any], list[int]]:
        """Start one confined worker; reply with the pidfd of its init, then let it go on."""
        if len(pipes) != 4:
            return {"ok": False, "error": f"expected 4 pipes, got {len(pipes)}"}, []
        gate_r, gate_w = os.pipe()
        try:
            init = self._fork_init(request, pipes, gate_r)
        except OSError as exc:
            os.close(gate_w)
            return {"ok": False, "error": f"fork of the worker's init: {exc}"}, []
        finally:
            os.close(gate_r)
            for fd in pipes:
                os.close(fd)
        pidfd = os.pidfd_open(init)
        try:
            # Joining a cgroup can take a scheduler grace period; the init confines itself
            # meanwhile and starts the worker only after the gate opens.
            confine.join_cgroups(request["cgroups"], init)
            os.write(gate_w, b"1")
        except OSError as exc:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
            os.close(pidfd)
            return {"ok": False, "error": f"joining the worker's cgroups: {exc}"}, []
        finally:
            os.close(gate_w)
        return {"ok": True, "init": init}, [pidfd]

    def serve(self, listener: socket.socket) -> None:
        """Answer the owner's connection and every grader that connects to ``listener``;
        end when the owner's connection closes."""
        selector = selectors.DefaultSelector()
        selector.register(self.control, selectors.EVENT_READ)
        selector.register(listener, selectors.EVENT_READ)
        # the heap into huge pages while idle, so that each fork copies a few page-table
        # entries instead of tens of thousands (see hugepages.py)
        collapsing: Iterator[int] | None = hugepages.collapse_steps()
        while True:
            _reap()
            ready = selector.select(timeout=0 if collapsing else 1.0)
            if not ready and collapsing:
                if next(collapsing, None) is None:
                    collapsing = None
                continue
            for key, _ in ready:
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


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


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
    """Pay one-time costs here, not in every worker: numpy's first reseed; freeze the heap
    so the workers' garbage collector leaves the shared pages alone."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    gc.freeze()


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
    try:
        try:
            loaded = _preload(preload)
        except UnsafeToFork as exc:
            _send(control, {"ready": False, "error": str(exc)})
            return
        _warm_up()
        zygote = ZygoteServer(control, root)
        _send(control, {"ready": True, "preloaded": loaded, "pid": os.getpid()})
        zygote.serve(listener)
    finally:
        listener.close()
        os.unlink(address)


if __name__ == "__main__":
    main()
