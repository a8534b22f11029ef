"""The targets page: plan, actual, date, met; adding a target, recording a value, refreshing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.programs import services
from dangvu.programs.models import Target, TargetValue
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
LAND = "Dồn điền đổi thửa"


@pytest.fixture
def land(cast: Cast) -> Target:
    """XA's target of 2022: 10 ha of land consolidated (at least)."""
    return services.add_target(
        cast.user("alice"),
        organization=cast.org("XA"),
        year=2022,
        name=LAND,
        unit="ha",
        planned=Decimal(10),
    )


def _xa(cast: Cast, name: str) -> str:
    return reverse(f"programs:{name}") + f"?organization={cast.org('XA').pk}&year=2022"


def _land_value(_cast: Cast) -> str:
    return reverse("programs:target_value", args=[Target.objects.get(name=LAND).pk])


ENDPOINTS = [
    Endpoint("targets", lambda c: _xa(c, "targets")),
    Endpoint("add target", lambda c: _xa(c, "target_add"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"name": "Kết nạp", "planned": "5",
                                               "comparison": "at_least", "source": "manual"}),
    Endpoint("record value", _land_value, method="post", writes=True, ok_status=(302,),
             data=lambda c: {"measured_on": "30/06/2022", "value": "6"}),
    Endpoint("refresh", lambda c: _xa(c, "targets_refresh"), method="post", writes=True,
             ok_status=(302,), data=lambda c: {"as_of": "30/06/2022"}),
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_scopes_the_target_pages(
    endpoint: Endpoint, land: Target, cast: Cast, login: Login
) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_shows_plan_actual_date_and_whether_met(land: Target, cast: Cast, login: Login) -> None:
    login("alice").post(_land_value(cast), {"measured_on": "30/06/2022", "value": "6"})
    html = login("dave").get(_xa(cast, "targets")).content.decode()
    row = html.split(f'data-target="{land.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "10 ha" in row and "6 ha" in row and "30/06/2022" in row
    assert "Chưa đạt" in row and "<form" not in row


def test_it_adds_a_target_for_the_chosen_year(cast: Cast, login: Login) -> None:
    data = {"name": LAND, "unit": "ha", "planned": "10.5", "comparison": "at_least"}
    data["source"] = "manual"
    response = login("alice").post(_xa(cast, "target_add"), data)
    assert response.status_code == 302
    target = Target.objects.get(name=LAND)
    assert (target.year, target.planned, target.organization) == (
        2022,
        Decimal("10.5"),
        cast.org("XA"),
    )


def test_it_refuses_a_negative_plan_and_writes_nothing(cast: Cast, login: Login) -> None:
    data = {"name": LAND, "planned": "-3", "comparison": "at_least", "source": "manual"}
    response = login("alice").post(_xa(cast, "target_add"), data)
    assert response.status_code == 200
    assert "Giá trị không được âm." in response.content.decode()
    assert not Target.objects.filter(name=LAND).exists()


def test_it_refuses_a_value_in_the_future_and_writes_nothing(
    land: Target, cast: Cast, login: Login
) -> None:
    response = login("alice").post(_land_value(cast), {"measured_on": "01/01/2099", "value": "3"})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not TargetValue.objects.filter(target=land).exists()


def test_it_opens_on_the_users_own_organisation(cast: Cast, login: Login) -> None:
    html = login("alice").get(reverse("programs:targets")).content.decode()
    assert "Đảng bộ xã Hòa An" in html and "Chỉ tiêu năm" in html


def test_it_refuses_an_organisation_out_of_scope(cast: Cast, login: Login) -> None:
    url = reverse("programs:targets") + f"?organization={cast.org('XB').pk}"
    assert login("alice").get(url).status_code == 404
