"""The access-log page: staff and leaders read the log of their subtree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from dangvu.core.models import AccessLog, log_access
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint

Login = Callable[[str], Client]
URL = "/access-log/"


def _log(cast: Cast, username: str, name: str, action: str = "view_profile") -> AccessLog:
    member = cast.member(name)
    return log_access(
        cast.user(username),
        action,
        org_path=member.org_path,
        member=member,
        organization=member.cell,
    )


def test_it_applies_the_scope_rule(cast: Cast, login: Login) -> None:
    _log(cast, "lan", "Lê Văn Cường")
    # Only staff and leaders read the log: the viewer is refused like for a write.
    endpoint = Endpoint(
        "access log", lambda c: URL, object_level=False, hidden_text="Lê Văn Cường", writes=True
    )
    check_endpoint(endpoint, cast, login)


def test_it_lists_reads_of_the_subtree_for_a_leader(cast: Cast, login: Login) -> None:
    _log(cast, "alice", "Lê Văn Cường")
    _log(cast, "eve", "Hoàng Văn Em")
    body = login("lan").get(URL).content.decode()
    assert "Lê Văn Cường" in body and "Xem hồ sơ" in body
    assert "Hoàng Văn Em" not in body


def test_it_refuses_plain_members_and_cell_secretaries(cast: Cast, login: Login) -> None:
    assert login("charlie").get(URL).status_code == 403
    assert login("bob").get(URL).status_code == 403


def test_it_filters_by_action(cast: Cast, login: Login) -> None:
    _log(cast, "lan", "Lê Văn Cường")
    _log(cast, "lan", "Phạm Thị Dung", action="export")
    rows = login("alice").get(URL, {"action": "export"}).context["rows"]
    assert [row.member.full_name for row in rows] == ["Phạm Thị Dung"]


def test_it_filters_by_date_range(cast: Cast, login: Login) -> None:
    old = _log(cast, "lan", "Lê Văn Cường")
    AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    _log(cast, "lan", "Phạm Thị Dung")
    since = (timezone.localdate() - timedelta(days=7)).strftime("%d/%m/%Y")
    rows = login("alice").get(URL, {"date_from": since}).context["rows"]
    assert [row.member.full_name for row in rows] == ["Phạm Thị Dung"]


def test_it_reports_a_bad_date_without_failing(cast: Cast, login: Login) -> None:
    response = login("alice").get(URL, {"date_from": "32/13/2024"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_it_shows_times_as_dd_mm_yyyy(cast: Cast, login: Login) -> None:
    entry = _log(cast, "lan", "Lê Văn Cường")
    body = login("alice").get(URL).content.decode()
    assert timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M") in body


def test_it_pages_without_counting_the_whole_log(cast: Cast, login: Login) -> None:
    for _ in range(51):
        _log(cast, "lan", "Lê Văn Cường")
    first = login("alice").get(URL)
    assert len(first.context["rows"]) == 50 and first.context["has_next"]
    second = login("alice").get(URL, {"page": 2})
    assert len(second.context["rows"]) == 1 and not second.context["has_next"]


def test_it_reads_a_fixed_number_of_queries(
    cast: Cast, login: Login, django_assert_num_queries: Any
) -> None:
    alice = login("alice")
    _log(cast, "lan", "Lê Văn Cường")
    with django_assert_num_queries(4):  # session, user, roles, the page of rows
        alice.get(URL)
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Phạm Thị Dung", "Đỗ Văn Hùng"):
        _log(cast, "dave", name, action="export")
    with django_assert_num_queries(4):
        alice.get(URL)


def test_it_survives_odd_page_numbers(cast: Cast, login: Login) -> None:
    alice = login("alice")
    for page in ("abc", "-3", "0", "99999999999999999999999"):
        assert alice.get(URL, {"page": page}).status_code == 200
