"""``dangvu restore FILE``: put a ``dangvu backup`` archive back into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = _(
        "Khôi phục một bản sao lưu của “dangvu backup” vào cơ sở dữ liệu và thư mục tệp "
        "đính kèm còn trống. Kiểm tra tổng kiểm tra của mọi tệp trước khi ghi; bản sao "
        "lưu hỏng hoặc bị sửa bị từ chối."
    )

    # The checks open the database, which a new installation may not have yet.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help=_("tệp sao lưu (.tar.gz)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã khôi phục bản sao lưu lúc %(created)s: cơ sở dữ liệu (%(engine)s) và "
                    "%(count)d tệp đính kèm."
                )
                % {
                    "created": manifest.get("created_at", ""),
                    "engine": manifest["engine"],
                    "count": len(manifest["files"]),
                }
            )
        )
