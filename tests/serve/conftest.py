"""A course with the service configured, and the service started as a real process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from autograder.demo import build_course
from autograder.serve.config import Window, load_serve_config, write_serve_config
from autograder.serve.store import Store, now_utc
from autograder.serve.tokens import issue_tokens
from tests.conftest import A01, REPO

EXAM = "q01_fragen"
CLOSED = "a02_mlp_backprop"  # its deadline has passed
EXAMPLES = REPO / "examples" / A01
STUDENTS = ["anna", "ben", "carla"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ServiceCourse:
    root: Path
    tokens: dict[str, str]
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def store(self) -> Store:
        return Store(load_serve_config(self.root).database_url)


def make_course(tmp: Path, students: list[str] = STUDENTS, **serve: object) -> ServiceCourse:
    root = build_course(tmp / "course")
    deadline = now_utc() + timedelta(days=7)
    closed = now_utc() - timedelta(days=1)
    windows = {A01: Window(deadline), EXAM: Window(deadline, exam=True), CLOSED: Window(closed)}
    write_serve_config(root, windows, **serve)
    tokens = issue_tokens(Store(load_serve_config(root).database_url), students)
    return ServiceCourse(root, tokens, dict(serve))


class Running:
    """`autograder serve` in its own process (killable with SIGKILL like a crash)."""

    def __init__(self, course: ServiceCourse, *args: str, port: int | None = None) -> None:
        self.course = course
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "autograder", "serve", "--course", str(course.root)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._wait()

    def _wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())  # type: ignore[union-attr]
            try:
                httpx.get(self.url + "/", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise TimeoutError(self.url)

    def client(self, student: str | None = None) -> httpx.Client:
        client = httpx.Client(base_url=self.url, timeout=30)
        if student is not None:
            answer = client.get(f"/anmelden/{self.course.tokens[student]}")
            assert answer.status_code == 303
        return client

    def kill(self) -> None:
        """SIGKILL to the service's whole process group (its worker too), like a crash."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()


def upload(
    client: httpx.Client, name: str, data: bytes | None = None, aid: str = A01
) -> httpx.Response:
    content = (EXAMPLES / name).read_bytes() if data is None else data
    return client.post("/abgabe", data={"aid": aid}, files={"file": (name, content)})


def attempt_id(answer: httpx.Response) -> str:
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[1]


def wait_graded(client: httpx.Client, public_id: str, seconds: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"/versuch/{public_id}/status").json()
        if status["status"] not in ("queued", "grading"):
            return status
        time.sleep(0.1)
    raise TimeoutError(public_id)


@pytest.fixture(scope="session")  # shared by the modules that one xdist worker runs
def service_course(tmp_path_factory: pytest.TempPathFactory) -> ServiceCourse:
    return make_course(
        tmp_path_factory.mktemp("serve"), attempts_per_hour=4, max_upload_bytes=1 << 20
    )


@pytest.fixture(scope="session")
def service(service_course: ServiceCourse) -> Iterator[Running]:
    running = Running(service_course)
    yield running
    running.stop()
