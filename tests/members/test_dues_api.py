"""The dues API: generic scope checks, creates through the services, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from dangvu.members import dues
from dangvu.members.models import DuesPayment, DuesProfile, DuesReduction
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
THIS_MONTH = date.today().replace(day=1).isoformat()


def profile(cast: Cast) -> None:
    dues.set_dues_profile(
        cast.member("Lê Văn Cường"),
        actor=None,
        category="insured_salary",
        base_amount=6_543_000,
        valid_from=date(2026, 1, 1),
    )


def cuong(cast: Cast) -> int:
    return cast.member("Lê Văn Cường").pk


def sheet(cast: Cast, **extra: Any) -> dict[str, Any]:
    return {
        "cell": cast.org("XA-DONG").pk,
        "month": THIS_MONTH,
        "payments": [{"member": cuong(cast), "amount": 65_000}],
        **extra,
    }


ENDPOINTS = [
    Endpoint(
        "dues profiles",
        lambda c: "/api/v1/dues-profiles/",
        api=True,
        object_level=False,
        hidden_text="6543000",
    ),
    Endpoint(
        "dues profile create",
        lambda c: "/api/v1/dues-profiles/",
        method="post",
        data=lambda c: {
            "member": cuong(c),
            "category": "pension",
            "base_amount": 4_000_000,
            "valid_from": "2026-05-01",
        },
        writes=True,
        api=True,
        ok_status=(201,),
    ),
    Endpoint("dues reductions", lambda c: "/api/v1/dues-reductions/", api=True, object_level=False),
    Endpoint(
        "dues reduction create",
        lambda c: "/api/v1/dues-reductions/",
        method="post",
        data=lambda c: {
            "member": cuong(c),
            "percent": 50,
            "start_month": "2026-03-01",
            "end_month": "2026-05-01",
            "reason": "Ốm",
        },
        writes=True,
        api=True,
        ok_status=(201,),
    ),
    Endpoint("dues payments", lambda c: "/api/v1/dues-payments/", api=True, object_level=False),
    Endpoint(
        "dues payments create",
        lambda c: "/api/v1/dues-payments/",
        method="post",
        data=sheet,
        writes=True,
        api=True,
        ok_status=(201,),
    ),
    Endpoint(
        "dues unpaid",
        lambda c: f"/api/v1/dues/unpaid/?organization={c.org('XA').pk}&year=2026",
        api=True,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_guards_the_dues_api(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    profile(cast)
    check_endpoint(endpoint, cast, login)


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_it_lets_the_cell_secretary_record_payments(cast: Cast, login: Login) -> None:
    profile(cast)
    response = post(login("bob"), "/api/v1/dues-payments/", sheet(cast))
    assert response.status_code == 201, response.json()
    assert DuesPayment.objects.get().collected_by == cast.user("bob")


def test_it_keeps_a_cell_secretary_out_of_other_cells(cast: Cast, login: Login) -> None:
    data = sheet(cast, cell=cast.org("XA-TH").pk)
    assert post(login("bob"), "/api/v1/dues-payments/", data).status_code in (403, 404)
    assert not DuesPayment.objects.exists()


def test_it_refuses_a_future_month_in_vietnamese(cast: Cast, login: Login) -> None:
    profile(cast)
    response = post(login("alice"), "/api/v1/dues-payments/", sheet(cast, month="2099-01-01"))
    assert response.status_code == 400
    assert "Chưa đến tháng" in str(response.json())
    assert not DuesPayment.objects.exists()


def test_it_refuses_an_unknown_member(cast: Cast, login: Login) -> None:
    data = sheet(cast, payments=[{"member": cast.member("Hoàng Văn Em").pk}])
    response = post(login("alice"), "/api/v1/dues-payments/", data)
    assert response.status_code == 400
    assert not DuesPayment.objects.exists()


def test_it_refuses_a_bad_reduction_and_writes_nothing(cast: Cast, login: Login) -> None:
    data = {
        "member": cuong(cast),
        "percent": 40,
        "start_month": "2026-03-01",
        "end_month": "2026-05-01",
        "reason": "Ốm",
    }
    response = post(login("alice"), "/api/v1/dues-reductions/", data)
    assert response.status_code == 400 and "percent" in response.json()
    assert not DuesReduction.objects.exists()


def test_it_refuses_a_bad_profile_and_writes_nothing(cast: Cast, login: Login) -> None:
    data = {"member": cuong(cast), "category": "pension", "valid_from": "2026-13-01"}
    assert post(login("alice"), "/api/v1/dues-profiles/", data).status_code == 400
    assert not DuesProfile.objects.exists()


def test_it_lists_unpaid_months(cast: Cast, login: Login) -> None:
    profile(cast)
    response = login("alice").get("/api/v1/dues/unpaid/", {"year": 2026})
    rows = response.json()["results"]
    assert [row["name"] for row in rows] == ["Lê Văn Cường"]
    assert rows[0]["months"][0] == "2026-01" and rows[0]["removal_due_on"] == "2026-03-31"


def test_it_refuses_a_bad_year(cast: Cast, login: Login) -> None:
    assert login("alice").get("/api/v1/dues/unpaid/", {"year": "abc"}).status_code == 400


def test_it_records_a_profile_without_base_amount(cast: Cast, login: Login) -> None:
    # base_amount is optional (only insured salary and pension need it): it used to
    # answer 500 when absent (found by the schema fuzzing).
    data = {"member": cuong(cast), "category": "other", "valid_from": "2026-05-01"}
    response = post(login("alice"), "/api/v1/dues-profiles/", data)
    assert response.status_code == 201, response.content
    assert DuesProfile.objects.get().base_amount == 0


def test_it_refuses_an_insured_salary_profile_without_base_amount(cast: Cast, login: Login) -> None:
    data = {"member": cuong(cast), "category": "insured_salary", "valid_from": "2026-05-01"}
    response = post(login("alice"), "/api/v1/dues-profiles/", data)
    assert response.status_code == 400 and "base_amount" in response.json()
    assert not DuesProfile.objects.exists()
