"""Creating and editing a member through the pages: access, good input, bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.members.models import Member
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
CREATE = reverse("members:create")


def new_member(cast: Cast, **changes: Any) -> dict[str, Any]:
    """A valid create form for a new member of Chi bộ thôn Đông."""
    data = {
        "cell": "XA-DONG",
        "full_name": "Vũ Thị Hoa",
        "gender": "female",
        "birth_date": "08/03/1992",
        "national_id": "025192000123",
        "card_number": "12345678",
        "qualification": "university",
        "political_theory": "elementary",
        "admission_decision_date": "03/02/2018",
        "ceremony_date": "03/02/2018",
        "official_date": "03/02/2019",
    }
    data.update(changes)
    return data


def edit_url(cast: Cast, name: str = "Nguyễn Văn An") -> str:
    return reverse("members:edit", args=[cast.member(name).pk])


def profile_of(cast: Cast, name: str = "Nguyễn Văn An") -> dict[str, Any]:
    """The edit form as it comes filled for ``name``, with dates typed dd/mm/yyyy."""
    member = cast.member(name)
    data: dict[str, Any] = {}
    for field in Member._meta.fields:
        value = getattr(member, field.name, None)
        if hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        data[field.name] = "" if value is None else value
    return data


ENDPOINTS = [
    Endpoint("create form", lambda c: CREATE + "?cell=XA-DONG", object_level=False, writes=True),
    Endpoint(
        "create",
        lambda c: CREATE,
        method="post",
        data=new_member,
        object_level=False,
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("edit form", edit_url, writes=True),
    Endpoint(
        "edit",
        edit_url,
        method="post",
        data=lambda c: {**profile_of(c), "occupation": "Giáo viên"},
        writes=True,
        ok_status=(302,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_guards_the_member_forms(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_creates_a_member_and_shows_the_profile(cast: Cast, login: Login) -> None:
    response = login("alice").post(CREATE, new_member(cast), follow=True)
    hoa = Member.objects.get(full_name="Vũ Thị Hoa")
    assert response.redirect_chain[-1][0] == reverse("members:detail", args=[hoa.pk])
    assert "Đã lưu hồ sơ đảng viên Vũ Thị Hoa" in response.content.decode()
    assert hoa.cell == cast.org("XA-DONG") and hoa.status == "full"
    assert hoa.history.get().history_user == cast.user("alice")


def test_it_accepts_iso_dates(cast: Cast, login: Login) -> None:
    login("alice").post(CREATE, new_member(cast, birth_date="1992-03-08"))
    assert Member.objects.get(full_name="Vũ Thị Hoa").birth_date.year == 1992


def test_it_preselects_the_cell_and_offers_only_editable_cells(cast: Cast, login: Login) -> None:
    page = login("alice").get(CREATE, {"cell": "XA-TH"}).content.decode()
    assert '<option value="XA-TH" selected>' in page
    assert "XB-BAC" not in page


def test_it_refuses_a_cell_the_user_may_not_edit(cast: Cast, login: Login) -> None:
    before = Member.objects.count()
    response = login("eve").post(CREATE, new_member(cast))
    assert response.status_code == 200
    assert "Bạn không được thêm đảng viên vào chi bộ này." in response.content.decode()
    assert Member.objects.count() == before


def test_it_forbids_the_create_form_to_read_only_roles(cast: Cast, login: Login) -> None:
    for username in ("dave", "lan", "bob", "charlie"):
        assert login(username).get(CREATE).status_code == 403


BAD_INPUT = [
    ({"birth_date": "08/03/2000"}, "Chưa đủ 18 tuổi"),
    ({"national_id": "12345"}, "Số CCCD phải gồm đúng 12 chữ số."),
    ({"national_id": "025170000001"}, "Số CCCD không khớp với giới tính và năm sinh."),
    ({"official_date": "01/01/2018"}, "Ngày chính thức không được trước ngày vào Đảng."),
    ({"ceremony_date": "01/01/2999", "official_date": ""}, "Ngày không được sau ngày hôm nay."),
    ({"full_name": ""}, "Thiếu họ và tên."),
    ({"birth_date": "31/02/1992"}, "Ngày không hợp lệ (dạng dd/mm/yyyy)."),
    ({"card_number": "12ab"}, "Số thẻ đảng viên phải gồm đúng 8 chữ số."),
    ({"birth_date": "01/01/0001"}, "Ngày phải từ năm 1900 trở về sau."),
    ({"gender": "other"}, "Giới tính phải là Nam hoặc Nữ."),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUT)
def test_it_refuses_bad_input_on_create(
    changes: dict[str, str], message: str, cast: Cast, login: Login
) -> None:
    before = Member.objects.count()
    response = login("alice").post(CREATE, new_member(cast, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Member.objects.count() == before


def test_it_refuses_a_duplicate_national_id(cast: Cast, login: Login) -> None:
    taken = cast.member("Trần Thị Bích").national_id
    before = Member.objects.count()
    response = login("alice").post(
        CREATE, new_member(cast, national_id=taken, birth_date="15/07/1982")
    )
    assert "Số CCCD này đã có trong danh sách đảng viên." in response.content.decode()
    assert Member.objects.count() == before


def test_it_refuses_a_duplicate_name_and_birth_date(cast: Cast, login: Login) -> None:
    before = Member.objects.count()
    data = new_member(
        cast, full_name="nguyen van an", gender="male", birth_date="02/03/1970", national_id=""
    )
    response = login("alice").post(CREATE, data)
    assert "Đã có đảng viên cùng họ tên và ngày sinh" in response.content.decode()
    assert Member.objects.count() == before


def test_it_edits_a_member_and_records_who_did_it(cast: Cast, login: Login) -> None:
    data = {**profile_of(cast), "occupation": "Giáo viên", "phone": "0987654321"}
    response = login("alice").post(edit_url(cast), data)
    an = cast.member("Nguyễn Văn An")
    assert response.status_code == 302 and response["Location"] == f"/members/{an.pk}/"
    assert an.occupation == "Giáo viên" and an.phone == "0987654321"
    assert an.history.first().history_user == cast.user("alice")


def test_it_fills_the_edit_form_with_dates_as_dd_mm_yyyy(cast: Cast, login: Login) -> None:
    page = login("alice").get(edit_url(cast)).content.decode()
    assert 'value="02/03/1970"' in page and 'value="19/05/1995"' in page


def test_it_refuses_bad_input_on_edit_and_changes_nothing(cast: Cast, login: Login) -> None:
    data = {**profile_of(cast), "official_date": "01/01/1990", "occupation": "Giáo viên"}
    response = login("alice").post(edit_url(cast), data)
    assert response.status_code == 200
    assert "Ngày chính thức không được trước ngày vào Đảng." in response.content.decode()
    an = cast.member("Nguyễn Văn An")
    assert an.occupation == "" and an.history.count() == 1


def test_it_refuses_on_edit_a_national_id_already_taken(cast: Cast, login: Login) -> None:
    taken = cast.member("Lê Văn Cường").national_id
    data = {**profile_of(cast), "national_id": taken}
    response = login("alice").post(edit_url(cast), data)
    assert "Số CCCD" in response.content.decode()
    assert cast.member("Nguyễn Văn An").national_id != taken


def test_it_saves_nothing_when_nothing_changed(cast: Cast, login: Login) -> None:
    response = login("alice").post(edit_url(cast), profile_of(cast), follow=True)
    assert "Không có thay đổi nào." in response.content.decode()
    assert cast.member("Nguyễn Văn An").history.count() == 1
