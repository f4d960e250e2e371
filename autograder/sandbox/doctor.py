"""``autograder doctor``: prove on this machine that the sandbox holds, before grading.

Starts a real worker with a probe function and checks from both sides that the worker is not
root, has no network (only a loopback interface, internet sockets refused), cannot read a
sentinel secret or the graders, cannot write outside its tmpfs, and that nothing it started
survives the end of its session (not even a double-forked, setsid'd grandchild).
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from autograder.sandbox import cgroups, seccomp, uids, verdicts, zygote
from autograder.sandbox.launcher import SandboxSpec, check_sandbox_available
from autograder.sandbox.session import CodeCell, WorkerSession

PROBE = """
import fcntl, os, resource, socket, struct, time

def probe(sentinel, forbidden_reads, forbidden_writes, marker):
    report = {"uid": os.getuid(), "pid": os.getpid()}
    report["reads"] = {}
    for path in [sentinel, *forbidden_reads]:
        try:
            with open(path, "rb") as handle:
                handle.read(1)
            report["reads"][path] = "read"
        except OSError as exc:
            report["reads"][path] = type(exc).__name__
    report["writes"] = {}
    for path in [*forbidden_writes, "/tmp/doctor-ok"]:
        try:
            with open(path, "w") as handle:
                handle.write("x")
            report["writes"][path] = "written"
        except OSError as exc:
            report["writes"][path] = type(exc).__name__
    with open("/proc/net/dev") as handle:  # this network namespace's interfaces
        report["interfaces"] = [line.split(":")[0].strip() for line in handle.readlines()[2:]]
    try:  # interface flags through an AF_UNIX socket (internet sockets are refused)
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as unix:
            request = struct.pack("16sH14x", b"lo", 0)
            flags = struct.unpack("16sH14x", fcntl.ioctl(unix, 0x8913, request))[1]
        report["lo_up"] = bool(flags & 0x1)
    except OSError as exc:
        report["lo_up"] = type(exc).__name__
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
        report["inet_socket"] = "created"
    except OSError as exc:
        report["inet_socket"] = type(exc).__name__
    report["rlimit_as"] = resource.getrlimit(resource.RLIMIT_AS)[1]
    if os.fork() == 0:  # a grandchild that tries to outlive the sandbox
        os.setsid()
        if os.fork() == 0:
            os.execv("/usr/bin/sleep", ["sleep", marker])
        os._exit(0)
    os.wait()
    time.sleep(0.2)  # let the grandchild exec
    return report
