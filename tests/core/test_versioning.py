"""Versions: no edit is silently lost (issue 14, item 4).

The unit part (``core.versioning``), the API part (ETag, If-Match, 412, the
OpenAPI) and two real concurrent PATCHes on PostgreSQL (``transaction=True``:
pytest-django runs these after the others and empties the tables when they end).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator

from dangvu.core import versioning
from dangvu.members import services as member_services
from dangvu.members.models import Member
from dangvu.members.services import update_member
from dangvu.organizations.models import Organization
from dangvu.organizations.services import update_organization
from tests.fixtures.cast import Cast

Login = Callable[[str], Client]


def member_url(member: Member) -> str:
    return f"/api/v1/members/{member.pk}/"


def fresh(member: Member) -> Member:
    return Member.objects.get(pk=member.pk)


# ---------------------------------------------------------------------------
# core.versioning


def test_it_gives_equal_records_equal_versions_and_changed_ones_new(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    before = versioning.row_version(an)
    assert versioning.row_version(fresh(an)) == before
    assert len(before) == 16
    update_member(fresh(an), actor=None, changes={"occupation": "Nông dân"})
    assert versioning.row_version(fresh(an)) != before


def test_it_keys_the_version_with_the_site_secret(cast: Cast) -> None:
    # A plain hash would let a reader test guesses of a hidden value against the ETag.
    an = cast.member("Nguyễn Văn An")
    with override_settings(SECRET_KEY="k" * 50):
        one = versioning.row_version(an)
    with override_settings(SECRET_KEY="q" * 50):
        other = versioning.row_version(an)
    assert one != other


def test_it_shows_where_a_long_text_changed() -> None:
    title = "Lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội " * 3
    old, new = versioning._around_difference(title + "năm 2025", title + "năm 2026")
    assert old.endswith("năm 2025") and new.endswith("năm 2026")
    assert old.startswith("…") and len(old) <= 80


def test_it_leaves_out_derived_columns_and_save_stamps() -> None:
    names = {f.attname for f in versioning.versioned_fields(Member)}
    assert {"full_name", "cell_id", "status"} <= names
    assert not names & {"id", "search_text", "sort_key", "updated_at"}


def test_it_writes_values_in_one_form_whatever_the_database_returned() -> None:
    field = mock.Mock(decimal_places=2)
    assert versioning._canonical(field, Decimal("1.5")) == versioning._canonical(
        field, Decimal("1.500")
    )
    assert versioning._canonical(field, date(2024, 2, 29)) == "2024-02-29"
    assert versioning._canonical(field, {"b": 1, "a": 2}) == '{"a": 2, "b": 1}'


def test_it_names_what_changed_since_a_version_from_the_history(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    opened = versioning.row_version(fresh(an))
    update_member(fresh(an), actor=None, changes={"home_town": "Nghệ An", "occupation": "Thợ may"})
    changes = versioning.changes_since(fresh(an), opened)
    assert [str(c) for c in changes] == ["Quê quán: — → Nghệ An", "Nghề nghiệp: — → Thợ may"]
    assert versioning.changes_since(fresh(an), "0" * 16) == []


def test_it_names_a_related_row_by_its_name(cast: Cast) -> None:
    change = versioning.changed_fields(
        Member, {"cell_id": cast.org("XA-DONG").pk}, {"cell_id": cast.org("XA-TH").pk}
    )[0]
    assert str(change) == "Chi bộ: Chi bộ thôn Đông → Chi bộ Trường Tiểu học Hòa An"


def test_it_refuses_a_stale_version_and_writes_nothing(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    opened = versioning.row_version(fresh(an))
    update_member(fresh(an), actor=None, changes={"home_town": "Nghệ An"})
    with pytest.raises(versioning.StaleVersion) as refused:
        versioning.require_version(fresh(an), opened)
    assert refused.value.current == versioning.row_version(fresh(an))
    assert "Quê quán: — → Nghệ An" in refused.value.messages
    versioning.require_version(fresh(an), None)  # no version, no check
    versioning.require_version(fresh(an), refused.value.current)


def test_it_writes_a_change_on_the_stored_row_not_a_stale_copy(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    mine = fresh(an)
    # Someone else changes another field after this copy was read.
    Member.objects.filter(pk=an.pk).update(home_town="Nghệ An")
    update_member(mine, actor=None, changes={"occupation": "Thợ may"})
    stored = fresh(an)
    assert (stored.home_town, stored.occupation) == ("Nghệ An", "Thợ may")


def test_it_keeps_an_organisations_other_fields_on_update(cast: Cast) -> None:
    dong = cast.org("XA-DONG")
    mine = Organization.objects.get(pk=dong.pk)
    Organization.objects.filter(pk=dong.pk).update(note="Ghi chú của người khác")
    update_organization(mine, actor=None, short_name="Thôn Đông")
    stored = Organization.objects.get(pk=dong.pk)
    assert (stored.note, stored.short_name) == ("Ghi chú của người khác", "Thôn Đông")


# ---------------------------------------------------------------------------
# The API: ETag, If-Match, 412


@functools.cache
def api_schema() -> dict[str, Any]:
    schema: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return schema


def test_it_sends_the_version_as_etag_on_one_object(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    response = login("alice").get(member_url(an))
    assert response["ETag"] == f'"{versioning.row_version(fresh(an))}"'
    assert "ETag" not in login("alice").get("/api/v1/members/")


def test_it_refuses_a_stale_if_match_with_412_and_writes_nothing(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    client = login("alice")
    etag = client.get(member_url(an))["ETag"]
    update_member(fresh(an), actor=None, changes={"home_town": "Nghệ An"})
    response = client.patch(
        member_url(an),
        {"occupation": "Thợ may"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412
    body = response.json()
    assert "người khác sửa" in body["detail"] and "Quê quán: — → Nghệ An" in body["detail"]
    assert body["changes"] == [
        {"field": "home_town", "label": "Quê quán", "old": "—", "new": "Nghệ An"}
    ]
    assert fresh(an).occupation == ""


def test_it_accepts_a_fresh_if_match_and_sends_the_new_etag(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    client = login("alice")
    etag = client.get(member_url(an))["ETag"]
    response = client.patch(
        member_url(an),
        {"occupation": "Thợ may"},
        content_type="application/json",
        HTTP_IF_MATCH=f"W/{etag}",
    )
    assert response.status_code == 200
    assert fresh(an).occupation == "Thợ may"
    assert response["ETag"] == f'"{versioning.row_version(fresh(an))}"' != etag
    anyone = client.patch(
        member_url(an),
        {"occupation": "Nông dân"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert anyone.status_code == 200


def test_it_checks_nothing_without_if_match(cast: Cast, login: Login) -> None:
    an = cast.member("Nguyễn Văn An")
    update_member(fresh(an), actor=None, changes={"home_town": "Nghệ An"})
    response = login("alice").patch(
        member_url(an), {"occupation": "Thợ may"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (fresh(an).home_town, fresh(an).occupation) == ("Nghệ An", "Thợ may")


def _programme(cast: Cast) -> Any:
    from dangvu.programs.services import create_programme

    return create_programme(cast.user("alice"), organization=cast.org("XA"), period="2022-Q1")


def _task(cast: Cast) -> Any:
    from dangvu.programs.services import add_task

    return add_task(
        cast.user("alice"),
        _programme(cast),
        title="Kiểm tra, giám sát năm 2022",
        deadline="tháng 2/2022",
        owner_org=cast.org("XA"),
    )


def _review(cast: Cast) -> Any:
    from dangvu.programs.services_reviews import open_review

    return open_review(cast.user("alice"), _programme(cast), held_on=date(2022, 4, 7))


def _meeting(cast: Cast) -> Any:
    from tests.meetings.helpers import meeting

    return meeting(cast)


def _candidate(cast: Cast) -> Any:
    from tests.admissions.helpers import propose

    return propose(cast)


# Every PATCH of the API: the record, a field to send, another field someone else changes.
UPDATES = {
    "organizations": (lambda cast: cast.org("XA-DONG"), {"note": "Mới"}, {"short_name": "Đông"}),
    "members": (
        lambda cast: cast.member("Trần Thị Bích"),
        {"occupation": "Y sĩ"},
        {"home_town": "Huế"},
    ),
    "meetings": (_meeting, {"place": "Hội trường"}, {"title": "Họp chi bộ"}),
    "tasks": (_task, {"title": "Kiểm tra năm 2022"}, {"description": "Nội dung"}),
    "reviews": (_review, {"summary": "Đạt"}, {"opinions_count": 9}),
    "candidates": (_candidate, {"occupation": "Giáo viên"}, {"home_town": "Huế"}),
}


@pytest.mark.parametrize("route", sorted(UPDATES))
def test_it_versions_every_api_update(route: str, cast: Cast, login: Login) -> None:
    make, sent, theirs = UPDATES[route]
    record = make(cast)
    model = type(record)
    url = f"/api/v1/{route}/{record.pk}/"
    client = login("alice")
    etag = client.get(url)["ETag"]
    model.objects.filter(pk=record.pk).update(**theirs)
    stored = versioning.row_version(model.objects.get(pk=record.pk))
    stale = client.patch(url, sent, content_type="application/json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert "người khác sửa" in stale.json()["detail"]
    assert versioning.row_version(model.objects.get(pk=record.pk)) == stored
    fresh_etag = f'"{stored}"'
    saved = client.patch(url, sent, content_type="application/json", HTTP_IF_MATCH=fresh_etag)
    assert saved.status_code == 200, saved.content
    row = model.objects.get(pk=record.pk)
    assert all(getattr(row, name) == value for name, value in {**sent, **theirs}.items())
    assert saved["ETag"] == f'"{versioning.row_version(row)}"'


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organizations/{id}/",
        "/api/v1/members/{id}/",
        "/api/v1/meetings/{id}/",
        "/api/v1/tasks/{id}/",
        "/api/v1/reviews/{id}/",
        "/api/v1/candidates/{id}/",
    ],
)
def test_it_documents_if_match_and_the_412_on_every_update(path: str) -> None:
    schema = api_schema()
    operation = schema["paths"][path]["patch"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert "If-Match" in headers
    assert "412" in operation["responses"]
    assert "ETag" in operation["responses"]["200"]["headers"]
    assert "ETag" in schema["paths"][path]["get"]["responses"]["200"]["headers"]


# ---------------------------------------------------------------------------
# Two real concurrent PATCHes (PostgreSQL)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write, so two PATCHes never overlap",
)
def test_it_keeps_both_of_two_concurrent_patches_of_different_fields(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    alice = cast.user("alice")
    slow_update = member_services.update_member

    def update(member: Member, **kwargs: Any) -> Member:
        # Both requests are in flight together: without the row lock each would
        # read the row here, before the other writes, and the last save would win.
        time.sleep(0.3)
        return slow_update(member, **kwargs)

    start = threading.Barrier(2)
    answers: list[int] = []
    errors: list[BaseException] = []

    def patch(field: str, value: str) -> None:
        try:
            client = Client()
            client.force_login(alice)
            start.wait(timeout=10)
            response = client.patch(member_url(an), {field: value}, content_type="application/json")
            answers.append(response.status_code)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    with mock.patch.object(member_services, "update_member", update):
        threads = [
            threading.Thread(target=patch, args=("home_town", "Nghệ An")),
            threading.Thread(target=patch, args=("occupation", "Thợ may")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert errors == []
    assert answers == [200, 200]
    stored = fresh(an)
    assert (stored.home_town, stored.occupation) == ("Nghệ An", "Thợ may")
