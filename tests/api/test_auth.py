"""Token and session authentication of /api/v1/, and the anonymous answer."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from rest_framework.authtoken.models import Token

from tests.fixtures.cast import Cast


def test_it_accepts_a_token(cast: Cast) -> None:
    token = Token.objects.create(user=cast.user("alice"))
    response = Client().get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 5


def test_it_scopes_a_token_like_a_session(cast: Cast) -> None:
    token = Token.objects.create(user=cast.user("eve"))
    member = cast.member("Nguyễn Văn An")
    response = Client().get(
        f"/api/v1/members/{member.pk}/", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 404


def test_it_rejects_a_wrong_token_in_vietnamese(cast: Cast) -> None:
    response = Client().get("/api/v1/members/", HTTP_AUTHORIZATION="Token wrong")
    assert response.status_code == 401
    assert "token sai" in response.json()["detail"]


def test_it_asks_anonymous_callers_to_authenticate(cast: Cast) -> None:
    response = Client().get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"].startswith("Chưa đăng nhập")


def test_it_accepts_a_session(cast: Cast, login: Callable[[str], Client]) -> None:
    assert login("bob").get("/api/v1/members/").json()["count"] == 3


def test_it_answers_malformed_json_in_vietnamese(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("alice").post("/api/v1/members/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
