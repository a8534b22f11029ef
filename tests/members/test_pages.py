"""The member pages: list (search, filters, order, paging), profile, history, access log."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from dangvu.core.models import AccessLog
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member, update_member
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
LIST = reverse("members:list")

ENDPOINTS = [
    Endpoint(
        "member list",
        lambda c: LIST,
        object_level=False,
        hidden_text="Nguyễn Văn An",
    ),
    Endpoint(
        "member profile", lambda c: reverse("members:detail", args=[c.member("Lê Văn Cường").pk])
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_guards_the_member_pages(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def listed(client: Client, **params: Any) -> list[str]:
    """The names linked in the list, in order."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    return re.findall(r'<a href="/members/\d+/">([^<]+)</a>', response.content.decode())


def test_it_lists_members_in_vietnamese_name_order(cast: Cast, login: Login) -> None:
    assert listed(login("alice")) == [
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Đỗ Văn Hùng",
    ]


def test_it_searches_without_accents(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), search="nguyen van an") == ["Nguyễn Văn An"]


def test_it_searches_upper_case_with_accents(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), search="ĐỖ") == ["Đỗ Văn Hùng"]


def test_it_searches_part_of_a_word(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), search="cuo") == ["Lê Văn Cường"]


def test_it_finds_nothing_outside_the_scope(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), search="giang") == []
    assert listed(login("eve"), search="giang") == ["Đỗ Thị Giang"]


def test_it_filters_by_status(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), status="probationary") == ["Đỗ Văn Hùng"]
    assert len(listed(login("alice"), status=["probationary", "full"])) == 5


def test_it_filters_by_gender(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), gender="female") == ["Trần Thị Bích", "Phạm Thị Dung"]


def test_it_filters_by_age_band(cast: Cast, login: Login) -> None:
    assert listed(login("alice"), age_band="under_30") == ["Đỗ Văn Hùng"]


def test_it_filters_by_organization_subtree(cast: Cast, login: Login) -> None:
    root = login("root")
    assert len(listed(root, organization=cast.org("XA").pk)) == 5
    assert listed(root, organization=cast.org("XB").pk) == ["Hoàng Văn Em", "Đỗ Thị Giang"]


def test_it_filters_by_cell(cast: Cast, login: Login) -> None:
    names = listed(login("alice"), cell=cast.org("XA-TH").pk)
    assert names == ["Phạm Thị Dung", "Đỗ Văn Hùng"]


def test_it_offers_only_visible_cells(cast: Cast, login: Login) -> None:
    page = login("alice").get(LIST).content.decode()
    assert "Chi bộ Trường Tiểu học Hòa An" in page
    assert "Chi bộ thôn Bắc" not in page


def test_it_survives_absurd_page_numbers(cast: Cast, login: Login) -> None:
    for page in ("99999999999999999999999", "-3", "x"):
        assert login("alice").get(LIST, {"page": page}).status_code == 200


def test_it_offers_organizations_as_a_drill_down(cast: Cast, login: Login) -> None:
    root = login("root")
    top = root.get(LIST).content.decode()
    assert "Tỉnh ủy Thử Nghiệm" in top and "Huyện ủy Thử Nghiệm" in top
    assert "Đảng bộ xã Hòa An</option>" not in top
    district = root.get(LIST, {"organization": cast.org("H01").pk}).content.decode()
    assert "Đảng bộ xã Hòa An</option>" in district and "Đảng bộ xã Bình Minh</option>" in district


def test_it_refuses_a_bad_filter_with_a_message(cast: Cast, login: Login) -> None:
    response = login("alice").get(LIST, {"status": "bogus"})
    assert response.status_code == 200
    assert "Bộ lọc không hợp lệ" in response.content.decode()
    assert listed(login("alice"), status="bogus") == []


def test_it_shows_the_total_and_the_export_link_with_the_filters(cast: Cast, login: Login) -> None:
    page = login("alice").get(LIST, {"gender": "female", "page": "1"}).content.decode()
    assert "2 đảng viên" in page
    assert reverse("members:export") + "?gender=female" in page


def test_it_shows_staff_the_add_and_import_buttons_only(cast: Cast, login: Login) -> None:
    assert "Thêm đảng viên" in login("alice").get(LIST).content.decode()
    assert "Thêm đảng viên" not in login("dave").get(LIST).content.decode()


def add_members(cast: Cast, count: int) -> None:
    cell = cast.org("XA-TH")
    for i in range(count):
        birth = date(1980, 1, 1 + i % 28)
        create_member(
            actor=None,
            cell=cell,
            data={
                "full_name": f"Vũ Văn Thử {i:03d}",
                "gender": "male",
                "birth_date": birth,
                "national_id": make_national_id(1, "male", birth, 500 + i),
            },
        )


