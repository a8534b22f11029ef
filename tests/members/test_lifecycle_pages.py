"""Lifecycle pages and API: scope on each, the forms through the services, the panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.members import transfers
from dangvu.members.models import Member, MembershipEvent, Transfer
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


def an_id(cast: Cast) -> int:
    return cast.member("Nguyễn Văn An").pk


def letter(cast: Cast) -> int:
    """A letter from Hòa An's Đông cell to its school cell (both ends in Hòa An), made once."""
    existing = Transfer.objects.filter(state="issued").first()
    if existing is not None:
        return existing.pk
    transfer = transfers.issue_transfer(
        cast.member("Nguyễn Văn An"),
        actor=None,
        to_cell=cast.org("XA-TH"),
        moved_on=date(2026, 1, 20),
        letter_date=date(2026, 1, 20),
    )
    return transfer.pk


DECISION = {"effective_date": "01/03/2024", "decided_by": "Chi bộ thôn Đông"}
PAGES = [
    Endpoint("transfer list", lambda c: reverse("members:transfers"), object_level=False),
    Endpoint(
        "decision form",
        lambda c: reverse("members:decision", args=[an_id(c), "exemption"]),
        writes=True,
    ),
    Endpoint(
        "transfer form", lambda c: reverse("members:transfer_issue", args=[an_id(c)]), writes=True
    ),
    Endpoint(
        "present form", lambda c: reverse("members:transfer_present", args=[letter(c)]), writes=True
    ),
    Endpoint(
        "receive form",
        lambda c: reverse("members:transfer_receive"),
        writes=True,
        object_level=False,
    ),
    Endpoint("transfers api", lambda c: "/api/v1/transfers/", api=True, object_level=False),
    Endpoint("transfer api", lambda c: f"/api/v1/transfers/{letter(c)}/", api=True),
    Endpoint(
        "present api",
        lambda c: f"/api/v1/transfers/{letter(c)}/present/",
        method="post",
        api=True,
        writes=True,
        data=lambda c: {"day": "2026-02-02"},
    ),
    Endpoint("events api", lambda c: "/api/v1/membership-events/", api=True, object_level=False),
    Endpoint(
        "decision api",
        lambda c: "/api/v1/membership-events/",
        method="post",
        api=True,
        writes=True,
        data=lambda c: {"member": an_id(c), "kind": "lost_contact", "effective_date": "2024-01-01"},
        ok_status=(201,),
    ),
]


@pytest.mark.parametrize("endpoint", PAGES, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_records_a_decision_from_the_form(cast: Cast, login: Login) -> None:
    url = reverse("members:decision", args=[an_id(cast), "exemption"])
    response = login("alice").post(url, DECISION)
    assert response.status_code == 302
    assert cast.member("Nguyễn Văn An").status == "exempt"


def test_it_shows_a_refused_decision_and_writes_nothing(cast: Cast, login: Login) -> None:
    url = reverse("members:decision", args=[cast.member("Đỗ Văn Hùng").pk, "expulsion"])
    page = login("alice").post(url, DECISION).content.decode()
    assert "không bị khai trừ" in page
    assert not MembershipEvent.objects.exists()


def test_it_issues_a_transfer_from_the_form(cast: Cast, login: Login) -> None:
    url = reverse("members:transfer_issue", args=[an_id(cast)])
    data = {"kind": "permanent", "to_cell_code": "XB-BAC", "moved_on": "20/01/2026"}
    assert login("alice").post(url, data).status_code == 302
    assert Transfer.objects.get().to_cell == cast.org("XB-BAC")


def test_it_shows_an_incoming_transfer_to_the_receiving_commune_only(
    cast: Cast, login: Login
) -> None:
    transfers.issue_transfer(
        cast.member("Hoàng Văn Em"),
        actor=None,
        to_cell=cast.org("XA-TH"),
        moved_on=date(2026, 1, 5),
    )
    url = reverse("members:transfers")
    assert "Hoàng Văn Em" in login("alice").get(url, {"direction": "in"}).content.decode()
    assert "quá hạn" in login("alice").get(url).content.decode()
    assert "Hoàng Văn Em" not in login("bob").get(url).content.decode()


def test_it_lists_transfers_in_fixed_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    letter(cast)
    client = login("alice")
    # session, user, roles, transfers, editable cells exist
    with django_assert_num_queries(5):
        client.get(reverse("members:transfers"))


def test_it_shows_the_panel_with_its_actions(cast: Cast, login: Login) -> None:
    letter(cast)
    page = login("alice").get(reverse("members:detail", args=[an_id(cast)])).content.decode()
    assert "Quá trình đảng viên" in page and "Nộp giấy giới thiệu" in page
    assert reverse("members:decision", args=[an_id(cast), "removal"]) in page
    reader = login("dave").get(reverse("members:detail", args=[an_id(cast)])).content.decode()
    assert reverse("members:decision", args=[an_id(cast), "removal"]) not in reader


def test_it_receives_a_member_through_the_api(cast: Cast, login: Login) -> None:
    data = {
        "cell": cast.org("XA-DONG").pk,
        "full_name": "Vũ Thị Hạnh",
        "gender": "female",
        "birth_date": "1980-04-02",
        "ceremony_date": "2003-03-26",
        "from_external": "Đảng bộ phường Tân Định",
        "moved_on": "2026-03-01",
        "started_on": "2026-03-10",
    }
    response = login("alice").post(
        "/api/v1/transfers/receive/", data, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert Member.objects.get(full_name="Vũ Thị Hạnh").cell.code == "XA-DONG"


def test_it_refuses_a_bad_decision_through_the_api(cast: Cast, login: Login) -> None:
    data = {"member": an_id(cast), "kind": "exemption_ended", "effective_date": "2024-01-01"}
    response = login("alice").post(
        "/api/v1/membership-events/", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert "không đang được miễn" in response.content.decode()
