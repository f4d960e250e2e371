"""The web service: sign in with a token, upload a notebook, wait in the queue, read feedback.

Every route that shows an upload looks it up by its random public id *and* the signed-in
student, so another student's id or a guessed one answers 404, exactly like an unknown one.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from autograder.course import Course
from autograder.reports.feedback import render_feedback
from autograder.results.model import submission_from_dict
from autograder.serve.config import ServeConfig
from autograder.serve.hub import HUB_COOKIE, STATE_COOKIE, HubSignIn, HubUnavailable
from autograder.serve.intake import Verdict, judge, too_large
from autograder.serve.notify import FALLBACK_S, Finished
from autograder.serve.store import GRADING, QUEUED, REJECTED, Store, Upload, now_utc

COOKIE = "ag_token"
MAX_WAIT_S = 25.0  # a long poll's longest wait (below common proxies' 30 s idle timeout)
FORM_SLACK = 64 << 10  # multipart headers and the assignment field around the file

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
)
STATES = {
    "queued": "wartet",
    "grading": "wird geprüft",
    "graded": "Rückmeldung",
    "rejected": "nicht angenommen",
    "stored": "gespeichert (Prüfung)",
}


def state(upload: Upload) -> str:
    if upload.status == "graded" and upload.result:
        result = json.loads(upload.result)
        return f"Rückmeldung: {result['score']:g} / {result['max_score']:g} Punkte"
    return STATES[upload.status]


@dataclass
class Service:
    config: ServeConfig
    course: Course
    store: Store
    notify: Callable[[int], None]  # a job was queued: wake the embedded worker or send it to Celery
    titles: dict[str, str] = field(default_factory=dict)
    hub: HubSignIn | None = None  # sign-in through JupyterHub, besides the tokens
    finished: Finished = field(default_factory=Finished)  # wakes status requests that wait

    @property
    def root(self) -> str:
        """Where the service's pages are: "/" or a prefix such as "/services/feedback/"."""
        return self.config.base_url

    def page(self, name: str, request: Request, status: int = 200, **values: object) -> Response:
        html = _templates.get_template(name).render(
            student=self.student(request), hub=self.hub is not None, root=self.root, **values
        )
        return HTMLResponse(html, status_code=status)

    def redirect(self, path: str = "") -> RedirectResponse:
        return RedirectResponse(self.root + path, status_code=303)

    def set_cookie(self, response: Response, name: str, value: str, **options: Any) -> None:
        """Cookies only for the service's own path: on a Hub's origin, other users' servers
        live beside it and must never receive them."""
        response.set_cookie(name, value, path=self.root, httponly=True, **options)

    def student(self, request: Request) -> str | None:
        token = request.cookies.get(COOKIE)
        student = self.store.student_for(token) if token else None
        if student is not None:
            return student
        hub_token = request.cookies.get(HUB_COOKIE)  # a stale token link's cookie does not block it
        return self.hub.student(hub_token) if self.hub and hub_token else None

    def signed_in(self, request: Request) -> str:
        student = self.student(request)
        if student is None:
            raise HTTPException(401, "Bitte melden Sie sich an.")
        return student

    # ------------------------------------------------------------ routes

    def home(self, request: Request) -> Response:  # sync routes run in Starlette's thread pool
        student = self.student(request)
        if student is None:
            return self.page("signin.html.j2", request)
        now = now_utc()
        open_ = [(a, w) for a, w in sorted(self.config.assignments.items()) if w.is_open(now)]
        return self.page(
            "home.html.j2",
            request,
            open=open_,
            history=self.store.history(student),
            per_hour=self.config.attempts_per_hour,
            state=state,
        )

    async def sign_in(self, request: Request) -> Response:
        if request.method == "GET":
            token = request.path_params["token"]
        else:
            token = str((await request.form(max_files=0, max_fields=2)).get("token", ""))
        if not token or self.store.student_for(token) is None:
            message = "Dieser Zugangscode ist ungültig. Bitte prüfen Sie ihn oder fragen Sie die Lehrenden."
            return self.page("signin.html.j2", request, 401, message=message)
        response = self.redirect()
        self.set_cookie(response, COOKIE, token, samesite="strict", max_age=180 * 86400)
        return response

    def sign_out(self, request: Request) -> Response:
        response = self.redirect()
        response.delete_cookie(COOKIE, path=self.root)
        response.delete_cookie(HUB_COOKIE, path=self.root)
        return response

    def hub_sign_in(self, request: Request) -> Response:
        """To the Hub: it signs the student in (or knows them already) and sends them back."""
        hub = self._hub()
        started = hub.start(next_url=self.root)
        response = RedirectResponse(started.url, status_code=303)
        self.set_cookie(
            response, STATE_COOKIE, started.state, max_age=600, samesite="lax", secure=hub.secure
        )
        return response

    def hub_callback(self, request: Request) -> Response:
        """Back from the Hub with a code: a Hub token for this service, if the user is a student."""
        hub = self._hub()
        query = request.query_params
        finished = hub.finish(
            query.get("code", ""), query.get("state", ""), request.cookies.get(STATE_COOKIE, "")
        )
        if finished is None:
            message = "Die Anmeldung über JupyterHub ist abgelaufen oder unvollständig. Bitte melden Sie sich noch einmal an."
            return self.page("signin.html.j2", request, 400, message=message)
        token, _next_url = finished
        hub_user = hub.hub_user(token)
        refusal = _hub_refusal(hub, hub_user)
        if refusal:
            response = self.page("signin.html.j2", request, 403, message=refusal)
        else:
            response = self.redirect()  # the state's next_url is always the overview
            self.set_cookie(
                response, HUB_COOKIE, token, max_age=12 * 3600, samesite="lax", secure=hub.secure
            )
        response.delete_cookie(STATE_COOKIE, path=self.root)
        return response

    def _hub(self) -> HubSignIn:
        if self.hub is None:
            raise HTTPException(404, "Die Anmeldung über JupyterHub ist hier nicht eingerichtet.")
        return self.hub

    async def submit(self, request: Request) -> Response:
        student = await run_in_threadpool(self.signed_in, request)
        aid, filename, data, verdict = await self._read_upload(request)
        upload = await run_in_threadpool(self._store_upload, student, aid, filename, data, verdict)
        return self.redirect(f"versuch/{upload.public_id}")

    def _store_upload(
        self, student: str, aid: str, filename: str, data: bytes, verdict: Verdict | None
    ) -> Upload:
        """Judge and store the upload; only once it is committed may anyone hear of it."""
        if verdict is None:
            verdict = judge(
                self.config, self.course, self.store, student, aid, filename, data, now_utc()
            )
        upload = self.store.add_upload(student, aid, filename, data, verdict.status, verdict.reason)
        if upload.status == QUEUED:
            self.notify(upload.id)
        return upload

    async def _read_upload(self, request: Request) -> tuple[str, str, bytes, Verdict | None]:
        """(assignment, file name, content, a verdict already reached while reading)."""
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > self.config.max_upload_bytes + FORM_SLACK:
            return "", "", b"", too_large(self.config.max_upload_bytes)
        try:
            form = await request.form(max_files=1, max_fields=2)
        except (MultiPartException, ValueError):
            return "", "", b"", Verdict(REJECTED, "Das Formular war unvollständig oder fehlerhaft.")
        aid = str(form.get("aid", ""))
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return (
                aid,
                "",
                b"",
                Verdict(REJECTED, "Bitte wählen Sie eine Notebook-Datei (.ipynb) aus."),
            )
        data = await upload.read(self.config.max_upload_bytes + 1)
        return aid, Path(upload.filename or "").name, data, None

    def _own(self, request: Request) -> Upload:
        student = self.signed_in(request)
        upload = self.store.upload(request.path_params["public_id"], student)
        if upload is None:
            raise HTTPException(404, "Diesen Versuch gibt es nicht.")
        return upload

    def attempt(self, request: Request) -> Response:
        upload = self._own(request)
        if upload.status == "graded" and upload.result:
            return HTMLResponse(self._feedback(upload))
        return self.page(
            "attempt.html.j2", request, upload=upload, position=self.store.queue_position(upload)
        )

    async def status(self, request: Request) -> Response:
        """The attempt's state; with ``?warten=<s>`` (at most ``MAX_WAIT_S``) an attempt still
        queued or being graded is answered once it is done, or after that long (long poll)."""
        upload = await run_in_threadpool(self._own, request)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _seconds(request.query_params.get("warten", ""))
        while upload.status in (QUEUED, GRADING) and loop.time() < deadline:
            with self.finished.watch(upload.id) as told:
                upload = await run_in_threadpool(self._own, request)
                if upload.status in (QUEUED, GRADING):
                    remaining = min(deadline - loop.time(), FALLBACK_S)
                    await asyncio.wait([told], timeout=max(remaining, 0))
        position = await run_in_threadpool(self.store.queue_position, upload)
        return JSONResponse(
            {"status": upload.status, "position": position, "reason": upload.reason}
        )

    def _title(self, aid: str) -> str:
        if aid not in self.titles:  # the notebook's first heading, read once
            self.titles[aid] = self.course.assignment(aid).spec().title
        return self.titles[aid]

    def _feedback(self, upload: Upload) -> str:
        assert upload.result is not None
        result = submission_from_dict(json.loads(upload.result))
        title = self._title(upload.aid)
        html = render_feedback(result, upload.aid, "de", title=title)
        nav = (
            f'<nav><a href="{self.root}">Zurück zur Übersicht</a> · Übungsrückmeldung: die verdeckten Tests '
            "ziehen bei jedem Versuch neue Eingaben.</nav>"
        )
        return html.replace("<body>", "<body>\n" + nav, 1)


