"""/api/v1/organizations/: the tree, one node, create and change, statistics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client

from dangvu.members.services import place_member
from dangvu.organizations.models import Organization
from tests.fixtures.cast import Cast

URL = "/api/v1/organizations/"


def codes(response: Any) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def test_it_lists_the_tree_in_scope(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").get(URL)
    assert response.status_code == 200
    assert codes(response) == ["XA", "XA-DONG", "XA-TH"]


def test_it_filters_by_parent_level_kind_and_search(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    alice = login("alice")
    assert codes(alice.get(URL, {"parent": cast.org("XA").pk})) == ["XA-DONG", "XA-TH"]
    assert codes(alice.get(URL, {"level": "grassroots"})) == ["XA"]
    assert codes(alice.get(URL, {"kind": "school"})) == ["XA-TH"]
    assert codes(alice.get(URL, {"search": "truong tieu hoc"})) == ["XA-TH"]


def test_it_searches_only_in_scope(cast: Cast, login: Callable[[str], Client]) -> None:
    assert codes(login("eve").get(URL, {"search": "thon"})) == ["XB-BAC"]


def test_it_shows_one_organization(cast: Cast, login: Callable[[str], Client]) -> None:
    dong = cast.org("XA-DONG")
    body = login("dave").get(f"{URL}{dong.pk}/").json()
    assert body["code"] == "XA-DONG"
    assert body["level"] == "cell"
    assert body["kind"] == "residential"
    assert body["parent"] == cast.org("XA").pk
    assert body["ancestor_ids"][-1] == cast.org("XA").pk
    assert {"id", "name", "short_name", "is_cell", "founded_on", "ended_on"} <= set(body)


def test_it_hides_other_communes_organizations(cast: Cast, login: Callable[[str], Client]) -> None:
    eve = login("eve")
    assert eve.get(f"{URL}{cast.org('XA').pk}/").status_code == 404
    assert eve.get(f"{URL}{cast.org('XA-DONG').pk}/stats/").status_code == 404
    assert eve.get(f"{URL}999999/").status_code == 404


def test_it_creates_a_cell_through_the_service(cast: Cast, login: Callable[[str], Client]) -> None:
    data = {"code": "XA-NAM", "name": "Chi bộ thôn Nam", "level": "cell", "kind": "residential"}
    response = login("alice").post(
        URL, {**data, "parent": cast.org("XA").pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = Organization.objects.get(code="XA-NAM")
    assert created.path.startswith(cast.org("XA").path)
    assert response.json()["id"] == created.pk
    assert created.history.first().history_user == cast.user("alice")


def test_it_refuses_a_parent_out_of_scope_as_not_found(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    data = {"code": "XA-NAM", "name": "Chi bộ thôn Nam", "level": "cell", "kind": "residential"}
    response = login("eve").post(
        URL, {**data, "parent": cast.org("XA").pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "Không tìm thấy" in response.json()["parent"][0]
    assert not Organization.objects.filter(code="XA-NAM").exists()


def test_it_reports_service_errors_by_field(cast: Cast, login: Callable[[str], Client]) -> None:
    data = {"code": "XA-TH", "name": "Trùng mã", "level": "cell", "kind": "commune"}
    response = login("alice").post(
        URL, {**data, "parent": cast.org("XA").pk}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["code"] == ["Mã tổ chức “XA-TH” đã có."]
    assert "loại hình" in errors["kind"][0]
    assert Organization.objects.filter(name="Trùng mã").count() == 0


def test_it_reports_bad_types_in_vietnamese(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").post(
        URL, {"level": "hamlet", "founded_on": "32/13/2020"}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["code"] == ["Trường này là bắt buộc."]
    assert errors["level"] == ["Giá trị “hamlet” không có trong danh sách cho phép."]
    assert "YYYY-MM-DD" in errors["founded_on"][0]


def test_it_updates_through_the_service(cast: Cast, login: Callable[[str], Client]) -> None:
    dong = cast.org("XA-DONG")
    response = login("alice").patch(
        f"{URL}{dong.pk}/", {"name": "Chi bộ thôn Đông Hòa"}, content_type="application/json"
    )
    assert response.status_code == 200
    dong.refresh_from_db()
    assert dong.name == "Chi bộ thôn Đông Hòa"
    assert "dong hoa" in dong.search_text


def test_it_forbids_a_viewer_to_update(cast: Cast, login: Callable[[str], Client]) -> None:
    dong = cast.org("XA-DONG")
    response = login("dave").patch(
        f"{URL}{dong.pk}/", {"name": "Đổi tên"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert cast.org("XA-DONG").name == "Chi bộ thôn Đông"


def test_it_never_deletes(cast: Cast, login: Callable[[str], Client]) -> None:
    alice = login("alice")
    assert alice.delete(f"{URL}{cast.org('XA-TH').pk}/").status_code == 405
    assert alice.put(f"{URL}{cast.org('XA-TH').pk}/", {}).status_code == 405
    assert Organization.objects.filter(code="XA-TH").exists()


def test_it_serves_the_stats_of_the_commune(cast: Cast, login: Callable[[str], Client]) -> None:
    xa = cast.org("XA")
    body = login("dave").get(f"{URL}{xa.pk}/stats/", {"as_of": "2026-01-01"}).json()
    assert body["organization"] == {"id": xa.pk, "code": "XA", "name": "Đảng bộ xã Hòa An"}
    assert body["as_of"] == "2026-01-01"
    assert body["cells"] == 2
    assert body["cells_by_kind"] == {"residential": 1, "school": 1}
    assert body["cells_with_committee"] == 1
    assert body["members"] == 5
    assert body["members_by_status"] == {"full": 4, "probationary": 1}
    assert body["members_by_gender"] == {"male": 3, "female": 2}


def test_it_counts_members_on_a_past_date(cast: Cast, login: Callable[[str], Client]) -> None:
    xa = cast.org("XA")
    body = login("alice").get(f"{URL}{xa.pk}/stats/", {"as_of": "2000-01-01"}).json()
    assert body["members"] == 1
    assert body["members_by_status"] == {"full": 1}


def test_it_defaults_the_stats_to_today(cast: Cast, login: Callable[[str], Client]) -> None:
    from django.utils import timezone

    body = login("alice").get(f"{URL}{cast.org('XA').pk}/stats/").json()
    assert body["as_of"] == timezone.localdate().isoformat()


def test_it_rejects_a_bad_date(cast: Cast, login: Callable[[str], Client]) -> None:
    response = login("alice").get(f"{URL}{cast.org('XA').pk}/stats/", {"as_of": "31/12/2021"})
    assert response.status_code == 400
    assert response.json()["as_of"] == [
        "Ngày không hợp lệ, dùng dạng YYYY-MM-DD (ví dụ 2024-12-31)."
    ]


def test_it_counts_a_temporary_placement_at_home(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    em = cast.member("Hoàng Văn Em")
    place_member(em, cast.org("XA-DONG"), actor=None, start_date=date(2024, 1, 1), kind="temporary")
    alice, eve = login("alice"), login("eve")
    assert alice.get(f"{URL}{cast.org('XA').pk}/stats/").json()["members"] == 5
    assert alice.get(f"{URL}{cast.org('XA-DONG').pk}/stats/").json()["members"] == 3
    assert eve.get(f"{URL}{cast.org('XB').pk}/stats/").json()["members"] == 2


def test_it_refuses_a_date_before_the_party_was_founded(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("alice").get(f"{URL}{cast.org('XA').pk}/stats/", {"as_of": "0001-01-01"})
    assert response.status_code == 400
    assert "03/02/1930" in response.json()["as_of"][0]


def test_it_answers_400_to_a_parent_id_too_large(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    response = login("alice").get(URL, {"parent": "9" * 30})
    assert response.status_code == 400
    assert "parent" in response.json()


def test_it_answers_an_organisation_without_kind_as_the_schema_says(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    # A province or district has no kind (""): the schema's enum refused it (found
    # by the schema fuzzing).
    from tests.openapi import get_conforming

    client = login("root")
    rows = get_conforming(client, URL, URL)["results"]
    assert "" in {row["kind"] for row in rows}
    province = cast.org("T01").pk
    get_conforming(client, f"{URL}{province}/", "/api/v1/organizations/{id}/")
