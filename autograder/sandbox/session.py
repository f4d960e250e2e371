"""A student's code, loaded into a sandboxed worker, callable from the trusted process.

``WorkerSession`` starts the worker, runs the submission's cells one by one (a cell that
hangs or kills the worker is skipped on the next start), and answers ``call(name, ...)``
with plain data. A timeout or crash costs that call only: the next call starts a fresh
worker and replays the cells that worked.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

from autograder.sandbox import cgroups, errors, gpu, seccomp, standby, uids, zygote
from autograder.sandbox.channel import (
    Deadline,
    DeadlineReader,
    DeadlineWriter,
    OutputTail,
    PipeClosed,
)
from autograder.sandbox.gpu_watchdog import GpuWatchdog
from autograder.sandbox.inside import codec
from autograder.sandbox.launcher import SandboxSpec, worker_command, zygote_request
from autograder.sandbox.process import PopenProcess, WorkerProcess

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CodeCell:
    """One code cell to execute in the worker, named by its nbgrader grade_id."""

    cell_id: str
    source: str


@dataclass
class CellReport:
    """What happened when a cell ran: ``ok``, ``error`` (an exception) or ``timeout``/``crash``."""

    cell_id: str
    status: str
    error_type: str = ""
    message: str = ""
    line: int | None = None


@dataclass
class _Process:
    child: WorkerProcess
    output: OutputTail
    cgroup: cgroups.WorkerCgroup | None
    uid_lease: uids.UidLease | None
    next_id: int = 0
    watchdog: GpuWatchdog | None = None
    requests: DeadlineWriter = field(init=False)
    replies: DeadlineReader = field(init=False)  # its deadline is set per request

    def __post_init__(self) -> None:
        self.requests = DeadlineWriter(self.child.stdin_fd)
        self.replies = DeadlineReader(self.child.stdout_fd, Deadline(0))


def _kill(process: _Process) -> None:
    if process.watchdog is not None:
        process.watchdog.stop()
    process.child.kill()


def _clean_up(process: _Process) -> None:
    """After ``_kill``: wait for the worker's end, then free its pipes, cgroups and uid."""
    process.output.join()
    process.child.close()
    if process.cgroup is not None:
        process.cgroup.remove()
    if process.uid_lease is not None:
        process.uid_lease.release()


def _end(process: _Process) -> None:
    _kill(process)
    _clean_up(process)


ahead: standby.Standby[_Process] = standby.Standby(_end)  # see standby.py


def start_process(spec: SandboxSpec, nvml: Any = None, zygote_only: bool = False) -> _Process:
    """A new sandboxed worker for ``spec`` in its own cgroup, as a uid of its own (as root).
    ``zygote_only``: fail instead of falling back to bubblewrap (a start ahead)."""
    limits = spec.limits
    sandboxed = spec.mode.sandboxed
    cgroup = cgroups.create(limits.memory_bytes, limits.processes) if sandboxed else None
    if sandboxed and cgroup is None and cgroups.detect_version() is not None:
        # cgroups work on this machine (the doctor checked them): never run without limits
        raise errors.WorkerStartFailed("the worker's cgroup (memory and process limits) failed")
    lease = uids.lease_uid() if sandboxed and os.geteuid() == 0 else None
    try:
        child = _start(spec, cgroup, lease, zygote_only)
        watchdog = _watch_gpu(spec, nvml, child)
    except BaseException:
        if cgroup is not None:
            cgroup.remove()
        if lease is not None:
            lease.release()
        raise
    output = OutputTail(child.stderr_fd, limits.output_bytes)
    return _Process(child, output, cgroup, lease, watchdog=watchdog)


def _watch_gpu(spec: SandboxSpec, nvml: Any, child: WorkerProcess) -> GpuWatchdog | None:
    """The NVML watchdog of a GPU worker (ends it past ``Limits.gpu_memory_mib``)."""
    if spec.gpu is None and nvml is None:
        return None
    nvml = nvml or gpu.load_nvml()
    roots = child.root_pids()
    if not roots:
        child.kill()
        child.close()
        raise errors.WorkerStartFailed("the GPU worker's pid is unknown: it cannot be watched")
    return GpuWatchdog(
        nvml,
        spec.gpu.index if spec.gpu else 0,
        spec.limits.gpu_memory_mib << 20,
        roots,
        child.kill,
    ).start()


