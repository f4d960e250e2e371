"""The sandboxed workers of one submission: one per distinct task profile.

Most assignments need one worker. A task that forbids a library (a numpy-only conv2d) or has
its own limits gets a worker of its own, started from the same cells.
"""

from __future__ import annotations

from autograder.engine.settings import WorkerProfile
from autograder.sandbox.gpu import GpuAccess
from autograder.sandbox.launcher import SandboxMode, SandboxSpec
from autograder.sandbox.session import CellReport, CodeCell, WorkerSession


def sandbox_spec(
    profile: WorkerProfile, mode: SandboxMode, gpu: GpuAccess | None = None
) -> SandboxSpec:
    return SandboxSpec(
        limits=profile.limits, mode=mode, forbid=profile.forbid, gpu=gpu, preload=profile.preload
    )


def distinct_specs(
    profiles: dict[str, WorkerProfile],
    default: WorkerProfile,
    mode: SandboxMode,
    gpu: GpuAccess | None = None,
) -> list[SandboxSpec]:
    """The sandboxes a submission of this assignment needs (to start their zygotes early)."""
    unique = dict.fromkeys([default, *profiles.values()])
    return [sandbox_spec(profile, mode, gpu) for profile in unique]


class TaskWorkers:
    def __init__(
        self,
        cells: list[CodeCell],
        profiles: dict[str, WorkerProfile],
        default: WorkerProfile,
        mode: SandboxMode,
        gpu: GpuAccess | None = None,
    ) -> None:
        self._cells = cells
        self._gpu = gpu
        self._profiles = profiles
        self._default = default
        self._mode = mode
        self._sessions: dict[WorkerProfile, WorkerSession] = {}

    def __enter__(self) -> TaskWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        for session in self._sessions.values():
            session.close()

    def profile(self, task_id: str) -> WorkerProfile:
        return self._profiles.get(task_id, self._default)

    def session(self, task_id: str) -> WorkerSession:
        profile = self.profile(task_id)
        session = self._sessions.get(profile)
        if session is None:
            spec = sandbox_spec(profile, self._mode, self._gpu)
            session = self._sessions[profile] = WorkerSession(spec, self._cells)
        return session

    def start(self) -> None:
        """Start one worker per profile in use (cell errors are known before any test runs)."""
        for task_id in {*self._profiles, "*"}:
            self.session(task_id).ensure_started()

    def cell_report(self, task_id: str, cell_id: str) -> CellReport | None:
        return self.session(task_id).cell_reports.get(cell_id)

    def cell_reports(self) -> dict[str, CellReport]:
        merged: dict[str, CellReport] = {}
        for session in self._sessions.values():
            for cell_id, report in session.cell_reports.items():
                if report.status != "ok" or cell_id not in merged:
                    merged[cell_id] = report
        return merged
