"""``dangvu backup --output FILE``: the database and every attached file in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = _(
        "Sao lưu cơ sở dữ liệu và mọi tệp đính kèm vào một tệp .tar.gz có kê khai tổng "
        "kiểm tra (SHA-256). An toàn khi hệ thống đang chạy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, help=_("tệp sao lưu sẽ ghi (.tar.gz), chưa có sẵn")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu cơ sở dữ liệu (%(engine)s) và %(count)d tệp đính kèm vào %(path)s.")
                % {"engine": manifest["engine"], "count": len(manifest["files"]), "path": output}
            )
        )