def _seconds(text: str) -> float:
    """A wait the client asked for, within 0 … ``MAX_WAIT_S`` (anything else: no wait)."""
    try:
        seconds = float(text)
    except ValueError:
        return 0.0
    return min(seconds, MAX_WAIT_S) if seconds > 0 else 0.0  # NaN is not > 0


def _hub_refusal(hub: HubSignIn, hub_user: str | None) -> str | None:
    """Why a Hub user may not use the service (German), or None."""
    if hub_user is None:
        return "JupyterHub hat Ihre Anmeldung für diesen Dienst nicht freigegeben. Bitte fragen Sie die Lehrenden."
    if hub.settings.student_id(hub_user) not in hub.roster:
        return (
            f"Ihr JupyterHub-Konto „{hub_user}“ ist in diesem Kurs nicht als Teilnehmerin oder "
            "Teilnehmer eingetragen. Bitte wenden Sie sich an die Lehrenden."
        )
    return None


async def _hub_unavailable(request: Request, exc: Exception) -> Response:
    message = (
        "JupyterHub hat die Anmeldung nicht bestätigt (nicht erreichbar oder abgelehnt). "
        "Bitte versuchen Sie es in einigen Minuten noch einmal."
    )
    return await _error_page(request, HTTPException(502, message))


async def _error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    root = request.app.state.service.root
    if exc.status_code == 401:
        return RedirectResponse(root, status_code=303)
    html = _templates.get_template("base.html.j2").render(student=None, root=root)
    body = f'<p class="message">{escape(exc.detail)}</p><p><a href="{root}">Zur Übersicht</a></p>'
    return HTMLResponse(html.replace("</body>", body + "</body>"), status_code=exc.status_code)


def build_app(service: Service) -> Starlette:
    routes: list[BaseRoute] = [
        Route("/", service.home),
        Route("/anmelden", service.sign_in, methods=["POST"]),
        Route("/anmelden/{token}", service.sign_in),
        Route("/abmelden", service.sign_out, methods=["POST"]),
        Route("/hub/anmelden", service.hub_sign_in),
        Route("/oauth_callback", service.hub_callback),  # JupyterHub's default for services
        Route("/abgabe", service.submit, methods=["POST"]),
        Route("/versuch/{public_id}", service.attempt),
        Route("/versuch/{public_id}/status", service.status),
    ]
    if service.root != "/":  # behind the Hub's proxy, which passes the whole path on
        routes = [Mount(service.root.rstrip("/"), routes=routes)]
    handlers = {HTTPException: _error_page, HubUnavailable: _hub_unavailable}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.service = service
    return app
