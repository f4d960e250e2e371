"""The "Abgeben und prüfen" button in a real JupyterLab, clicked in headless Chromium: JupyterLab
runs with the project's prebuilt extension (autograder/serve/labextensions/, built by
jupyterlab-abgabe/build.sh), the notebook open is a01's partly wrong example, and the click
ends on the service's feedback page with the named mistake, in a new tab."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from autograder.serve.tokens import issue_tokens
from tests.conftest import A01, REPO
from tests.serve.conftest import EXAMPLES, Browser, Running, ServiceCourse, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("chromium"), reason="chromium: scripts/setup.sh"),
]
LAB_EXTENSIONS = REPO / "autograder" / "serve" / "labextensions"
BUTTON = '[data-command="dl-autograder:abgeben"]'
TOKEN = "lab-test-token"
PAGE_STATE = (  # what the page shows, for the failure message
    f"(() => {{ const b = document.querySelector('{BUTTON}');"
    " return JSON.stringify({button: b && b.outerHTML.slice(0, 300),"
    " cells: document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length}); })()"
)
READY = (  # the button is there and enabled, the notebook's cells are rendered
    f"(() => {{ const b = document.querySelector('{BUTTON}');"
    " return !!b && !b.hasAttribute('disabled') && !b.closest('.lm-mod-disabled')"
    " && document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length > 0; })()"
)


@pytest.fixture
def lab(tmp_path: Path, service: Running) -> Iterator[str]:
    """JupyterLab on a folder with a01's notebook, the button set to the running service."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(EXAMPLES / "partly_wrong.ipynb", home / f"{A01}.ipynb")  # as released: <aid>.ipynb
    settings = tmp_path / "settings"  # as the instructor sets it for everyone (docs/jupyterhub.md)
    settings.mkdir()
    overrides = {"@dl-autograder/abgabe:plugin": {"serviceUrl": service.url}}
    (settings / "overrides.json").write_text(json.dumps(overrides))
    port = free_port()
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "jupyter", "lab", f"--port={port}", "--ServerApp.ip=127.0.0.1"),
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.open_browser=False",
            "--ServerApp.allow_root=True",
            f"--ServerApp.root_dir={home}",
            f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}",
            f"--LabApp.app_settings_dir={settings}",
        ],
        cwd=home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its kernel with it at the end
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/api/status?token={TOKEN}", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and process.poll() is None, "jupyter lab"
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_the_jupyterlab_button_submits_the_open_notebook_and_shows_the_feedback(
    service: Running, service_course: ServiceCourse, lab: str, browser: Browser
) -> None:
    (token,) = issue_tokens(service_course.store, ["dora"]).values()  # a fresh attempt budget
    browser.call("Page.navigate", url=f"{service.url}/anmelden/{token}")  # signed in once
    browser.wait_text("Angemeldet als dora")
    browser.call("Page.navigate", url=f"{lab}/lab/tree/{A01}.ipynb?token={TOKEN}")
    deadline = time.monotonic() + 90
    while not browser.js(READY):  # as a student clicks: once the notebook is there
        assert time.monotonic() < deadline, browser.js(PAGE_STATE)
        time.sleep(0.3)
    assert "Abgeben und prüfen" in browser.js(f"document.querySelector('{BUTTON}').textContent")
    browser.click(BUTTON)
    answer = browser.tab(f"{service.url}/versuch/")
    page = answer.wait_text("Punkte (automatisch bewertet)")
    assert "typischen Fehler „log₁₀ statt natürlichem Logarithmus" in page
    assert "Abgabe von: dora" in page
    (row,) = service_course.store.history("dora")
    assert row.aid == A01 and row.filename == f"{A01}.ipynb"
