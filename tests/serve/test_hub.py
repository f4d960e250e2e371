"""Sign-in through a real JupyterHub (started here, DummyAuthenticator, no proxy process): the
service is registered as a Hub service and signs students in with the Hub's OAuth; every route
then shows a Hub user only their own uploads, and Hub users outside the course are refused."""

from __future__ import annotations

import html
import re
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from autograder.course import find_course
from autograder.serve.app import Service, build_app
from autograder.serve.config import load_serve_config
from autograder.serve.run import hub_sign_in
from autograder.serve.store import Store
from tests.serve.conftest import (
    Running,
    ServiceCourse,
    attempt_id,
    free_port,
    make_course,
    upload,
)

pytestmark = pytest.mark.slow
jupyterhub = pytest.importorskip("jupyterhub", reason="the [hub] extra: pip install -e .[dev]")

SERVICE = "feedback"
PREFIX = f"/services/{SERVICE}/"  # where the Hub's proxy would route it: the whole path comes
HUB_CONFIG = '''
from jupyterhub.proxy import Proxy


class NoProxy(Proxy):
    """No proxy process (configurable-http-proxy needs node): the test talks to the Hub's own
    port, and the Hub's routes are kept in memory."""

    routes = {{}}

    async def start(self):
        pass

    async def stop(self):
        pass

    async def add_route(self, routespec, target, data):
        self.routes[routespec] = {{"routespec": routespec, "target": target, "data": data}}

    async def delete_route(self, routespec):
        self.routes.pop(routespec, None)

    async def get_all_routes(self):
        return dict(self.routes)


c.JupyterHub.proxy_class = NoProxy
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.JupyterHub.bind_url = "http://127.0.0.1:{public_port}"
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/cookie_secret"
# the documented registration (docs/instructor.md), for a service on its own address
c.JupyterHub.services = [
    {{
        "name": "{service}",
        "api_token": "{api_token}",
        "oauth_client_id": "service-{service}",
        "oauth_redirect_uri": "{service_url}/oauth_callback",
        "oauth_no_confirm": True,
    }}
]
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", "access:services!service={service}"]}}
]
'''


