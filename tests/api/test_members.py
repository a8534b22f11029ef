"""/api/v1/members/: the registry in scope, profiles, create and change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client

from dangvu.core.models import AccessLog
from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from tests.fixtures.cast import Cast

URL = "/api/v1/members/"


def names(response: Any) -> list[str]:
    return [row["full_name"] for row in response.json()["results"]]


def new_member(cast: Cast, **changes: Any) -> dict[str, Any]:
    return {
        "full_name": "Vũ Thị Hoa",
        "gender": "female",
        "birth_date": "1992-04-05",
        "national_id": make_national_id(25, "female", date(1992, 4, 5), 99),
        "ceremony_date": "2020-03-03",
        "cell": cast.org("XA-TH").pk,
        **changes,
    }


def test_it_lists_members_in_vietnamese_name_order(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("dave").get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    ]


def test_it_returns_the_list_fields(cast: Cast, login: Callable[[str], Client]) -> None:
    row = login("alice").get(URL, {"search": "bich"}).json()["results"][0]
    dong = cast.org("XA-DONG")
    assert row["id"] == cast.member("Trần Thị Bích").pk
    assert (row["gender"], row["birth_date"], row["status"]) == ("female", "1982-07-15", "full")
    assert (row["cell"], row["cell_code"], row["cell_name"]) == (dong.pk, "XA-DONG", dong.name)
    assert not set(SENSITIVE_FIELDS) & set(row)


def test_it_paginates(cast: Cast, login: Callable[[str], Client]) -> None:
    body = login("alice").get(URL, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert body["previous"] is None
    assert login("alice").get(URL, {"page": 9}).status_code == 404


def test_it_searches_without_accents(cast: Cast, login: Callable[[str], Client]) -> None:
    assert names(login("alice").get(URL, {"search": "nguyen van an"})) == ["Nguyễn Văn An"]


def test_it_searches_capitals_in_scope_only(cast: Cast, login: Callable[[str], Client]) -> None:
    assert names(login("alice").get(URL, {"search": "ĐỖ"})) == ["Đỗ Văn Hùng"]
    assert names(login("eve").get(URL, {"search": "ĐỖ"})) == ["Đỗ Thị Giang"]


def test_it_filters_by_organization_cell_status_gender(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    alice = login("alice")
    th = cast.org("XA-TH").pk
    assert names(alice.get(URL, {"organization": th})) == ["Phạm Thị Dung", "Đỗ Văn Hùng"]
    assert names(alice.get(URL, {"cell": th, "status": "probationary"})) == ["Đỗ Văn Hùng"]
    assert names(alice.get(URL, {"gender": "female", "cell": th})) == ["Phạm Thị Dung"]
    assert names(alice.get(URL, {"organization": cast.org("XB").pk})) == []


def test_it_filters_by_age_band(cast: Cast, login: Callable[[str], Client]) -> None:
    # Đỗ Văn Hùng was born in 1999: the only one of Hòa An under 30.
    assert names(login("alice").get(URL, {"age_band": "under_30"})) == ["Đỗ Văn Hùng"]


def test_it_rejects_a_bad_filter(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").get(URL, {"status": "asleep"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_it_lists_with_a_fixed_number_of_queries(
    cast: Cast, login: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    alice = login("alice")
    with django_assert_num_queries(5):
        assert len(alice.get(URL).json()["results"]) == 5
    cell = cast.org("XA-TH")
    for i in range(45):
        data = {"full_name": f"Người Thứ {i}", "gender": "male", "birth_date": date(1980, 1, 1)}
        create_member(actor=None, cell=cell, data=data)
    with django_assert_num_queries(5):
        assert len(alice.get(URL).json()["results"]) == 50


def test_it_hides_other_communes_members(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("eve").get(f"{URL}{cast.member('Nguyễn Văn An').pk}/")
    assert response.status_code == 404
    assert "An" not in response.content.decode()


def test_it_shows_sensitive_fields_to_staff(cast: Cast, login: Callable[[str], Client]) -> None:
    body = login("alice").get(f"{URL}{cast.member('Nguyễn Văn An').pk}/").json()
    assert set(SENSITIVE_FIELDS) <= set(body)
    assert body["national_id"] == cast.member("Nguyễn Văn An").national_id
    assert body["phone"] == "0912000001"


def test_it_keeps_sensitive_fields_from_a_viewer(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    body = login("dave").get(f"{URL}{cast.member('Nguyễn Văn An').pk}/").json()
    assert body["full_name"] == "Nguyễn Văn An"
    assert not set(SENSITIVE_FIELDS) & set(body)


def test_it_logs_a_profile_read(cast: Cast, login: Callable[[str], Client]) -> None:
    an = cast.member("Nguyễn Văn An")
    login("dave").get(f"{URL}{an.pk}/")
    log = AccessLog.objects.get(member=an)
    assert (log.user, log.action) == (cast.user("dave"), "api_profile")
    assert log.org_path == an.org_path
    assert log.organization == cast.org("XA-DONG")


def test_it_does_not_log_a_member_reading_themselves(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    cuong = cast.member("Lê Văn Cường")
    assert login("charlie").get(f"{URL}{cuong.pk}/").status_code == 200
    assert not AccessLog.objects.filter(member=cuong).exists()


def test_it_creates_a_member_through_the_service(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("alice").post(URL, new_member(cast), content_type="application/json")
    assert response.status_code == 201, response.content
    hoa = Member.objects.get(full_name="Vũ Thị Hoa")
    assert (hoa.cell, hoa.status) == (cast.org("XA-TH"), "probationary")
    assert hoa.placements.get().start_date == date(2020, 3, 3)
    assert response.json()["national_id"] == hoa.national_id


def test_it_refuses_bad_member_data_and_writes_nothing(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    data = new_member(
        cast, birth_date="2003-06-10", national_id="12345", ceremony_date="2021-01-01"
    )
    response = login("alice").post(URL, data, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()
    assert "Chưa đủ 18 tuổi" in errors["birth_date"][0]
    assert errors["national_id"] == ["Số CCCD phải gồm đúng 12 chữ số."]
    assert not Member.objects.filter(full_name="Vũ Thị Hoa").exists()


def test_it_refuses_an_unknown_or_hidden_cell(cast: Cast, login: Callable[[str], Client]) -> None:
    alice = login("alice")
    for cell in (999999, cast.org("XB-BAC").pk):
        response = alice.post(URL, new_member(cast, cell=cell), content_type="application/json")
        assert response.status_code == 400
        assert "Không tìm thấy" in response.json()["cell"][0]
    assert not Member.objects.filter(full_name="Vũ Thị Hoa").exists()


def test_it_refuses_a_member_outside_a_cell(cast: Cast, login: Callable[[str], Client]) -> None:
    data = new_member(cast, cell=cast.org("XA").pk)
    response = login("alice").post(URL, data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["cell"] == ["Đảng viên chỉ sinh hoạt tại chi bộ."]


def test_it_forbids_a_viewer_or_member_to_create(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    for username in ("dave", "bob", "charlie"):
        response = login(username).post(URL, new_member(cast), content_type="application/json")
        assert response.status_code == 403, username
    assert not Member.objects.filter(full_name="Vũ Thị Hoa").exists()


def test_it_updates_a_profile(cast: Cast, login: Callable[[str], Client]) -> None:
    hung = cast.member("Đỗ Văn Hùng")
    response = login("alice").patch(
        f"{URL}{hung.pk}/", {"official_date": "2026-06-01"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "full"
    assert cast.member("Đỗ Văn Hùng").official_date == date(2026, 6, 1)


def test_it_refuses_a_bad_update(cast: Cast, login: Callable[[str], Client]) -> None:
    an = cast.member("Nguyễn Văn An")
    response = login("alice").patch(
        f"{URL}{an.pk}/", {"card_number": "12"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["card_number"] == ["Số thẻ đảng viên phải gồm đúng 8 chữ số."]
    assert cast.member("Nguyễn Văn An").card_number == "00000001"


def test_it_forbids_a_viewer_to_update(cast: Cast, login: Callable[[str], Client]) -> None:
    an = cast.member("Nguyễn Văn An")
    response = login("dave").patch(
        f"{URL}{an.pk}/", {"occupation": "Nông dân"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert cast.member("Nguyễn Văn An").occupation == ""


def test_it_never_deletes_a_member(cast: Cast, login: Callable[[str], Client]) -> None:
    an = cast.member("Nguyễn Văn An")
    assert login("alice").delete(f"{URL}{an.pk}/").status_code == 405
    assert Member.objects.filter(pk=an.pk).exists()


def test_it_answers_400_to_an_id_too_large(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").get(URL, {"cell": "9" * 30})
    assert response.status_code == 400
    assert "cell" in response.json()


def test_it_reports_a_too_long_name_in_vietnamese(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    data = new_member(cast, full_name="Nguyễn " * 30)
    response = login("alice").post(URL, data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["full_name"] == ["Không được dài quá 120 ký tự."]