"""


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    protections: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(name, ok, detail))


def _processes_with(marker: str) -> set[int]:
    """Live host pids running ``sleep <marker>`` (zombies are dead already and don't count)."""
    wanted = f"sleep\0{marker}\0".encode()
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z" and (entry / "cmdline").read_bytes() == wanted:
                    pids.add(int(entry.name))
            except (OSError, IndexError):
                continue
    return pids


def _protections(spec: SandboxSpec) -> list[str]:
    limits = spec.limits
    version = cgroups.detect_version()
    starter = (
        "workers forked from a clean zygote (numpy and torch imported once, started with a "
        "cleared environment, never given graders, references or secrets), each confining "
        "itself as bubblewrap would: new pid, mount, net, ipc, uts and cgroup namespaces; "
        "pivot_root into the whitelist; dies with its parent"
        if zygote.usable(spec)
        else "bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces; --die-with-parent; "
        "no capabilities; cleared environment"
    )
    items = [
        starter,
        f"a distinct uid per worker, {uids.UID_BASE}–{uids.UID_BASE + uids.POOL_SIZE - 1} "
        "(dropped with setpriv, no-new-privs)"
        if os.geteuid() == 0
        else f"uid {os.geteuid()} (not root: bubblewrap's user namespace only)",
        "whitelist filesystem: /usr, the virtualenv (graders and references masked), the worker",
        f"tmpfs /tmp and /dev/shm of {limits.tmpfs_bytes >> 20} MiB each",
        f"rlimits: address space {limits.memory_bytes >> 20} MiB, {limits.processes} processes, "
        f"files {limits.file_bytes >> 20} MiB, {limits.open_files} open files, no core dumps",
        f"wall clock: {limits.call_seconds:g} s per call, {limits.submission_seconds:g} s per submission",
    ]
    try:
        seccomp.filter_program()
        items.append(
            "seccomp: no AF_INET/AF_INET6/AF_PACKET/AF_NETLINK sockets, no ptrace, no namespaces"
        )
    except seccomp.SeccompUnavailable as exc:
        items.append(f"seccomp: UNAVAILABLE ({exc})")
    items.append(
        f"cgroup v{version}: memory {limits.memory_bytes >> 20} MiB, {limits.processes} pids"
        if version
        else "cgroups: unavailable (not root or not delegated): rlimits only"
    )
    return items


def run_doctor(spec: SandboxSpec, hidden_paths: list[Path]) -> DoctorReport:
    """Start a worker and check every promise of the sandbox; ``hidden_paths`` must stay unreadable."""
    report = DoctorReport(protections=_protections(spec))
    try:
        check_sandbox_available(spec)
        seccomp.filter_program()
    except (RuntimeError, seccomp.SeccompUnavailable) as exc:
        report.add("sandbox available", False, str(exc))
        return report
    with tempfile.TemporaryDirectory(prefix="agdoctor-") as tmp:
        sentinel = Path(tmp) / "sentinel-secret"
        sentinel.write_text("if you can read this, the sandbox leaks")
        sentinel.chmod(0o644)  # readable by anyone: only the mount whitelist may hide it
        marker = f"{3000 + secrets.randbelow(10**6)}.{secrets.randbelow(10**6)}"
        forbidden_writes = [
            spec.python,
            "/usr/doctor",
            "/opt/agworker/doctor",
            str(Path(spec.python).parent / "doctor"),
        ]
        # a numpy-only zygote: the worker is confined as every other, and the probe is done
        # while the batch's zygote still imports torch (≈ 2 s), not after it
        probe_spec = replace(spec, zygote_numpy_only=True)
        session = WorkerSession(probe_spec, [CodeCell("probe", PROBE)])
        try:
            reads = [str(p) for p in hidden_paths]
            result = session.call("probe", str(sentinel), reads, forbidden_writes, marker)
            escaped = _processes_with(marker)
            leased = session.uid()
            cgroup = session.cgroup()
            in_cgroup = cgroup.process_count() if cgroup else None
        except Exception as exc:  # the probe itself failing is a failed check, with its reason
            report.add("worker starts and answers", False, f"{type(exc).__name__}: {exc}")
            return report
        finally:
            session.close()
            zygote.retire(probe_spec, keep=spec)
        _judge(report, result, leased)
        if cgroups.detect_version():
            report.add(
                "worker runs inside its cgroup",
                bool(in_cgroup),
                f"{in_cgroup} processes under its memory/pids limits",
            )
        report.add(*_nothing_survives(marker, escaped))
    return report


def checked_sandbox(spec: SandboxSpec, hidden_paths: list[Path]) -> DoctorReport:
    """``run_doctor``, unless this machine passed it for the same configuration within the
    hour (``verdicts``); a fresh pass is remembered, a failure never."""
    key = verdicts.verdict_key(spec, hidden_paths)
    if _tools_present(spec) and verdicts.passed_recently(key):
        report = DoctorReport(protections=_protections(spec))
        minutes = verdicts.REMEMBER_SECONDS // 60
        report.add(
            "sandbox proven", True, f"passed this boot, same configuration, < {minutes} min ago"
        )
        return report
    return probed(spec, hidden_paths, key)


def _tools_present(spec: SandboxSpec) -> bool:
    """The cheap part of the doctor, never taken from memory: bubblewrap and the other tools
    on PATH, the interpreter readable, seccomp available (run_doctor says what is missing)."""
    try:
        check_sandbox_available(spec)
        seccomp.filter_program()
    except (RuntimeError, seccomp.SeccompUnavailable):
        return False
    return True


def probed(spec: SandboxSpec, hidden_paths: list[Path], key: str | None = None) -> DoctorReport:
    """``run_doctor`` now; a pass is remembered for ``checked_sandbox``."""
    report = run_doctor(spec, hidden_paths)
    if report.ok:
        verdicts.remember_pass(key or verdicts.verdict_key(spec, hidden_paths))
    return report


def _judge(report: DoctorReport, result: dict, leased: int | None) -> None:
    report.add("worker starts and answers", True, f"pid {result['pid']} inside its namespace")
    uid = result["uid"]
    own = leased is None or uid == leased
    report.add("not root, its own uid", uid != 0 and own, f"uid {uid} (leased {leased})")
    leaked = [p for p, outcome in result["reads"].items() if outcome == "read"]
    report.add(
        "cannot read the sentinel secret, graders or references",
        not leaked,
        "leaked: " + ", ".join(leaked) if leaked else f"{len(result['reads'])} paths unreadable",
    )
    written = [
        p
        for p, outcome in result["writes"].items()
        if outcome == "written" and p != "/tmp/doctor-ok"
    ]
    tmp_ok = result["writes"].get("/tmp/doctor-ok") == "written"
    report.add(
        "writes only to its tmpfs",
        not written and tmp_ok,
        "wrote: " + ", ".join(written) if written else "outside refused, /tmp writable",
    )
    interfaces = result["interfaces"]
    # bwrap brings up the loopback of the sandbox's own network namespace (it reaches nothing
    # but the sandbox itself; the zygote's workers leave it down); internet sockets are
    # refused by seccomp in any case.
    lo = "up, own namespace" if result["lo_up"] is True else f"down ({result['lo_up']})"
    report.add(
        "no network",
        interfaces == ["lo"] and result["inet_socket"] != "created",
        f"interfaces {interfaces} (lo {lo}), internet socket: {result['inet_socket']}",
    )


def _nothing_survives(marker: str, escaped: set[int]) -> tuple[str, bool, str]:
    name = "dies with its parent"
    if not escaped:
        return (name, False, "the probe's setsid'd grandchild was never seen running")
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if not _processes_with(marker):
            return (name, True, "a double-forked, setsid'd grandchild died with the session")
        time.sleep(0.02)
    return (name, False, f"surviving pids: {sorted(_processes_with(marker))}")
