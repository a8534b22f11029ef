"""Badge pages: the list of members due, the award form and the profile panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.members.models import BadgeAward
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
DUE = reverse("members:badges_due")


def an_pk(cast: Cast) -> int:
    return cast.member("Nguyễn Văn An").pk


def award_url(cast: Cast) -> str:
    return reverse("members:badge_create", args=[an_pk(cast)])


def award_post(**overrides: str) -> dict[str, str]:
    data = {
        "milestone": "30",
        "award_date": "19/05/2025",
        "decision_number": "12-QĐ/HU",
        "decided_by": "Huyện ủy Thử Nghiệm",
        "badge_number": "123456",
    }
    data.update(overrides)
    return data


ENDPOINTS = [
    Endpoint(
        "badges due",
        lambda c: DUE + f"?organization={c.org('XA').pk}&award_date=2025-05-19",
    ),
    Endpoint("badge form", award_url, writes=True),
    Endpoint(
        "badge post",
        award_url,
        method="post",
        data=lambda c: award_post(),
        writes=True,
        ok_status=(200, 302),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_checks_scope_on_every_badge_page(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_lists_the_members_due_with_a_record_button(cast: Cast, login: Login) -> None:
    page = login("alice").get(
        DUE, {"organization": str(cast.org("XA").pk), "award_date": "2025-05-19"}
    )
    text = page.content.decode()
    assert "Nguyễn Văn An" in text
    assert "Ghi nhận trao" in text
    assert f"/members/{an_pk(cast)}/badges/new/?milestone=30" in text


def test_it_hides_the_record_button_from_a_viewer(cast: Cast, login: Login) -> None:
    page = login("dave").get(
        DUE, {"organization": str(cast.org("XA").pk), "award_date": "2025-05-19"}
    )
    assert "Nguyễn Văn An" in page.content.decode()
    assert "Ghi nhận trao" not in page.content.decode()


def test_it_takes_another_date_typed_dd_mm_yyyy(cast: Cast, login: Login) -> None:
    page = login("alice").get(DUE, {"award_date": "2025-02-03", "other_date": "19/05/2025"})
    assert "Nguyễn Văn An" in page.content.decode()
    assert page.context["award_date"] == date(2025, 5, 19)


def test_it_falls_back_to_the_next_award_date_on_a_bad_date(cast: Cast, login: Login) -> None:
    page = login("alice").get(DUE, {"award_date": "31/02/2025"})
    assert page.status_code == 200
    assert "Ngày trao không hợp lệ" in page.content.decode()


def test_it_answers_404_for_a_bad_organization(login: Login) -> None:
    assert login("alice").get(DUE, {"organization": "abc"}).status_code == 404
    assert login("alice").get(DUE, {"organization": "999999"}).status_code == 404


def test_it_lists_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    client = login("alice")
    xa = str(cast.org("XA").pk)
    # session, user, roles, organisation, members, badges, events, transfers
    with django_assert_num_queries(8):
        client.get(DUE, {"organization": xa, "award_date": "2025-05-19"})


def test_it_records_an_award_from_the_form(cast: Cast, login: Login) -> None:
    response = login("alice").post(award_url(cast), award_post())
    assert response.status_code == 302
    badge = BadgeAward.objects.get()
    assert (badge.milestone, badge.badge_number) == (30, "123456")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"award_date": "03/02/2025"}, "Chưa đủ 30 năm tuổi Đảng"),
        ({"award_date": "32/05/2025"}, "Ngày không hợp lệ"),
        ({"milestone": "31"}, "31"),
        ({"decision_number": ""}, "bắt buộc"),
        ({"award_date": "02/09/2024", "early": "on"}, "lý do"),
    ],
)
def test_it_refuses_a_bad_award_and_writes_nothing(
    cast: Cast, login: Login, overrides: dict[str, str], message: str
) -> None:
    response = login("alice").post(award_url(cast), award_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BadgeAward.objects.exists()


def test_it_shows_the_badge_panel_on_the_profile(cast: Cast, login: Login) -> None:
    login("alice").post(award_url(cast), award_post())
    page = login("alice").get(reverse("members:detail", args=[an_pk(cast)])).content.decode()
    assert "Tuổi Đảng và Huy hiệu Đảng" in page
    assert "30 năm (19/05/2025)" in page
    assert "Ghi nhận huy hiệu" in page
    viewer = login("dave").get(reverse("members:detail", args=[an_pk(cast)])).content.decode()
    assert "Ghi nhận huy hiệu" not in viewer
