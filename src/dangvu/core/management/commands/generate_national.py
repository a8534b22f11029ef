"""``dangvu generate_national --members N --seed S``: a synthetic national Party."""

from __future__ import annotations

from argparse import BooleanOptionalAction
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.core.synthetic import GenerationRefused, generate
from dangvu.core.synthetic.data import PROVINCES


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(_("Ngày không hợp lệ (YYYY-MM-DD): %(v)s") % {"v": text}) from exc


class Command(BaseCommand):
    help = _(
        "Sinh một Đảng bộ toàn quốc tổng hợp để đo hiệu năng: 34 tỉnh, thành phố, các tổ chức "
        "cơ sở đảng, chi bộ và đảng viên, nạp hàng loạt (COPY trên PostgreSQL). Cùng --seed và "
        "--as-of cho cùng dữ liệu. Không ghi lịch sử thay đổi cho dữ liệu sinh ra; từ chối chạy "
        "khi cơ sở dữ liệu đã có dữ liệu sinh tự động."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, required=True, help=_("số đảng viên"))
        parser.add_argument("--seed", type=int, default=1, help=_("hạt giống ngẫu nhiên"))
        parser.add_argument(
            "--provinces", type=int, default=len(PROVINCES), help=_("số tỉnh, thành phố")
        )
        parser.add_argument("--batch", type=int, default=50_000, help=_("số đảng viên mỗi lô"))
        parser.add_argument(
            "--as-of", type=_day, default=None, help=_("ngày tham chiếu (mặc định: hôm nay)")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("sinh thử, không ghi gì"))
        parser.add_argument(
            "--defer-indexes",
            action=BooleanOptionalAction,
            default=None,
            help=_("PostgreSQL: dựng chỉ mục sau khi nạp (mặc định: từ 100.000 đảng viên)"),
        )
        parser.add_argument(
            "--meeting-months",
            type=int,
            default=12,
            help=_("số tháng sinh hoạt chi bộ có điểm danh trước ngày tham chiếu (0: không sinh)"),
        )
        parser.add_argument("--no-progress", action="store_true", help=_("không hiện tiến độ"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = generate(
                options["members"],
                options["seed"],
                as_of=options["as_of"],
                provinces=options["provinces"],
                batch=options["batch"],
                dry_run=options["dry_run"],
                defer_indexes=options["defer_indexes"],
                meeting_months=options["meeting_months"],
                progress=not options["no_progress"] and options.get("verbosity", 1) > 0,
            )
        except GenerationRefused as exc:
            raise CommandError(str(exc)) from exc
        rate = result.members / result.seconds if result.seconds else 0.0
        lines = [
            _("Chạy thử: không ghi gì.") if options["dry_run"] else _("Đã sinh và nạp xong."),
            _(
                "%(provinces)d tỉnh, %(grassroots)d tổ chức cơ sở đảng, %(cells)d chi bộ "
                "(kể cả chi bộ cơ sở), %(members)d đảng viên, %(temporary)d sinh hoạt tạm thời, "
                "%(committees)d cấp ủy, %(positions)d chức vụ, %(badges)d huy hiệu Đảng, "
                "%(meetings)d cuộc họp, %(attendance)d lượt điểm danh."
            )
            % vars(result),
            _("Thời gian: %(seconds).1f giây (%(rate).0f đảng viên/giây).")
            % {"seconds": result.seconds, "rate": rate},
            _(
                "Trong đó ghi vào cơ sở dữ liệu %(write).1f giây, hoàn tất (ANALYZE, "
                "số liệu tổng hợp) %(finish).1f giây."
            )
            % {"write": result.write_seconds, "finish": result.finish_seconds},
            _("Dấu kiểm: %(digest)s") % {"digest": result.digest},
        ]
        if result.tallies_rebuilt:
            lines.append(_("Đã tính lại số liệu tổng hợp."))
        self.stdout.write("\n".join(lines))
