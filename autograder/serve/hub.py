"""Sign-in through JupyterHub: the service is a Hub service and an OAuth client of the Hub.

JupyterHub's own client code (``jupyterhub.services.auth.HubOAuth``) does the OAuth work:
the authorization URL with PKCE, the state, the code → token exchange and asking the Hub whose a
token is. This module only maps the Hub user to the gradebook's student id and keeps out Hub
users that are not students of the course. Settings: the ``[hub]`` table of ``serve.toml``; the
service's API token comes from ``$JUPYTERHUB_API_TOKEN`` (never from a file in the course).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from autograder.config import ConfigError

if TYPE_CHECKING:
    from jupyterhub.services.auth import HubOAuth

HUB_COOKIE = "ag_hub"
STATE_COOKIE = "ag_hub_state"
ROSTER_SECONDS = 60.0  # how long the list of the course's students is reused


class HubUnavailable(Exception):
    """The Hub did not answer, or refused the service (wrong API token, a bad or used code)."""


@dataclass(frozen=True)
class HubSettings:
    """``[hub]`` in serve.toml; an empty value leaves HubOAuth's default (JupyterHub's env var)."""

    api_url: str = ""  # $JUPYTERHUB_API_URL, e.g. http://127.0.0.1:8081/hub/api
    hub_url: str = ""  # where browsers reach the Hub ($JUPYTERHUB_HOST; "" = this host)
    client_id: str = ""  # $JUPYTERHUB_CLIENT_ID, "service-<name>"
    callback_url: str = ""  # $JUPYTERHUB_OAUTH_CALLBACK_URL, ends in /oauth_callback
    service_name: str = ""  # $JUPYTERHUB_SERVICE_NAME: users need access:services!service=<name>
    students: dict[str, str] = field(default_factory=dict)  # Hub user → student id (else same)

    @classmethod
    def from_table(cls, table: dict[str, Any], where: str) -> HubSettings:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(table) - known)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
        students = table.get("students", {})
        if not isinstance(students, dict):
            raise ConfigError(f"{where}.students: a table of Hub user = student id")
        values = {k: str(v) for k, v in table.items() if k != "students"}
        return cls(**values, students={str(k): str(v) for k, v in students.items()})

    def student_id(self, hub_user: str) -> str:
        return self.students.get(hub_user, hub_user)


@dataclass(frozen=True)
class Started:
    """Where to send the browser to sign in at the Hub, and the state to keep in a cookie."""

    url: str
    state: str


class Roster:
    """Who is a student of the course: the ids of each source, asked in order (cheap ones
    first), each read again after ROSTER_SECONDS."""

    def __init__(self, *sources: Callable[[], set[str]]) -> None:
        self.sources = sources
        self.known: list[set[str]] = [set() for _ in sources]
        self.read_at = [-ROSTER_SECONDS] * len(sources)

    def __contains__(self, student_id: str) -> bool:
        now = time.monotonic()
        for index, read in enumerate(self.sources):
            if now - self.read_at[index] >= ROSTER_SECONDS:
                self.known[index], self.read_at[index] = read(), now
            if student_id in self.known[index]:
                return True
        return False


class HubSignIn:
    """The OAuth client of the Hub (HubOAuth), for one service process."""

    def __init__(self, settings: HubSettings, roster: Roster) -> None:
        from jupyterhub.services.auth import HubOAuth

        options = {
            "api_url": settings.api_url,
            "hub_host": settings.hub_url.rstrip("/"),
            "oauth_client_id": settings.client_id,
            "oauth_redirect_uri": settings.callback_url,
        }
        self.auth: HubOAuth = HubOAuth(**{k: v for k, v in options.items() if v}, cache_max_age=60)
        if settings.service_name:
            self.auth.access_scopes = {f"access:services!service={settings.service_name}"}
        missing = [
            what
            for what, value in [
                ("the API token ($JUPYTERHUB_API_TOKEN)", self.auth.api_token),
                ("client_id ($JUPYTERHUB_CLIENT_ID)", self.auth.oauth_client_id),
                ("service_name ($JUPYTERHUB_SERVICE_NAME)", self.auth.access_scopes),
            ]
            if not value
        ]
        if missing:
            raise ConfigError(f"[hub] in serve.toml: {', '.join(missing)} missing")
        self.settings = settings
        self.roster = roster

    @property
    def secure(self) -> bool:
        return self.auth.oauth_redirect_uri.startswith("https:")

    def start(self, next_url: str) -> Started:
        """The Hub's authorization URL (with PKCE) and a fresh state."""
        verifier, challenge, method = self.auth.generate_pkce_code_challenge()
        state = self.auth.generate_state(next_url, code_verifier=verifier)
        query = {"state": state, "code_challenge": challenge, "code_challenge_method": method}
        return Started(f"{self.auth.login_url}&{urlencode(query)}", state)

    def finish(self, code: str, state: str, cookie_state: str) -> tuple[str, str] | None:
        """(Hub token, where to go next) for the Hub's answer, or None if it is not the answer
        to a sign-in this browser started."""
        if not code or not state or state != cookie_state:
            return None
        verifier = self.auth.get_code_verifier(state)
        next_url = self.auth.get_next_url(state)
        self.auth.clear_oauth_state(state)
        if verifier is None:  # unknown or expired state
            return None
        with _hub_errors():
            return self.auth.token_for_code(code, code_verifier=verifier), next_url

    def hub_user(self, token: str) -> str | None:
        """The Hub user a token of this service belongs to (None: invalid, expired, revoked,
        or a token issued to another client)."""
        with _hub_errors():
            model = self.auth.user_for_token(token)
        if not model or model.get("kind", "user") != "user":
            return None
        if not self.auth.check_scopes(self.auth.access_scopes, model):
            return None  # e.g. a token of this user for another service
        return str(model["name"])

    def student(self, token: str) -> str | None:
        """The signed-in student, if the token's Hub user is a student of the course."""
        hub_user = self.hub_user(token)
        if hub_user is None:
            return None
        student_id = self.settings.student_id(hub_user)
        return student_id if student_id in self.roster else None


@contextmanager
def _hub_errors() -> Iterator[None]:
    """HubOAuth reports every failed request to the Hub as tornado's HTTPError."""
    from tornado.web import HTTPError

    try:
        yield
    except HTTPError as exc:
        raise HubUnavailable(str(exc)) from None
