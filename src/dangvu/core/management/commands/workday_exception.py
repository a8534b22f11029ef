"""``dangvu workday_exception add|list|withdraw``: the government's working-day swaps
(decision 0012)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.core import services_workdays
from dangvu.core.models_workdays import WorkdayException


def parse_day(value: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise CommandError(_("Ngày “%(value)s” không hợp lệ: dùng dạng 31/12/2026.") % {"value": value})


class Command(BaseCommand):
    help = _(
        "Ngày hoán đổi theo thông báo của Chính phủ: “list” in danh sách kèm văn bản nguồn, "
        "“add” ghi một ngày nghỉ hoặc ngày làm việc bù, “withdraw” thu hồi một ngày ghi nhầm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help=_("in các ngày đã ghi"))
        add = actions.add_parser("add", help=_("ghi một ngày hoán đổi"))
        add.add_argument("day", help=_("ngày, dạng 02/01/2026"))
        add.add_argument(
            "kind", choices=[kind.value for kind in WorkdayException.Kind], help=_("loại ngày")
        )
        add.add_argument("--name", required=True, help=_("nội dung"))
        add.add_argument("--source-number", required=True, help=_("số văn bản"))
        add.add_argument("--source-date", required=True, help=_("ngày văn bản, dạng 25/12/2025"))
        add.add_argument("--source-issuer", default="", help=_("cơ quan ban hành"))
        withdraw = actions.add_parser("withdraw", help=_("thu hồi một ngày ghi nhầm"))
        withdraw.add_argument("day", help=_("ngày, dạng 02/01/2026"))
        withdraw.add_argument("--reason", required=True, help=_("lý do thu hồi"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self._add(options)
        elif options["action"] == "withdraw":
            self._withdraw(options)
        for row in services_workdays.listed():
            source = f"{row.source_number} ngày {row.source_date:%d/%m/%Y}"
            if row.source_issuer:
                source += f" ({row.source_issuer})"
            line = f"{row.day:%d/%m/%Y}  {row.get_kind_display():<14}  {row.name}  —  {source}"
            if not row.is_active:
                line += "  " + _("[đã thu hồi: %(reason)s]") % {"reason": row.withdrawn_reason}
            self.stdout.write(line)

    def _add(self, options: dict[str, Any]) -> None:
        data = {
            "day": parse_day(options["day"]),
            "kind": options["kind"],
            "name": options["name"],
            "source_number": options["source_number"],
            "source_date": parse_day(options["source_date"]),
            "source_issuer": options["source_issuer"],
        }
        try:
            row = services_workdays.record_exception(None, data, console=True)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stdout.write(self.style.SUCCESS(_("Đã ghi %(row)s.") % {"row": row}))

    def _withdraw(self, options: dict[str, Any]) -> None:
        day = parse_day(options["day"])
        row = services_workdays.active_on(day)
        if row is None:
            raise CommandError(
                _("Ngày %(day)s không có ngày hoán đổi nào đang áp dụng.")
                % {"day": f"{day:%d/%m/%Y}"}
            )
        try:
            row = services_workdays.withdraw_exception(None, row, options["reason"], console=True)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stdout.write(self.style.SUCCESS(_("Đã thu hồi %(row)s.") % {"row": row}))


def _messages(exc: ValidationError) -> str:
    return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