def test_it_pages_by_fifty_without_counting_the_whole_table(cast: Cast, login: Login) -> None:
    add_members(cast, 60)
    client = login("alice")
    first = client.get(LIST).content.decode()
    assert "Trang 1 / 2" in first and 'rel="next"' in first
    assert len(listed(client)) == 50
    assert len(listed(client, page=2)) == 15


@pytest.mark.parametrize("extra", [0, 55])
def test_it_lists_in_a_fixed_number_of_queries(
    extra: int, cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    add_members(cast, extra)
    client = login("alice")
    # session, user, roles, rows, bounded count, organisation choices, cell choices,
    # and on SQLite the probe of the search index (core/search.py, ``_frequent``)
    with django_assert_num_queries(8 if connection.vendor == "sqlite" else 7):
        client.get(LIST, {"search": "van"})


def test_it_shows_the_profile_with_its_sections(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    page = login("alice").get(reverse("members:detail", args=[an.pk])).content.decode()
    assert "<h1>Nguyễn Văn An</h1>" in page
    for section in ("Thông tin cá nhân", "Thông tin đảng", "Nơi sinh hoạt", "Chức vụ"):
        assert section in page
    assert "Lịch sử thay đổi" in page
    assert "19/05/1995" in page and "Chi bộ thôn Đông" in page


def test_it_shows_positions_on_the_profile(cast: Cast, login: Login) -> None:
    bich = cast.member("Trần Thị Bích")
    page = login("alice").get(reverse("members:detail", args=[bich.pk])).content.decode()
    assert "Bí thư" in page and "Chi ủy" in page


@pytest.mark.parametrize(
    ("username", "sees"),
    [("alice", True), ("lan", True), ("dave", False), ("bob", False)],
)
def test_it_shows_sensitive_fields_to_staff_and_leaders_only(
    username: str, sees: bool, cast: Cast, login: Login
) -> None:
    an = cast.member("Nguyễn Văn An")
    page = login(username).get(reverse("members:detail", args=[an.pk])).content.decode()
    assert (an.national_id in page) is sees
    assert (an.phone in page) is sees


def test_it_logs_a_view_of_someone_elses_profile(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    login("alice").get(reverse("members:detail", args=[an.pk]))
    log = AccessLog.objects.get(member=an)
    assert log.user == cast.user("alice")
    assert log.action == AccessLog.Action.VIEW_PROFILE
    assert log.org_path == an.org_path and log.ip_address == "127.0.0.1"


def test_it_does_not_log_a_member_viewing_their_own_record(cast: Cast, login: Login) -> None:
    cuong = cast.member("Lê Văn Cường")
    response = login("charlie").get(reverse("members:detail", args=[cuong.pk]))
    assert response.status_code == 200
    assert not AccessLog.objects.filter(member=cuong).exists()


def test_it_shows_who_changed_what_in_the_history(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    update_member(an, actor=cast.user("alice"), changes={"occupation": "Nông dân"})
    page = login("dave").get(reverse("members:detail", args=[an.pk])).content.decode()
    history = page.split("Lịch sử thay đổi", 1)[1]
    assert "alice" in history
    assert "Nghề nghiệp" in history and "Nông dân" in history


def test_it_hides_sensitive_values_in_the_history(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    update_member(an, actor=cast.user("alice"), changes={"address": "Xóm Bãi Bùn"})
    assert (
        "Xóm Bãi Bùn"
        not in login("dave").get(reverse("members:detail", args=[an.pk])).content.decode()
    )
    assert (
        "Xóm Bãi Bùn" in login("lan").get(reverse("members:detail", args=[an.pk])).content.decode()
    )


def test_it_shows_the_edit_button_to_staff_only(cast: Cast, login: Login) -> None:
    url = reverse("members:detail", args=[cast.member("Nguyễn Văn An").pk])
    edit = reverse("members:edit", args=[cast.member("Nguyễn Văn An").pk])
    assert edit in login("alice").get(url).content.decode()
    assert edit not in login("lan").get(url).content.decode()


def test_it_shows_the_profile_in_a_fixed_number_of_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    bich = cast.member("Trần Thị Bích")
    client = login("alice")
    # session, user, roles, member, access log, placements, positions, history,
    # party age gaps (events, transfers), lifecycle panel (events, transfers),
    # badge panel (badges, events, transfers),
    # dues panel (profiles, reductions, events, transfers, payments),
    # meetings panel (the member's rate, their last marks), evaluations panel (their rankings)
    with django_assert_num_queries(23):
        client.get(reverse("members:detail", args=[bich.pk]))
