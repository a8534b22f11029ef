"""POST /api/v1/elections/count/: the count for any signed-in user, 400 on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from dangvu.congresses.counting import count_json
from tests.congresses.helpers import EXAMPLE, A, ballots_data, error_of, kept
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
URL = "/api/v1/elections/count/"

ENDPOINTS = [
    Endpoint(
        "election count",
        lambda c: URL,
        method="post",
        data=lambda c: EXAMPLE,
        api=True,
        object_level=False,  # It computes from the body: nothing of anyone's scope is read.
    ),
]


def _post(client: Client, data: Any) -> Any:
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(URL, body, content_type="application/json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_answers_the_same_as_the_counting_function(login: Login) -> None:
    response = _post(login("alice"), EXAMPLE)
    assert response.status_code == 200
    assert response.json() == count_json(EXAMPLE)
    assert response.json()["threshold"] == 13


@pytest.mark.parametrize("username", ["charlie", "bob", "dave", "eve", "root"])
def test_it_lets_any_signed_in_user_count(username: str, login: Login) -> None:
    response = _post(login(username), ballots_data([kept(A)] * 13))
    assert response.status_code == 200
    assert response.json()["elected"] == [A]


def test_it_refuses_anonymous_callers_with_401(cast: Cast) -> None:
    response = _post(Client(), EXAMPLE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_accepts_a_token_and_reads_nothing_else(cast: Cast) -> None:
    token = Token.objects.create(user=cast.user("charlie"))
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, EXAMPLE)
    assert response.status_code == 200
    assert len(queries) == 1  # The token and its user; the count itself reads nothing.


@pytest.mark.parametrize(
    "data",
    [
        {**EXAMPLE, "seats": 0},
        {**EXAMPLE, "seats": "3"},
        {**EXAMPLE, "candidates": [A, A]},
        {**EXAMPLE, "ballots": [kept("Nguyễn Văn E")]},
        [1, 2],
        "a string",
        None,
    ],
    ids=["seats 0", "seats text", "candidate twice", "unknown name", "list", "string", "null"],
)
def test_it_answers_400_with_the_vietnamese_message(data: Any, login: Login) -> None:
    response = _post(login("alice"), json.dumps(data))
    assert response.status_code == 400
    assert response.json() == {"detail": [error_of(data)]}


@pytest.mark.parametrize(
    "body", ["{", "[" * 100_000, b"\xff\xfe", '{"seats": 1e999999}', '{"seats": NaN}']
)
def test_it_answers_400_to_an_unreadable_body(body: Any, login: Login) -> None:
    response = _post(login("alice"), body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_it_takes_only_json(login: Login) -> None:
    response = login("alice").post(URL, {"seats": "3"})
    assert response.status_code == 415
    assert login("alice").get(URL).status_code == 405


def test_it_documents_the_endpoint_in_the_schema(login: Login) -> None:
    schema = login("alice").get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][URL]["post"]
    assert set(operation["responses"]) >= {"200", "400"}
    result = schema["components"]["schemas"]["ElectionCount"]["properties"]
    assert {"valid_ballots", "invalid_reasons", "threshold", "votes", "elected", "tied"} <= set(
        result
    )
    assert "unfilled_seats" in result
    assert "ballots" in schema["components"]["schemas"]["ElectionCountInputRequest"]["properties"]
