"""A student in a real headless Chromium (driven over the DevTools protocol): signs in with the
token, chooses examples/a01_perceptron_xor/partly_wrong.ipynb in the file dialog, submits, waits
on the self-refreshing queue page and reads the named mistake on the feedback page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from itertools import count
from typing import Any

import httpx
import pytest
import websocket

from tests.serve.conftest import EXAMPLES, Running, ServiceCourse

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("chromium"), reason="chromium: scripts/setup.sh"),
]


class Browser:
    """The few DevTools calls a student's clicks need."""

    def __init__(self, socket_url: str) -> None:
        self.socket = websocket.create_connection(socket_url, timeout=30)
        self.ids = count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == message_id:
                assert "error" not in answer, answer
                return answer["result"]

    def js(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression)["result"].get("value")

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
            f"--user-data-dir={tmp_path / 'profile'}",
            "--remote-debugging-port=0",
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
        pages = httpx.get(f"http://127.0.0.1:{found.group(1)}/json/list").json()
        page = next(p for p in pages if p["type"] == "page")
        browser = Browser(page["webSocketDebuggerUrl"])
        yield browser
        browser.socket.close()
    finally:
        process.kill()
        process.wait()


def test_a_student_uploads_in_the_browser_and_reads_the_named_mistake(
    service: Running, service_course: ServiceCourse, browser: Browser
) -> None:
    browser.call("Page.navigate", url=service.url + "/")
    browser.wait_text("Zugangscode")
    browser.js(
        f"document.getElementById('token').value = {json.dumps(service_course.tokens['anna'])}"
    )
    browser.js("document.getElementById('signin').click()")
    browser.wait_text("Angemeldet als anna")
    document = browser.call("DOM.getDocument")["root"]["nodeId"]
    file_input = browser.call("DOM.querySelector", nodeId=document, selector="#file")
    path = str(EXAMPLES / "partly_wrong.ipynb")
    browser.call("DOM.setFileInputFiles", files=[path], nodeId=file_input["nodeId"])
    browser.js("document.getElementById('upload').click()")
    page = browser.wait_text("Punkte (automatisch bewertet)")
    assert "typischen Fehler „log₁₀ statt natürlichem Logarithmus" in page
    assert "Abgabe von: anna" in page
    browser.call("Page.navigate", url=service.url + "/")
    assert "Rückmeldung: " in browser.wait_text("partly_wrong.ipynb")