class Hub:
    """A JupyterHub process and the way a browser signs in there."""

    def __init__(self, tmp: Path, service_url: str, api_token: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = tmp / "jupyterhub_config.py"
        config.write_text(
            HUB_CONFIG.format(
                hub_port=self.port,
                public_port=free_port(),
                tmp=tmp,
                service=SERVICE,
                api_token=api_token,
                service_url=service_url,
            )
        )
        command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
        self.process = subprocess.Popen(
            command, cwd=tmp, stdout=subprocess.DEVNULL, stderr=(tmp / "hub.log").open("w")
        )
        self.log = tmp / "hub.log"

    def wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(self.url + "/hub/api/", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise TimeoutError(self.log.read_text()[-3000:])

    def stop(self) -> None:
        self.process.kill()  # a throwaway Hub: nothing to shut down cleanly
        self.process.wait()


def sign_in_through_hub(service: Running, hub_user: str) -> tuple[httpx.Client, httpx.Response]:
    """A browser's way: the service's sign-in link, the Hub's login form, back to the service."""
    client = httpx.Client(base_url=service.url, timeout=30, follow_redirects=True)
    form = client.get("/hub/anmelden")
    assert form.url.path == "/hub/login", form.url  # at the Hub, which asks who it is
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text)
    assert xsrf is not None
    answer = client.post(
        str(form.url),
        data={"username": hub_user, "password": "x", "_xsrf": html.unescape(xsrf.group(1))},
    )
    client.follow_redirects = False  # from here on as the other tests: 303s are looked at
    return client, answer


class InProcessService(Running):
    """The service's web app (the one `autograder serve` runs) on a real port in this process,
    without grading processes: these tests are about who gets in and who sees what (uploads stay
    queued; grading after a Hub sign-in is that of a token sign-in, test_service.py)."""

    def __init__(self, course: ServiceCourse, port: int) -> None:
        config = load_serve_config(course.root)
        self.course, self.port = course, port
        self.url = f"http://127.0.0.1:{port}{config.base_url.rstrip('/')}"
        store = Store(config.database_url)
        course_ = find_course(course.root)
        service = Service(config, course_, store, lambda _id: None, hub=hub_sign_in(config, store))
        settings = uvicorn.Config(build_app(service), port=port, log_level="warning")
        self.server = uvicorn.Server(settings)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self._wait_started()

    def _wait_started(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the service's app"
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def hub_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessService]:
    api_token = secrets.token_hex(16)
    port = free_port()
    service_url = f"http://127.0.0.1:{port}{PREFIX.rstrip('/')}"
    hub = Hub(tmp_path_factory.mktemp("jupyterhub"), service_url, api_token)
    try:
        course = make_course(tmp_path_factory.mktemp("hub"), base_url=PREFIX)  # while it starts
        with (course.root / "serve.toml").open("a") as toml:
            toml.write(
                f'\n[hub]\napi_url = "{hub.url}/hub/api"\nhub_url = "{hub.url}"\n'
                f'client_id = "service-{SERVICE}"\ncallback_url = "{service_url}/oauth_callback"\n'
                f'service_name = "{SERVICE}"\n\n[hub.students]\n"a.schmidt" = "carla"\n'
            )
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("JUPYTERHUB_API_TOKEN", api_token)  # as the Hub gives its services
            service = InProcessService(course, port)
        try:
            hub.wait()
            yield service
        finally:
            service.stop()
    finally:
        hub.stop()


def test_sign_in_through_a_real_jupyterhub(hub_service: InProcessService) -> None:
    """One test (one Hub started, whichever xdist worker runs it); its parts below."""
    a_hub_user_signs_in_uploads_and_sees_only_their_own_uploads(hub_service)
    hub_users_map_to_student_ids_and_outsiders_are_refused(hub_service)
    forged_hub_cookies_and_callbacks_sign_nobody_in_and_tokens_still_work(hub_service)


def a_hub_user_signs_in_uploads_and_sees_only_their_own_uploads(service: Running) -> None:
    anna, home = sign_in_through_hub(service, "anna")
    assert home.url == httpx.URL(service.url + "/") and "Angemeldet als <strong>anna" in home.text
    public_id = attempt_id(upload(anna, "partly_wrong.ipynb"))
    (row,) = [u for u in service.course.store.history("anna") if u.public_id == public_id]
    assert row.filename == "partly_wrong.ipynb"  # stored under the Hub user's student id
    assert "Platz 1 in der Warteschlange" in anna.get(f"/versuch/{public_id}").text
    # under the proxy's prefix: links carry it, and the cookie goes to no other path of the
    # origin (other users' servers at /user/<name>/ live beside the service)
    assert f'action="{PREFIX}abgabe"' in home.text and f'href="{PREFIX}versuch/{public_id}"' in (
        anna.get("/").text
    )
    ours = {
        cookie.name: cookie.path for cookie in anna.cookies.jar if cookie.name.startswith("ag_")
    }
    assert ours == {"ag_hub": PREFIX}  # (the Hub's own cookies are in the jar too)
    anna.cookies.set("ag_token", "renewed-long-ago", domain="127.0.0.1", path=PREFIX)
    assert "Angemeldet als <strong>anna" in anna.get("/").text  # a stale token link's cookie
    outside = httpx.get(
        f"http://127.0.0.1:{service.port}/versuch/{public_id}", cookies=anna.cookies
    )
    assert outside.status_code == 404

    ben, _ = sign_in_through_hub(service, "ben")
    for route in (f"/versuch/{public_id}", f"/versuch/{public_id}/status"):
        assert ben.get(route).status_code == 404  # another student's id: as if unknown
        guessed = route.replace(public_id, public_id[:-1] + ("A" if public_id[-1] != "A" else "B"))
        assert anna.get(guessed).status_code == 404
    assert public_id not in ben.get("/").text and public_id in anna.get("/").text


def hub_users_map_to_student_ids_and_outsiders_are_refused(service: Running) -> None:
    _, home = sign_in_through_hub(service, "a.schmidt")  # [hub.students] "a.schmidt" = "carla"
    assert "Angemeldet als <strong>carla" in home.text

    mallory, refused = sign_in_through_hub(service, "mallory")  # a Hub user, not in the course
    assert refused.status_code == 403
    assert "„mallory“ ist in diesem Kurs nicht als Teilnehmerin oder Teilnehmer eingetragen" in (
        refused.text
    )
    assert "ag_hub" not in mallory.cookies
    stored = len(service.course.store.all_uploads())
    assert upload(mallory, "perfect.ipynb").headers["location"] == PREFIX  # to sign in; not stored
    assert len(service.course.store.all_uploads()) == stored


def forged_hub_cookies_and_callbacks_sign_nobody_in_and_tokens_still_work(
    service: Running,
) -> None:
    forged = httpx.Client(base_url=service.url, timeout=30, cookies={"ag_hub": "made-up"})
    assert "Zugangscode" in forged.get("/").text and "Angemeldet" not in forged.get("/").text
    stale = forged.get("/oauth_callback", params={"code": "guessed", "state": "guessed"})
    assert stale.status_code == 400 and "noch einmal an" in stale.text
    assert "ag_hub" not in stale.cookies

    ben = service.client("ben")  # the token link, beside the Hub
    assert "Angemeldet als <strong>ben" in ben.get("/").text
    assert "Mit Ihrem JupyterHub-Konto anmelden" in httpx.get(service.url + "/").text
