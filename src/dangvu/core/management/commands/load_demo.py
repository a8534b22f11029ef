"""``dangvu load_demo``: build the demo data once and print the demo logins."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.demo import DEMO_PASSWORD, DemoLogin, load_demo


def login_table(logins: list[DemoLogin]) -> list[str]:
    """The logins as an aligned plain-text table."""
    header = (_("Tên đăng nhập"), _("Vai trò"), _("Tổ chức"), _("Đảng viên"))
    rows = [header, *((x.username, x.role, x.organization, x.member) for x in logins)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]


class Command(BaseCommand):
    help = _(
        "Nạp dữ liệu minh họa (năm tổ chức đảng trong các bài viết nguồn, tính đến năm 2022) "
        "bằng chính các dịch vụ của hệ thống, rồi in các tài khoản minh họa. Chạy lại không "
        "thay đổi gì. --dry-run dựng thử rồi hủy, không ghi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help=_("dựng thử rồi hủy, không ghi gì")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            with transaction.atomic():
                result = load_demo()
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["dry_run"]:
            self.stdout.write(_("Chạy thử: dữ liệu minh họa dựng được nhưng không ghi lại."))
            return
        if result.created:
            self.stdout.write(
                _("Đã nạp dữ liệu minh họa trong %(seconds).1f giây.")
                % {"seconds": time.monotonic() - started}
            )
        elif result.meetings_planned:
            self.stdout.write(
                _("Dữ liệu minh họa đã có; đã lập %(n)d kỳ sinh hoạt tháng này cho các chi bộ.")
                % {"n": result.meetings_planned}
            )
        else:
            self.stdout.write(_("Dữ liệu minh họa đã có; không thay đổi gì."))
        self.stdout.write("")
        self.stdout.write("\n".join(login_table(result.logins)))
        self.stdout.write("")
        self.stdout.write(
            _("Mật khẩu của mọi tài khoản: %(password)s") % {"password": DEMO_PASSWORD}
        )
        self.stdout.write(
            _(
                "Các tài khoản này chỉ đăng nhập được khi chế độ minh họa bật "
                "(DANGVU_ENV=demo, như make run)."
            )
        )
        if not settings.DEMO_MODE:
            self.stdout.write(
                self.style.WARNING(
                    _("Chế độ minh họa đang tắt: các tài khoản trên chưa dùng được.")
                )
            )
