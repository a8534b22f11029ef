"""The party-tree pages: tree, organisation page, and the forms that change the tree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from dangvu.organizations.models import Committee, Organization, Position
from dangvu.organizations.services import (
    appoint_position,
    create_agency,
    create_committee,
    create_organization,
    update_organization,
)
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]


def _committee_url(cast: Cast) -> str:
    committee = cast.org("XA-DONG").committees.get()
    return f"/organizations/XA-DONG/committees/{committee.pk}/positions/new/"


ENDPOINTS = [
    Endpoint("tree", lambda c: "/organizations/", object_level=False, hidden_text="Hòa An"),
    Endpoint("tree of XA", lambda c: "/organizations/?parent=XA"),
    Endpoint("detail", lambda c: "/organizations/XA-DONG/"),
    Endpoint("create form", lambda c: "/organizations/new/?parent=XA", writes=True),
    Endpoint(
        "create",
        lambda c: "/organizations/new/?parent=XA",
        method="post",
        data=lambda c: {
            "code": "XA-NAM",
            "name": "Chi bộ thôn Nam",
            "level": "cell",
            "kind": "residential",
        },
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("edit form", lambda c: "/organizations/XA-DONG/edit/", writes=True),
    Endpoint(
        "edit",
        lambda c: "/organizations/XA-DONG/edit/",
        method="post",
        data=lambda c: {"name": "Chi bộ thôn Đông mới", "kind": "residential"},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("committee form", lambda c: "/organizations/XA/committees/new/", writes=True),
    Endpoint(
        "committee",
        lambda c: "/organizations/XA/committees/new/",
        method="post",
        data=lambda c: {"body": "executive", "term_start": 2025, "term_end": 2030},
        writes=True,
        ok_status=(302,),
    ),
    Endpoint("position form", _committee_url, writes=True),
    Endpoint(
        "position",
        _committee_url,
        method="post",
        data=lambda c: {"member": c.member("Lê Văn Cường").pk, "role": "member"},
        writes=True,
        ok_status=(302,),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_applies_the_scope_rule(endpoint: Endpoint, cast: Cast, login: Login) -> None:
    check_endpoint(endpoint, cast, login)


def test_it_hides_the_other_commune(cast: Cast, login: Login) -> None:
    alice = login("alice")
    assert alice.get("/organizations/XB/").status_code == 404
    assert alice.get("/organizations/?parent=XB").status_code == 404
    assert alice.get("/organizations/XB/edit/").status_code == 404


def test_it_shows_children_with_their_counts(cast: Cast, login: Login) -> None:
    response = login("alice").get("/organizations/?parent=XA")
    nodes = {node.organization.code: node for node in response.context["nodes"]}
    assert set(nodes) == {"XA-DONG", "XA-TH"}
    assert nodes["XA-DONG"].members == 3 and nodes["XA-TH"].members == 2
    assert [a.code for a in response.context["ancestors"]] == []


def test_it_counts_sub_organisations_and_cells(cast: Cast, login: Login) -> None:
    nodes = login("root").get("/organizations/?parent=H01").context["nodes"]
    counts = {n.organization.code: (n.organizations, n.cells, n.members) for n in nodes}
    assert counts == {"XA": (2, 2, 5), "XB": (1, 1, 2)}


def test_it_searches_organisations_without_accents(cast: Cast, login: Login) -> None:
    response = login("alice").get("/organizations/", {"search": "thon dong"})
    assert [org.code for org in response.context["results"]] == ["XA-DONG"]
    assert login("eve").get("/organizations/", {"search": "hoa an"}).context["results"] == []


def test_it_shows_the_committee_and_dates(cast: Cast, login: Login) -> None:
    body = login("dave").get("/organizations/XA-DONG/").content.decode()
    assert "Bí thư" in body and "Trần Thị Bích" in body
    assert f"/members/{cast.member('Trần Thị Bích').pk}/" in body
    assert "01/01/1975" in body and "10/05/2022" in body
    assert f"/members/?organization={cast.org('XA-DONG').pk}" in body


def test_it_shows_the_stats_of_the_subtree(cast: Cast, login: Login) -> None:
    response = login("alice").get("/organizations/XA/")
    stats = response.context["stats"]
    assert stats["members"] == 5 and stats["cells"] == 2
    assert stats["members_by_status"] == {"full": 4, "probationary": 1}


def test_it_shows_staff_buttons_to_staff_only(cast: Cast, login: Login) -> None:
    staff = login("alice").get("/organizations/XA-DONG/").content.decode()
    assert "/organizations/XA-DONG/edit/" in staff and "/members/new/?cell=XA-DONG" in staff
    assert "/organizations/XA-DONG/committees/new/" in staff and "positions/new/" in staff
    viewer = login("dave").get("/organizations/XA-DONG/").content.decode()
    assert "/organizations/XA-DONG/edit/" not in viewer and "positions/new/" not in viewer


def test_it_shows_who_changed_what(cast: Cast, login: Login) -> None:
    alice = login("alice")
    alice.post(
        "/organizations/XA-TH/edit/", {"name": "Chi bộ Trường Tiểu học Hòa An 2", "kind": "school"}
    )
    body = alice.get("/organizations/XA-TH/").content.decode()
    assert "alice" in body
    old, new = "Chi bộ Trường Tiểu học Hòa An", "Chi bộ Trường Tiểu học Hòa An 2"
    assert f'{old}</span> → <span class="diff-new">{new}' in body


def test_it_creates_a_cell_under_the_commune(cast: Cast, login: Login) -> None:
    data = {
        "code": "XA-NAM",
        "name": "Chi bộ thôn Nam",
        "level": "cell",
        "kind": "residential",
        "founded_on": "02/09/1980",
    }
    response = login("alice").post("/organizations/new/?parent=XA", data)
    assert response.status_code == 302
    org = Organization.objects.get(code="XA-NAM")
    assert org.parent == cast.org("XA") and org.founded_on == date(1980, 9, 2)
    assert org.history.first().history_user == cast.user("alice")


def test_it_accepts_the_date_picker_format(cast: Cast, login: Login) -> None:
    data = {"name": "Chi bộ thôn Đông", "kind": "residential", "founded_on": "1976-03-01"}
    assert login("alice").post("/organizations/XA-DONG/edit/", data).status_code == 302
    assert cast.org("XA-DONG").founded_on == date(1976, 3, 1)


def test_it_shows_dates_as_dd_mm_yyyy_in_forms(cast: Cast, login: Login) -> None:
    body = login("alice").get("/organizations/XA-DONG/edit/").content.decode()
    assert 'value="01/01/1975"' in body and 'placeholder="dd/mm/yyyy"' in body


def _refused(client: Client, url: str, data: dict[str, Any], message: str) -> None:
    before = (Organization.objects.count(), Committee.objects.count(), Position.objects.count())
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    after = (Organization.objects.count(), Committee.objects.count(), Position.objects.count())
    assert after == before


def test_it_refuses_an_empty_name(cast: Cast, login: Login) -> None:
    data = {"code": "XA-NAM", "name": "", "level": "cell", "kind": "residential"}
    _refused(login("alice"), "/organizations/new/?parent=XA", data, "field-error")


def test_it_refuses_a_duplicate_code(cast: Cast, login: Login) -> None:
    data = {"code": "XA-TH", "name": "Chi bộ mới", "level": "cell", "kind": "school"}
    _refused(login("alice"), "/organizations/new/?parent=XA", data, "Mã tổ chức “XA-TH” đã có.")


def test_it_refuses_a_level_not_allowed_under_the_parent(cast: Cast, login: Login) -> None:
    data = {"code": "XA-X", "name": "Huyện trong xã", "level": "district"}
    _refused(login("alice"), "/organizations/new/?parent=XA", data, "field-error")
    assert [value for value, _ in _level_choices(login("alice"))] == ["cell"]


def _level_choices(client: Client) -> list[tuple[str, str]]:
    form = client.get("/organizations/new/?parent=XA").context["form"]
    return list(form.fields["level"].choices)


def test_it_refuses_a_cell_without_a_kind(cast: Cast, login: Login) -> None:
    data = {"code": "XA-NAM", "name": "Chi bộ thôn Nam", "level": "cell", "kind": ""}
    _refused(login("alice"), "/organizations/new/?parent=XA", data, "Chi bộ phải có loại hình")


def test_it_refuses_an_end_before_the_founding(cast: Cast, login: Login) -> None:
    data = {
        "name": "Chi bộ thôn Đông",
        "kind": "residential",
        "founded_on": "01/01/2000",
        "ended_on": "31/12/1999",
    }
    _refused(
        login("alice"),
        "/organizations/XA-DONG/edit/",
        data,
        "Ngày kết thúc phải sau ngày thành lập.",
    )
    assert cast.org("XA-DONG").ended_on is None


def test_it_refuses_a_wrongly_typed_date(cast: Cast, login: Login) -> None:
    data = {"name": "Chi bộ thôn Đông", "kind": "residential", "founded_on": "31/02/2000"}
    _refused(login("alice"), "/organizations/XA-DONG/edit/", data, "Ngày không hợp lệ")


def test_it_refuses_a_term_ending_before_it_starts(cast: Cast, login: Login) -> None:
    data = {"body": "executive", "term_start": 2025, "term_end": 2020}
    _refused(
        login("alice"),
        "/organizations/XA/committees/new/",
        data,
        "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.",
    )


def test_it_refuses_a_second_secretary(cast: Cast, login: Login) -> None:
    data = {"member": cast.member("Nguyễn Văn An").pk, "role": "secretary"}
    _refused(login("alice"), _committee_url(cast), data, "Cấp ủy đã có bí thư")


def test_it_offers_only_members_of_the_subtree(cast: Cast, login: Login) -> None:
    form = login("alice").get(_committee_url(cast)).context["form"]
    names = {member.full_name for member in form.fields["member"].queryset}
    assert names == {"Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"}


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cast: Cast) -> None:
    """Three more cells in XA, each with members, a committee, an agency and history."""
    xa = cast.org("XA")
    for n in range(3):
        cell = create_organization(
            actor=None, code=f"XA-C{n}", name=f"Chi bộ {n}", level="cell", kind="agency", parent=xa
        )
        for k in range(2):
            serial = 100 + n * 10 + k
            member = create_member(
                actor=None,
                cell=cell,
                data={
                    "full_name": f"Vũ Văn Thử {serial}",
                    "gender": "male",
                    "birth_date": date(1980, 1, 1),
                    "national_id": make_national_id(25, "male", date(1980, 1, 1), serial),
                    "ceremony_date": date(2010, 1, 1),
                    "official_date": date(2011, 1, 1),
                },
            )
        committee = create_committee(
            cell,
            actor=None,
            body="cell_committee",
            term_start=2020,
            term_end=2025,
            elected_on=date(2020, 5, 1),
        )
        appoint_position(committee, member, actor=None, role="secretary")
    executive = create_committee(
        xa,
        actor=None,
        body="executive",
        term_start=2020,
        term_end=2025,
        elected_on=date(2020, 6, 1),
    )
    appoint_position(
        executive,
        cast.member("Nguyễn Văn An"),
        actor=None,
        role="secretary",
        title="Chủ tịch HĐND xã",
    )
    appoint_position(executive, cast.member("Phạm Thị Dung"), actor=None, role="member")
    create_agency(xa, actor=None, name="Ủy ban nhân dân xã Hòa An", kind="peoples_committee")
    update_organization(xa, actor=None, note="Ghi chú mới")


@pytest.mark.parametrize(
    "url", ["/organizations/?parent=XA", "/organizations/XA/", "/organizations/"]
)
def test_it_reads_a_fixed_number_of_queries(
    url: str, cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    alice = login("alice")
    # One bare committee, so the small case already reads the (then empty) positions.
    create_committee(cast.org("XA"), actor=None, body="standing", term_start=2020, term_end=2025)
    small = _count_queries(alice, url)
    _grow(cast)
    with django_assert_num_queries(small):
        alice.get(url)


def test_it_lists_positions_with_their_titles(cast: Cast, login: Login) -> None:
    _grow(cast)
    body = login("alice").get("/organizations/XA/").content.decode()
    assert "Chủ tịch HĐND xã" in body and "Phạm Thị Dung" in body
    assert "Ủy ban nhân dân xã Hòa An" in body
    assert body.index("Bí thư:") < body.index("Ủy viên:")


def test_it_puts_a_province_at_the_top_or_under_the_central_level(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    central = create_organization(actor=None, code="TW", name="Đảng Cộng sản Việt Nam",
                                  level="central")  # fmt: skip
    province = create_organization(
        actor=None, code="T99", name="Tỉnh ủy Thử", level="province", parent=central
    )
    assert province.path.startswith(central.path) and province.path != central.path
    with pytest.raises(ValidationError, match="phải có tổ chức cấp trên"):
        create_organization(actor=None, code="H99", name="Huyện ủy Thử", level="district")
    with pytest.raises(ValidationError, match="không đúng cấp"):
        create_organization(
            actor=None, code="TW2", name="Trung ương 2", level="central", parent=province
        )


def test_it_lists_children_by_pages(
    cast: Cast, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dangvu.organizations import views

    monkeypatch.setattr(views, "CHILDREN_PAGE", 1)
    alice = login("alice")
    detail = alice.get("/organizations/XA/")
    assert [n.organization.code for n in detail.context["nodes"]] == ["XA-DONG"]
    assert "Xem tất cả 2 tổ chức trực thuộc" in detail.content.decode()
    first = alice.get("/organizations/?parent=XA")
    assert "1–1 trong 2" in first.content.decode() and "Trang sau" in first.content.decode()
    second = alice.get("/organizations/?parent=XA&page=2")
    assert [n.organization.code for n in second.context["nodes"]] == ["XA-TH"]
    assert "Trang trước" in second.content.decode()
    assert alice.get("/organizations/?parent=XA&page=abc").status_code == 200
