"""Exporting member lists to .xlsx: scope, sensitive columns, access log, clean re-import."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core.models import AccessLog
from dangvu.members.exporting import export_members
from dangvu.members.importing import import_members
from dangvu.members.models import Member
from dangvu.members.services import create_member
from tests.fixtures.cast import Cast
from tests.generic import Endpoint, check_endpoint
from tests.members.spreadsheets import HEADERS, person, sheet_rows, xlsx

Login = Callable[[str], Client]
EXPORT = reverse("members:export")
SENSITIVE = [
    "Dân tộc",
    "Tôn giáo",
    "Số CCCD",
    "Số điện thoại",
    "Nơi ở hiện nay",
    "Tình trạng sức khỏe",
]

ENDPOINTS = [
    Endpoint("export", lambda c: EXPORT, object_level=False),
    Endpoint("import template", lambda c: reverse("members:import_template"), object_level=False),
    Endpoint("import page", lambda c: reverse("members:import"), writes=True, object_level=False),
    Endpoint(
        "import upload",
        lambda c: reverse("members:import"),
        method="post",
        data=lambda c: {
            "file": SimpleUploadedFile(
                "ds.xlsx", xlsx([person("Vũ Văn Mới", date(1992, 3, 12))]).read()
            ),
            "dry_run": "on",
        },
        writes=True,
        object_level=False,
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_guards_the_import_and_export_pages(
    endpoint: Endpoint, cast: Cast, login: Login
) -> None:
    check_endpoint(endpoint, cast, login)


def export_for(cast: Cast, username: str) -> bytes:
    user = cast.user(username)
    return export_members(Member.objects.visible_to(user), user=user)


def test_it_reimports_an_unchanged_export_without_writing(cast: Cast) -> None:
    alice = cast.user("alice")
    content = export_for(cast, "alice")
    history = Member.history.count()
    result = import_members(io.BytesIO(content), "ds.xlsx", actor=alice, dry_run=False)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert Member.history.count() == history


def test_it_reimports_a_viewer_export_matching_by_card_number(cast: Cast) -> None:
    content = export_for(cast, "dave")
    result = import_members(io.BytesIO(content), "ds.xlsx", actor=cast.user("alice"), dry_run=True)
    assert result.ok, result.errors
    assert result.unchanged == 5


def test_it_hides_sensitive_columns_from_a_viewer(cast: Cast) -> None:
    headers = sheet_rows(export_for(cast, "dave"))[0]
    assert not set(SENSITIVE) & set(headers)
    assert "Họ và tên*" in headers and "Số thẻ đảng viên" in headers


def test_it_includes_sensitive_columns_for_staff(cast: Cast) -> None:
    rows = sheet_rows(export_for(cast, "alice"))
    assert list(rows[0]) == [*HEADERS, "Tên chi bộ", "Tình trạng"]
    an = next(row for row in rows if row[0] == "Nguyễn Văn An")
    assert an[HEADERS.index("Số CCCD")] == cast.member("Nguyễn Văn An").national_id
    assert an[-2:] == ("Chi bộ thôn Đông", "Chính thức")


def test_it_logs_every_export_at_the_narrowest_scope(cast: Cast, login: Login) -> None:
    response = login("alice").get(EXPORT, {"search": "nguyen van an"})
    assert response.status_code == 200
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.user == cast.user("alice") and log.org_path == cast.org("XA-DONG").path
    assert "1 đảng viên" in log.detail and "search=nguyen van an" in log.detail


def test_it_exports_only_what_the_user_sees(cast: Cast, login: Login) -> None:
    response = login("eve").get(EXPORT)
    names = [row[0] for row in sheet_rows(response.content)[1:]]
    assert sorted(names) == ["Hoàng Văn Em", "Đỗ Thị Giang"]


def test_it_names_the_file_by_date(cast: Cast, login: Login) -> None:
    response = login("alice").get(EXPORT)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="danh-sach-dang-vien-' in response["Content-Disposition"]


def test_it_refuses_an_invalid_filter(cast: Cast, login: Login) -> None:
    response = login("alice").get(EXPORT, {"status": "bogus"})
    assert response.status_code == 400
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_it_exports_with_queries_that_do_not_grow_with_rows(cast: Cast, login: Login) -> None:
    client = login("alice")
    with CaptureQueriesContext(connection) as few:
        client.get(EXPORT)
    for serial in range(20):
        birth = date(1980, 1, 1 + serial)
        data = {"full_name": f"Người Thứ {serial}", "gender": "male", "birth_date": birth}
        create_member(actor=None, cell=cast.org("XA-TH"), data=data)
    with CaptureQueriesContext(connection) as many:
        response = client.get(EXPORT)
    assert len(sheet_rows(response.content)) == 26
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_serves_the_template_with_a_guide(cast: Cast, login: Login) -> None:
    from openpyxl import load_workbook

    response = login("alice").get(reverse("members:import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Danh sách đảng viên", "Hướng dẫn"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Mã chi bộ*" in guide and any("Dòng ví dụ" in str(line) for line in guide)