def _start(
    spec: SandboxSpec,
    cgroup: cgroups.WorkerCgroup | None,
    lease: uids.UidLease | None,
    zygote_only: bool = False,
) -> WorkerProcess:
    """Fork the worker from a clean zygote, or start it as a bubblewrap command."""
    factory = zygote.zygote_for(spec)
    if factory is not None and lease is not None:
        folders = [str(f) for f in cgroup.folders] if cgroup else []
        request = zygote_request(spec, seccomp.filter_program(), lease.uid, folders)
        try:
            return factory.spawn(request)
        except zygote.ZygoteFailed as exc:
            if zygote_only:
                raise
            log.warning("zygote failed (%s); starting this worker through bubblewrap", exc)
    elif zygote_only:
        raise zygote.ZygoteFailed("no zygote for this worker")
    return _start_command(spec, cgroup, lease)


def _start_command(
    spec: SandboxSpec, cgroup: cgroups.WorkerCgroup | None, lease: uids.UidLease | None
) -> WorkerProcess:
    sandboxed = spec.mode.sandboxed
    filter_fd = seccomp.program_file() if sandboxed else None
    command = worker_command(spec, filter_fd, lease.uid if lease else os.geteuid())
    try:
        popen = subprocess.Popen(
            (cgroup.join_command() if cgroup else []) + command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            close_fds=True,
            pass_fds=(filter_fd,) if filter_fd is not None else (),
        )
    finally:
        if filter_fd is not None:
            os.close(filter_fd)
    return PopenProcess(popen)


