"""Dues pages: the sheet, the unpaid list, the forms and the profile panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.members import dues
from dangvu.members.models import DuesPayment, DuesProfile, DuesReduction
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
THIS_MONTH = date.today().replace(day=1)


def sheet_url(code: str = "XA-DONG", month: date = THIS_MONTH) -> str:
    return reverse(
        "members:dues_sheet",
        kwargs={"cell_code": code, "year": f"{month.year}", "month": f"{month.month:02d}"},
    )


def profiles(cast: Cast) -> None:
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"):
        dues.set_dues_profile(
            cast.member(name),
            actor=None,
            category="insured_salary",
            base_amount=6_000_000,
            valid_from=date(2026, 1, 1),
        )


def sheet_post(cast: Cast, *names: str, paid_on: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"paid_on": paid_on or date.today().strftime("%d/%m/%Y")}
    for name in names:
        data[f"paid_{cast.member(name).pk}"] = "on"
    return data


def cuong_pk(cast: Cast) -> int:
    return cast.member("Lê Văn Cường").pk


ENDPOINTS = [
    Endpoint("dues sheet", lambda c: sheet_url()),
    Endpoint(
        "dues sheet now",
        lambda c: reverse("members:dues_sheet_now", args=["XA-DONG"]),
        ok_status=(302,),
    ),
    Endpoint(
        "dues sheet post",
        lambda c: sheet_url(),
        method="post",
        data=lambda c: sheet_post(c, "Lê Văn Cường"),
        writes=True,
        ok_status=(200, 302),
    ),
    Endpoint(
        "dues unpaid",
        lambda c: reverse("members:dues_unpaid") + f"?organization={c.org('XA').pk}",
    ),
    Endpoint(
        "dues unpaid everywhere",
        lambda c: reverse("members:dues_unpaid"),
        object_level=False,
    ),
    Endpoint(
        "dues profile form",
        lambda c: reverse("members:dues_profile", args=[cuong_pk(c)]),
        writes=True,
    ),
    Endpoint(
        "dues reduction form",
        lambda c: reverse("members:dues_reduction", args=[cuong_pk(c)]),
        writes=True,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_guards_the_dues_pages(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    profiles(cast)
    check_endpoint(endpoint, cast, login)


def test_it_records_the_ticked_members_in_one_post(cast: Cast, login: Login) -> None:
    profiles(cast)
    response = login("bob").post(sheet_url(), sheet_post(cast, "Lê Văn Cường", "Trần Thị Bích"))
    assert response.status_code == 302
    assert set(DuesPayment.objects.values_list("amount", flat=True)) == {60_000}
    assert DuesPayment.objects.count() == 2


def test_it_prefills_the_amount_due(cast: Cast, login: Login) -> None:
    profiles(cast)
    page = login("bob").get(sheet_url()).content.decode()
    assert 'value="60000"' in page
    assert f'name="paid_{cuong_pk(cast)}"' in page


def test_it_takes_a_typed_amount(cast: Cast, login: Login) -> None:
    profiles(cast)
    data = sheet_post(cast, "Lê Văn Cường")
    data[f"amount_{cuong_pk(cast)}"] = "70.000"
    login("alice").post(sheet_url(), data)
    assert DuesPayment.objects.get().amount == 70_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paid_on": "01/01/2026"}, "Chưa chọn đảng viên nào"),
        ({"paid_on": "31/02/2026", "paid_X": "on"}, "Ngày không hợp lệ"),
        ({"paid_on": "01/01/2099", "paid_X": "on"}, "Ngày nộp không được sau"),
        ({"paid_on": "01/06/2026", "paid_X": "on", "amount_X": "abc"}, "Số tiền phải là số"),
        ({"paid_on": "01/06/2026", "paid_X": "on", "amount_X": "-5"}, "không hợp lệ"),
    ],
)
def test_it_refuses_a_bad_sheet_and_writes_nothing(
    data: dict[str, str], message: str, cast: Cast, login: Login
) -> None:
    profiles(cast)
    pk = str(cuong_pk(cast))
    posted = {key.replace("X", pk): value for key, value in data.items()}
    response = login("bob").post(sheet_url(), posted)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DuesPayment.objects.exists()


def test_it_refuses_payments_from_a_plain_member(cast: Cast, login: Login) -> None:
    profiles(cast)
    response = login("charlie").post(sheet_url(), sheet_post(cast, "Lê Văn Cường"))
    assert response.status_code == 403
    assert not DuesPayment.objects.exists()


def test_it_shows_no_inputs_for_a_future_month(cast: Cast, login: Login) -> None:
    profiles(cast)
    next_month = date(THIS_MONTH.year + THIS_MONTH.month // 12, THIS_MONTH.month % 12 + 1, 1)
    page = login("alice").get(sheet_url(month=next_month)).content.decode()
    assert "Lưu các khoản đã nộp" not in page


def test_it_answers_404_for_a_bad_month_or_cell(cast: Cast, login: Login) -> None:
    client = login("alice")
    assert client.get("/members/dues/XA-DONG/2026-13/").status_code == 404
    assert client.get(sheet_url(code="NOPE")).status_code == 404
    assert client.get(sheet_url(code="XA")).status_code == 404


def test_it_reads_the_sheet_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    profiles(cast)
    client = login("alice")
    # session, user, roles, cell, then the six queries of dues_sheet
    with django_assert_num_queries(10):
        client.get(sheet_url())


def test_it_lists_unpaid_members_with_their_months(cast: Cast, login: Login) -> None:
    profiles(cast)
    page = login("alice").get(reverse("members:dues_unpaid"), {"year": "2026"}).content.decode()
    assert "Lê Văn Cường" in page and "01/2026" in page


def test_it_warns_about_a_bad_year(cast: Cast, login: Login) -> None:
    response = login("alice").get(reverse("members:dues_unpaid"), {"year": "abc"})
    assert response.status_code == 200
    assert "Năm không hợp lệ" in response.content.decode()


def test_it_lists_unpaid_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    profiles(cast)
    client = login("alice")
    url = reverse("members:dues_unpaid") + f"?organization={cast.org('XA').pk}"
    # session, user, roles, organisation, then the six queries of the reader
    with django_assert_num_queries(10):
        client.get(url)


def test_it_saves_a_profile_from_the_form(cast: Cast, login: Login) -> None:
    url = reverse("members:dues_profile", args=[cuong_pk(cast)])
    data = {"category": "pension", "base_amount": "5.000.000", "valid_from": "01/03/2026"}
    assert login("alice").post(url, data).status_code == 302
    assert DuesProfile.objects.get().base_amount == 5_000_000


def test_it_refuses_a_bad_profile_and_writes_nothing(cast: Cast, login: Login) -> None:
    url = reverse("members:dues_profile", args=[cuong_pk(cast)])
    data = {"category": "pension", "base_amount": "", "valid_from": "01/03/2026"}
    response = login("alice").post(url, data)
    assert "lương hưu" in response.content.decode()
    assert not DuesProfile.objects.exists()


def test_it_grants_a_reduction_from_the_form(cast: Cast, login: Login) -> None:
    url = reverse("members:dues_reduction", args=[cuong_pk(cast)])
    data = {"percent": "50", "start_month": "03/2026", "end_month": "2026-08", "reason": "Ốm"}
    assert login("alice").post(url, data).status_code == 302
    assert DuesReduction.objects.get().end_month == date(2026, 8, 1)


def test_it_refuses_a_reduction_over_twelve_months(cast: Cast, login: Login) -> None:
    url = reverse("members:dues_reduction", args=[cuong_pk(cast)])
    data = {"percent": "50", "start_month": "01/2026", "end_month": "06/2027", "reason": "Ốm"}
    response = login("alice").post(url, data)
    assert "không quá 12 tháng" in response.content.decode()
    assert not DuesReduction.objects.exists()


def test_it_shows_the_panel_with_buttons_for_staff(cast: Cast, login: Login) -> None:
    profiles(cast)
    url = reverse("members:detail", args=[cuong_pk(cast)])
    page = login("alice").get(url).content.decode()
    assert "Cập nhật căn cứ" in page and "Giảm/miễn" in page and "60.000 đ" in page
    reader = login("dave").get(url).content.decode()
    assert "Đảng phí" in reader and "Cập nhật căn cứ" not in reader


def test_it_renders_the_panel_in_five_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    from django.test import RequestFactory

    from dangvu.members.templatetags.dues_panels import dues_panel

    profiles(cast)
    cuong = cast.member("Lê Văn Cường")
    request = RequestFactory().get("/")
    request.user = cast.user("alice")
    context = {"request": request, "placements": list(cuong.placements.all())}
    dues.may_record_payments(request.user, cuong.cell)  # roles read once per request
    # profiles, reductions, events, transfers, payments
    with django_assert_num_queries(5):
        dues_panel(context, cuong)
