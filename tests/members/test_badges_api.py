"""Badge API: members due at an award date, awards listed and recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from dangvu.members.models import BadgeAward
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
DUE = "/api/v1/badges/due/"
AWARDS = "/api/v1/badge-awards/"


def award_data(cast: Cast, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "member": cast.member("Nguyễn Văn An").pk,
        "milestone": 30,
        "award_date": "2025-05-19",
        "decision_number": "12-QĐ/HU",
        "badge_number": "123456",
    }
    data.update(overrides)
    return data


ENDPOINTS = [
    Endpoint(
        "badges due",
        lambda c: DUE + f"?organization={c.org('XA').pk}&award_date=2025-05-19",
        api=True,
    ),
    Endpoint(
        "badges due everywhere",
        lambda c: DUE + "?award_date=2025-05-19",
        api=True,
        object_level=False,
        hidden_text="Nguyễn Văn An",
    ),
    Endpoint(
        "badge awards",
        lambda c: AWARDS,
        api=True,
        object_level=False,
        hidden_text="Nguyễn Văn An",
    ),
    Endpoint(
        "badge award create",
        lambda c: AWARDS,
        method="post",
        data=award_data,
        writes=True,
        api=True,
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_checks_scope_on_every_badge_endpoint(
    endpoint: Endpoint, cast: Cast, login: Login
) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_lists_the_members_due(cast: Cast, login: Login) -> None:
    body = login("alice").get(DUE, {"award_date": "2025-05-19"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [(r["full_name"], r["milestone"], r["party_age_years"]) for r in rows] == [
        ("Nguyễn Văn An", 30, 30)
    ]
    assert rows[0]["award_date"] == "2025-05-19"
    assert rows[0]["cell_code"] == "XA-DONG"


def test_it_refuses_a_bad_award_date_query(login: Login) -> None:
    response = login("alice").get(DUE, {"award_date": "19/05/2025x"})
    assert response.status_code == 400


def test_it_records_an_award_and_lists_it(cast: Cast, login: Login) -> None:
    client = login("alice")
    created = client.post(AWARDS, award_data(cast), content_type="application/json")
    assert created.status_code == 201
    assert created.json()["milestone"] == 30
    body = client.get(AWARDS).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["badge_number"] for row in rows] == ["123456"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"milestone": 31},
        {"award_date": "2025-02-03"},
        {"decision_number": ""},
        {"award_date": "2024-05-19", "early": True},
        {"member": 999999},
    ],
)
def test_it_refuses_bad_awards_and_writes_nothing(
    cast: Cast, login: Login, overrides: dict[str, Any]
) -> None:
    response = login("alice").post(
        AWARDS, award_data(cast, **overrides), content_type="application/json"
    )
    assert response.status_code in (400, 404)
    assert not BadgeAward.objects.exists()


def test_it_refuses_a_badge_already_held_in_vietnamese(cast: Cast, login: Login) -> None:
    client = login("alice")
    client.post(AWARDS, award_data(cast), content_type="application/json")
    again = client.post(AWARDS, award_data(cast), content_type="application/json")
    assert again.status_code == 400
    assert "đã có Huy hiệu 30" in again.content.decode()
    assert BadgeAward.objects.count() == 1
