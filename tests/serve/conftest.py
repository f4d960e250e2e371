"""A course with the service configured, and the service started as a real process."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import httpx
import pytest
import websocket

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

    def __init__(self, course: ServiceCourse, *args: str) -> None:
        self.course = course
        self.port = free_port()
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
        status = client.get(f"/versuch/{public_id}/status?warten=5").json()  # as the page asks
        if status["status"] not in ("queued", "grading"):
            return status
    raise TimeoutError(public_id)


@pytest.fixture(scope="session")  # shared by the modules that one xdist worker runs
def service_course(tmp_path_factory: pytest.TempPathFactory) -> ServiceCourse:
    return make_course(  # no seeds prepared while idle: the suite's other tests need the CPU
        tmp_path_factory.mktemp("serve"),
        attempts_per_hour=4,
        max_upload_bytes=1 << 20,
        prepare_seeds=False,
    )


@pytest.fixture(scope="session")
def service(service_course: ServiceCourse) -> Iterator[Running]:
    running = Running(service_course)
    yield running
    running.stop()


class Browser:
    """The few DevTools calls a student's clicks need."""

    def __init__(self, socket_url: str, devtools: str = "") -> None:
        self.socket = websocket.create_connection(socket_url, timeout=30)
        self.ids = count(1)
        self.devtools = devtools  # http://127.0.0.1:<port>: the browser's other tabs

    def tab(self, url_prefix: str, seconds: float = 30) -> Browser:
        """The tab (one the page opened, say) whose address starts with ``url_prefix``."""
        deadline = time.monotonic() + seconds
        while True:
            pages = [
                p for p in httpx.get(f"{self.devtools}/json/list").json() if p["type"] == "page"
            ]
            for page in pages:
                if page["url"].startswith(url_prefix):
                    return Browser(page["webSocketDebuggerUrl"], self.devtools)
            if time.monotonic() > deadline:
                raise AssertionError(f"no tab at {url_prefix}: {[p['url'] for p in pages]}")
            time.sleep(0.2)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == message_id:
                assert "error" not in answer, answer
                return answer["result"]

    def js(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return answer["result"].get("value")

    def click(self, selector: str, seconds: float = 10) -> None:
        """A mouse click in the middle of the element, as a person's (a user gesture), once
        the element is what lies at that point (not a layout still moving under it)."""
        where = (
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " const r = e.getBoundingClientRect(); const x = r.x + r.width / 2,"
            " y = r.y + r.height / 2; const hit = document.elementFromPoint(x, y);"
            " return [x, y, !!hit && e.contains(hit)]; })()"
        )
        deadline = time.monotonic() + seconds
        box = self.js(where)
        while not box[2]:
            assert time.monotonic() < deadline, f"{selector} is covered at {box[:2]}"
            time.sleep(0.2)
            box = self.js(where)
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def wait_text(self, needle: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        text = ""
        while time.monotonic() < deadline:
            text = (
                self.js("document.readyState === 'complete' ? document.body.innerText : ''") or ""
            )
            if needle in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} not on the page:\n{text[-2000:]}")


@pytest.fixture
def browser(tmp_path) -> Iterator[Browser]:
    process = subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1440,900",  # a laptop's: JupyterLab's toolbar keeps the button shown
            f"--user-data-dir={tmp_path / 'profile'}",
            "--remote-debugging-port=0",
            "--disable-popup-blocking",  # a click may open the service's answer in a new tab
            "about:blank",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            found = re.search(r"DevTools listening on ws://127.0.0.1:(\d+)/", line)
            if found:
                break
        devtools = f"http://127.0.0.1:{found.group(1)}"
        pages = httpx.get(f"{devtools}/json/list").json()
        page = next(p for p in pages if p["type"] == "page")
        browser = Browser(page["webSocketDebuggerUrl"], devtools)
        yield browser
        browser.socket.close()
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    yield f"redis://127.0.0.1:{port}/0"
    server.kill()
    server.wait()
