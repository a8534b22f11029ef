"""``dangvu import_members FILE --user USERNAME [--dry-run]``: import members from .xlsx/.csv."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.members.importing import ImportResult, RowError, import_members


def user_named(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("Không tìm thấy người dùng “%(username)s”.") % {"username": username})
    return user


def error_line(error: RowError) -> str:
    """``Dòng 5, cột “Ngày sinh”: …`` (the file as a whole has neither row nor column)."""
    if error.row and error.column:
        return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
            "row": error.row,
            "column": error.column,
            "message": error.message,
        }
    if error.column:
        return _("Cột “%(column)s”: %(message)s") % {
            "column": error.column,
            "message": error.message,
        }
    return error.message


def summary_line(result: ImportResult) -> str:
    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    if result.dry_run:
        return (
            _(
                "Tệp hợp lệ (chỉ kiểm tra, chưa ghi): sẽ thêm %(created)s, cập nhật %(updated)s, "
                "không thay đổi %(unchanged)s đảng viên."
            )
            % counts
        )
    return (
        _(
            "Đã nhập xong: thêm %(created)s, cập nhật %(updated)s, "
            "không thay đổi %(unchanged)s đảng viên."
        )
        % counts
    )


class Command(BaseCommand):
    help = _(
        "Nhập đảng viên từ tệp .xlsx hoặc .csv theo mẫu (cột tiếng Việt), với quyền của "
        "người dùng --user (chỉ vào các chi bộ người đó được sửa). Mọi dòng được kiểm tra; "
        "chỉ một dòng sai thì không ghi gì và lệnh thoát với mã lỗi. --dry-run chỉ kiểm tra."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("tệp .xlsx hoặc .csv"))
        parser.add_argument("--user", required=True, help=_("nhập với quyền của người dùng này"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi"))

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
        with path.open("rb") as handle:
            result = import_members(handle, path.name, actor=user, dry_run=options["dry_run"])
        if result.errors:
            for error in result.errors:
                self.stdout.write(error_line(error))
            raise CommandError(
                _("Có %(count)s lỗi; không ghi dòng nào.") % {"count": len(result.errors)}
            )
        self.stdout.write(summary_line(result))