@dataclass
class WorkerSession:
    spec: SandboxSpec
    cells: list[CodeCell]
    cell_reports: dict[str, CellReport] = field(default_factory=dict)
    _process: _Process | None = None
    _skipped: set[str] = field(default_factory=set)
    _started_at: float = field(default_factory=time.monotonic)
    starts: int = 0
    # NVML (or a fake with its calls) for the GPU memory watchdog; pynvml where the spec has a GPU
    nvml: Any = None

    # ------------------------------------------------------------ lifecycle

    def __enter__(self) -> WorkerSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the worker now; the cleanup after it (its exit, cgroups, uid) runs in the
        background in a batch that starts workers ahead (``standby``), else now."""
        if self._process is not None:
            process, self._process = self._process, None
            _kill(process)
            ahead.behind(lambda: _clean_up(process))

    def uid(self) -> int | None:
        """The host uid the running worker was started as (None when not started/not root)."""
        lease = self._process.uid_lease if self._process else None
        return lease.uid if lease else None

    def cgroup(self) -> cgroups.WorkerCgroup | None:
        """The running worker's cgroup, if it has one."""
        return self._process.cgroup if self._process else None

    def output(self) -> str:
        return self._process.output.text() if self._process else ""

    def budget_left(self) -> float:
        return self.spec.limits.submission_seconds - (time.monotonic() - self._started_at)

    def _deadline(self) -> Deadline:
        left = self.budget_left()
        if left <= 0:
            raise errors.BudgetExhausted(self.spec.limits.submission_seconds)
        return Deadline(min(self.spec.limits.call_seconds, left))

    def ensure_started(self) -> None:
        """Start a worker and run every cell that has not hung or crashed before."""
        while self._process is None:
            self._start_worker()
            for cell in self.cells:
                if cell.cell_id in self._skipped:
                    continue
                if not self._run_cell(cell):
                    break  # the worker died in this cell: start again without it

    def _start_worker(self) -> None:
        """A worker that answers: one started ahead (``standby``) where there is one, else a
        new one; then, while the batch goes on, the next one is started ahead."""
        # only zygote workers: an unused bubblewrap start at a batch's end costs more than it saves
        ahead_ok = self.nvml is None and zygote.usable(self.spec)
        self._process = ahead.take(self.spec) if ahead_ok else None
        if self._process is not None:
            try:
                self._check_alive()
            except errors.WorkerStartFailed as exc:  # it died waiting: start one of our own
                log.info("a worker started ahead is gone (%s); starting a new one", exc)
                self.close()
        if self._process is None:
            self._process = start_process(self.spec, self.nvml)
            self._check_alive()
        self.starts += 1
        if ahead_ok:
            spec = self.spec
            ahead.refill(spec, lambda: start_process(spec, zygote_only=True))

    def _check_alive(self) -> None:
        """A worker that cannot even answer a ping is the machine's fault, not the student's."""
        process = self._process
        assert process is not None
        try:
            self._request({"op": "ping"}, [])
        except errors.BudgetExhausted:
            raise
        except errors.StudentCodeError as exc:
            process.output.join()
            raise errors.WorkerStartFailed(
                f"{exc}; output: {process.output.text()[-2000:]}"
            ) from None

    def _run_cell(self, cell: CodeCell) -> bool:
        try:
            reply, _ = self._request(
                {"op": "exec", "cell": cell.cell_id, "source": cell.source}, []
            )
        except (errors.CallTimeout, errors.WorkerCrashed) as exc:
            status = "timeout" if isinstance(exc, errors.CallTimeout) else "crash"
            self.cell_reports[cell.cell_id] = CellReport(cell.cell_id, status, message=str(exc))
            self._skipped.add(cell.cell_id)
            return False
        if reply.get("ok") is True:
            self.cell_reports.setdefault(cell.cell_id, CellReport(cell.cell_id, "ok"))
        else:
            info = _error_dict(reply)
            self.cell_reports[cell.cell_id] = CellReport(
                cell.cell_id,
                "error",
                error_type=str(info.get("type", ""))[:100],
                message=str(info.get("message", ""))[:2000],
                line=info.get("line") if type(info.get("line")) is int else None,
            )
        return True

    # ------------------------------------------------------------ calls

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Call the student's function ``name`` in the worker; return its plain-data result."""
        self.ensure_started()
        arrays: list[Any] = []
        header = {
            "op": "call",
            "name": name,
            "args": codec.encode_value(list(args), arrays),
            "kwargs": codec.encode_value(dict(kwargs), arrays),
        }
        return self._value_or_raise(self._request(header, arrays), name)

    def get(self, name: str) -> Any:
        """The value of the student's variable ``name`` (e.g. a quiz answer), as plain data."""
        self.ensure_started()
        return self._value_or_raise(self._request({"op": "get", "name": name}, []), name)

    def _value_or_raise(self, answer: tuple[dict[str, Any], list[Any]], name: str) -> Any:
        reply, reply_arrays = answer
        if reply.get("ok") is True:
            try:
                return codec.decode_value(reply.get("value"), reply_arrays)
            except codec.ProtocolError as exc:
                self._discard()
                raise errors.WorkerCrashed(f"ungültige Antwort: {exc}") from None
        return _raise_for(reply, name)

    def _request(self, header: dict[str, Any], arrays: list[Any]) -> tuple[dict[str, Any], list]:
        process = self._process
        assert process is not None
        deadline = self._deadline()
        process.next_id += 1
        header = {**header, "id": process.next_id}
        try:
            process.requests.write_all(codec.pack_message(header, arrays), deadline)
            process.replies.deadline = deadline
            reply, reply_arrays = codec.read_message(process.replies)  # type: ignore[arg-type]
        except TimeoutError:
            self._discard()
            if self.budget_left() <= 0:
                raise errors.BudgetExhausted(self.spec.limits.submission_seconds) from None
            raise errors.CallTimeout(deadline.seconds) from None
        except (PipeClosed, EOFError, OSError):
            raise self._crash_error() from None
        except codec.ProtocolError as exc:
            self._discard()
            raise errors.WorkerCrashed(f"ungültige Antwort des Workers: {exc}") from None
        if reply.get("id") != header["id"]:
            self._discard()
            raise errors.WorkerCrashed("Antwort passt nicht zur Anfrage")
        return reply, reply_arrays

    def _discard(self) -> None:
        self.close()

    def _crash_error(self) -> errors.WorkerCrashed:
        process = self._process
        assert process is not None
        code = process.child.wait(2)
        process.output.join()
        tail = process.output.text()
        memory = "MemoryError" in tail or (
            process.cgroup.memory_exceeded() if process.cgroup else code == -signal.SIGKILL
        )
        self.close()
        reason = f"Exitcode {code}" if code is not None and code >= 0 else f"Signal {-(code or 0)}"
        gpu_memory = process.watchdog is not None and process.watchdog.exceeded
        return errors.WorkerCrashed(reason, memory_suspected=memory, gpu_memory=gpu_memory)


def _error_dict(reply: dict[str, Any]) -> dict[str, Any]:
    info = reply.get("error")
    return info if isinstance(info, dict) else {}


def _raise_for(reply: dict[str, Any], name: str) -> Any:
    kind = reply.get("kind")
    if kind == "missing":
        raise errors.FunctionMissing(name)
    if kind == "unsupported":
        raise errors.UnsupportedReturn(str(reply.get("type", "?"))[:200])
    if kind == "exception":
        info = _error_dict(reply)
        raise errors.StudentException(
            str(info.get("type", "Exception"))[:100], str(info.get("message", ""))[:2000]
        )
    raise errors.WorkerCrashed("unerwartete Antwort des Workers")
