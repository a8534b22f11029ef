"""Number filters of the API refuse values beyond the database's integers (400, not 500)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.fixtures.cast import Cast

Login = Callable[[str], Client]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/members/?cell=-9.124743974932019e%2B54",
        "/api/v1/elections/?congress=-91492874828310249472",
        "/api/v1/meetings/?organization=-99999999999999999999",
        "/api/v1/organizations/?parent=-99999999999999999999",
        "/api/v1/evaluations/?unit=-99999999999999999999",
    ],
)
def test_it_refuses_a_number_beyond_the_database(url: str, cast: Cast, login: Login) -> None:
    # Found by the schema fuzzing: SQLite's OverflowError answered 500.
    response = login("alice").get(url)
    assert response.status_code == 400, response.content


def test_it_still_filters_by_a_plain_id(cast: Cast, login: Login) -> None:
    response = login("alice").get("/api/v1/members/", {"cell": cast.org("XA-TH").pk})
    assert response.status_code == 200
    assert {row["full_name"] for row in response.json()["results"]} == {
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    }
