"""The Hub sign-in's parts without a Hub: settings, the student mapping, the roster, the OAuth
request the service sends browsers to (the whole sign-in against a real Hub: test_hub.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from autograder.config import ConfigError
from autograder.serve import hub as hub_module
from autograder.serve.config import load_serve_config, write_serve_config
from autograder.serve.hub import HubSettings, HubSignIn, Roster

pytest.importorskip("jupyterhub", reason="the [hub] extra: pip install -e .[dev]")

SETTINGS = HubSettings(
    api_url="http://hub.internal:8081/hub/api",
    hub_url="https://hub.example.org/",
    client_id="service-feedback",
    callback_url="https://feedback.example.org/oauth_callback",
    service_name="feedback",
    students={"mmuster": "s1234567"},
)


def test_settings_come_from_the_hub_table_and_map_hub_users_to_student_ids() -> None:
    table = {"client_id": "service-feedback", "students": {"mmuster": "s1234567"}}
    settings = HubSettings.from_table(table, "serve.toml [hub]")
    assert settings.client_id == "service-feedback"
    assert settings.student_id("mmuster") == "s1234567" and settings.student_id("anna") == "anna"
    with pytest.raises(ConfigError, match="unknown key"):
        HubSettings.from_table({"api_token": "secret"}, "serve.toml [hub]")  # never in a file
    with pytest.raises(ConfigError, match="table"):
        HubSettings.from_table({"students": "anna"}, "serve.toml [hub]")


def test_the_roster_asks_cheap_sources_first_and_reads_them_again_after_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = {"tokens": 0, "gradebook": 0}
    tokens, gradebook = {"anna"}, {"ben"}

    def source(name: str, ids: set[str]):  # type: ignore[no-untyped-def]
        def read() -> set[str]:
            reads[name] += 1
            return set(ids)

        return read

    clock = [1000.0]
    monkeypatch.setattr(hub_module.time, "monotonic", lambda: clock[0])
    roster = Roster(source("tokens", tokens), source("gradebook", gradebook))
    assert "anna" in roster and reads == {"tokens": 1, "gradebook": 0}
    assert "ben" in roster and "mallory" not in roster and reads == {"tokens": 1, "gradebook": 1}
    gradebook.add("mallory")
    assert "mallory" not in roster  # within ROSTER_SECONDS: the list read before
    clock[0] += hub_module.ROSTER_SECONDS
    assert "mallory" in roster and reads == {"tokens": 2, "gradebook": 2}


def test_without_api_token_or_service_name_the_service_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in (
        "JUPYTERHUB_API_TOKEN",
        "JUPYTERHUB_SERVICE_NAME",
        "JUPYTERHUB_OAUTH_ACCESS_SCOPES",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match="JUPYTERHUB_API_TOKEN"):
        HubSignIn(SETTINGS, Roster())
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "service-token")
    unnamed = HubSettings(**{**SETTINGS.__dict__, "service_name": ""})
    with pytest.raises(ConfigError, match="service_name"):  # else any token of the user would do
        HubSignIn(unnamed, Roster())


def test_the_browser_goes_to_the_hub_with_pkce_and_only_its_own_state_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "service-token")
    sign_in = HubSignIn(SETTINGS, Roster())
    started = sign_in.start(next_url="/")
    url = urlsplit(started.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://hub.example.org/hub/api/oauth2/authorize"
    )
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert query["client_id"] == "service-feedback" and query["response_type"] == "code"
    assert query["redirect_uri"] == SETTINGS.callback_url
    assert query["state"] == started.state and query["code_challenge_method"] == "S256"
    assert sign_in.secure  # an https callback: the cookies are sent over https only
    assert sign_in.auth.access_scopes == {"access:services!service=feedback"}
    # no request reaches the Hub for a state this browser did not start, or without a code
    assert sign_in.finish("code", started.state, "another-state") is None
    assert sign_in.finish("code", "made-up", "made-up") is None
    assert sign_in.finish("", started.state, started.state) is None


def test_the_pages_prefix_is_the_hubs_service_prefix_unless_serve_toml_names_one(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/feedback/")  # a Hub-managed service
    write_serve_config(tmp_path, {})
    assert load_serve_config(tmp_path).base_url == "/"  # no [hub]: the environment is not asked
    (tmp_path / "serve.toml").write_text("[hub]\n")
    assert load_serve_config(tmp_path).base_url == "/services/feedback/"
    (tmp_path / "serve.toml").write_text('[serve]\nbase_url = "kurs/feedback"\n\n[hub]\n')
    assert load_serve_config(tmp_path).base_url == "/kurs/feedback/"
