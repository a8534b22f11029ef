"""The ``import_members`` and ``export_members`` commands."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dangvu.core.models import AccessLog
from dangvu.members.models import Member
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import person, sheet_rows, xlsx

BIRTH = date(1992, 3, 12)


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx(rows).getvalue())
    return path


def test_it_imports_a_file_and_prints_the_summary(cast: Cast, tmp_path: Path) -> None:
    out = io.StringIO()
    path = write(tmp_path, [person("Vũ Văn Mới", BIRTH)])
    call_command("import_members", str(path), "--user", "alice", stdout=out)
    assert "thêm 1, cập nhật 0, không thay đổi 0" in out.getvalue()
    assert cast.member("Vũ Văn Mới").cell.code == "XA-DONG"


def test_it_prints_errors_by_row_and_column_and_fails(cast: Cast, tmp_path: Path) -> None:
    before, out = Member.objects.count(), io.StringIO()
    path = write(tmp_path, [person("Vũ Văn Mới", BIRTH, **{"Ngày sinh*": "32/01/1992"})])
    with pytest.raises(CommandError, match="Có 1 lỗi"):
        call_command("import_members", str(path), "--user", "alice", stdout=out)
    assert "Dòng 2, cột “Ngày sinh*”: Ngày không hợp lệ (dạng dd/mm/yyyy)." in out.getvalue()
    assert Member.objects.count() == before


def test_it_checks_without_writing_in_a_dry_run(cast: Cast, tmp_path: Path) -> None:
    before, out = Member.objects.count(), io.StringIO()
    path = write(tmp_path, [person("Vũ Văn Mới", BIRTH)])
    call_command("import_members", str(path), "--user", "alice", "--dry-run", stdout=out)
    assert "chỉ kiểm tra, chưa ghi" in out.getvalue()
    assert Member.objects.count() == before


def test_it_imports_with_the_scope_of_the_user(cast: Cast, tmp_path: Path) -> None:
    path = write(tmp_path, [person("Vũ Văn Mới", BIRTH)])
    with pytest.raises(CommandError):
        call_command("import_members", str(path), "--user", "eve", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy người dùng"):
        call_command("import_members", str(path), "--user", "nobody")


def test_it_exports_the_users_scope_with_filters(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    call_command(
        "export_members", "--user", "alice", "--organization", "XA-TH", "--status", "full",
        "-o", str(path), stdout=io.StringIO(),
    )  # fmt: skip
    assert [row[0] for row in sheet_rows(path.read_bytes())[1:]] == ["Phạm Thị Dung"]
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.org_path == cast.org("XA-TH").path and "status=full" in log.detail


def test_it_refuses_to_export_an_organisation_out_of_scope(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="XB"):
        out = str(tmp_path / "x.xlsx")
        call_command("export_members", "--user", "alice", "--organization", "XB", "-o", out)
    assert not (tmp_path / "x.xlsx").exists()
