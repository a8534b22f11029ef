"""Demo accounts outside demo mode: every way in is closed (issue 14, item 5).

``production`` is what DANGVU_ENV defaults to; the settings it derives
(DEMO_MODE, DEBUG) are overridden here as that environment sets them.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from dangvu.accounts.models import User
from dangvu.meetings.services_oversight import issue_calendar_token
from tests.fixtures.cast import PASSWORD, Cast

PRODUCTION = {"DANGVU_ENV": "production", "DEMO_MODE": False, "DEBUG": False}
DEMO = {"DANGVU_ENV": "demo", "DEMO_MODE": True}
API = "/api/v1/organizations/"


def _demo_alice(cast: Cast) -> User:
    """alice (staff of XA, with data in scope) turned into a demo account."""
    User.objects.filter(username="alice").update(is_demo=True)
    return cast.user("alice")


def _token_client(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_it_refuses_the_password_of_a_demo_account_in_production(cast: Cast) -> None:
    _demo_alice(cast)
    with override_settings(**PRODUCTION):
        client = Client()
        response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_it_refuses_a_demo_api_token_in_production(cast: Cast) -> None:
    key = Token.objects.create(user=_demo_alice(cast)).key
    with override_settings(**DEMO):
        assert _token_client(key).get(API).status_code == 200
    with override_settings(**PRODUCTION):
        response = _token_client(key).get(API)
        assert response.status_code == 401
        assert "token sai" in response.json()["detail"]


def test_it_keeps_an_ordinary_token_in_production(cast: Cast) -> None:
    key = Token.objects.create(user=cast.user("alice")).key
    with override_settings(**PRODUCTION):
        assert _token_client(key).get(API).status_code == 200


def test_it_ends_a_demo_session_opened_before_a_restart_in_production(cast: Cast) -> None:
    _demo_alice(cast)
    client = Client()
    with override_settings(**DEMO):
        client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
        assert client.get("/").status_code == 200
        assert client.get(API).status_code == 200
    with override_settings(**PRODUCTION):
        page = client.get("/")
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
        assert client.get(API).status_code in {401, 403}


@pytest.mark.parametrize(
    "backend",
    ["django.contrib.auth.backends.ModelBackend", "dangvu.accounts.backends.DemoAwareModelBackend"],
)
def test_it_ends_a_demo_session_whatever_backend_opened_it(cast: Cast, backend: str) -> None:
    client = Client()
    client.force_login(_demo_alice(cast), backend=backend)
    with override_settings(**PRODUCTION):
        assert client.get("/").status_code == 302
        assert client.get(API).status_code in {401, 403}


def test_it_closes_a_demo_calendar_feed_in_production(cast: Cast) -> None:
    token = issue_calendar_token(_demo_alice(cast))
    url = f"/meetings/calendar/{token.token}.ics"
    with override_settings(**DEMO):
        assert Client().get(url).status_code == 200
    with override_settings(**PRODUCTION):
        assert Client().get(url).status_code == 404


def test_it_refuses_to_issue_a_token_to_a_demo_account_in_production(cast: Cast) -> None:
    _demo_alice(cast)
    with override_settings(**PRODUCTION), pytest.raises(CommandError, match="minh họa"):
        call_command("api_token", "alice", stdout=StringIO())
    assert not Token.objects.filter(user__username="alice").exists()


def test_it_issues_a_token_to_a_demo_account_in_demo_mode(cast: Cast) -> None:
    _demo_alice(cast)
    out = StringIO()
    with override_settings(**DEMO):
        call_command("api_token", "alice", stdout=out)
    assert Token.objects.get(user__username="alice").key == out.getvalue().strip()
