"""``dangvu stats ORG_CODE``: the statistics of a subtree on a date (same JSON as the API).

With ``--user`` the figures are those that user gets from the API: their scope,
and the breakdowns by ethnicity and religion only for staff and leaders.
Without it the command runs as the operator of the server, who reads the
database anyway, and prints every key (docs/decisions/0016-sensitive-figures.md).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.accounts.models import User
from dangvu.members.choices import AgeBand, Gender, Status
from dangvu.organizations.choices import Kind, Level
from dangvu.organizations.models import Organization
from dangvu.organizations.serializers import MAX_STATS_YEAR
from dangvu.organizations.stats import organization_stats, stats_for


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("Ngày “%(value)s” không hợp lệ; viết theo dạng YYYY-MM-DD, ví dụ 2022-12-31.")
            % {"value": value}
        ) from exc


def parse_year(value: str) -> int:
    if not value.isdigit() or not 1930 <= int(value) <= MAX_STATS_YEAR:
        raise CommandError(
            _("Năm “%(value)s” không hợp lệ; viết một năm từ 1930 đến 2100, ví dụ 2021.")
            % {"value": value}
        )
    return int(value)


def year_lines(stats: dict[str, Any]) -> list[str]:
    """The lines of ``--year``: that year's movements and the cells' admission targets."""
    lines = [
        _(
            "Năm %(year)s: kết nạp %(admitted)s; cử đi học lớp nhận thức %(sent)s; "
            "công nhận chính thức %(recognised)s"
        )
        % {
            "year": stats["year"],
            "admitted": stats["admitted"],
            "sent": stats["sent_to_course"],
            "recognised": stats["recognised"],
        },
        _(
            "Chuyển đến %(in)s; chuyển đi %(out)s; xóa tên %(removed)s; khai trừ %(expelled)s; "
            "ra khỏi Đảng %(left)s; từ trần %(deceased)s"
        )
        % {
            "in": stats["transferred_in"],
            "out": stats["transferred_out"],
            "removed": stats["removed"],
            "expelled": stats["expelled"],
            "left": stats["left"],
            "deceased": stats["deceased"],
        },
    ]
    for row in stats["admission_targets"]:
        lines.append(
            _("  %(name)s: chỉ tiêu %(target)s, đã kết nạp %(actual)s")
            % {"name": row["cell"]["name"], "target": row["target"], "actual": row["actual"]}
        )
    return lines


def _counts(counts: dict[str, int], labels: Any) -> str:
    """``Label: n; …`` in the order of the choices, for the keys present."""
    known = [(choice.label, counts[choice.value]) for choice in labels if choice.value in counts]
    unknown = [(key, n) for key, n in counts.items() if key not in labels.values]
    return "; ".join(f"{label}: {n}" for label, n in [*known, *unknown]) or "—"


def summary_lines(stats: dict[str, Any]) -> list[str]:
    """The statistics as a few Vietnamese lines, for a person at a terminal."""
    org = stats["organization"]
    day = date.fromisoformat(stats["as_of"])
    return [
        _("%(name)s (mã %(code)s), ngày %(day)s")
        % {"name": org["name"], "code": org["code"], "day": day.strftime("%d/%m/%Y")},
        _("Tổ chức trực thuộc: %(counts)s")
        % {"counts": _counts(stats["organizations_by_level"], Level)},
        _("Chi bộ: %(n)s (%(kinds)s)")
        % {"n": stats["cells"], "kinds": _counts(stats["cells_by_kind"], Kind)},
        _("Chi bộ có chi ủy: %(n)s") % {"n": stats["cells_with_committee"]},
        _("Đảng viên: %(n)s (%(statuses)s)")
        % {"n": stats["members"], "statuses": _counts(stats["members_by_status"], Status)},
        _("Theo giới tính: %(counts)s") % {"counts": _counts(stats["members_by_gender"], Gender)},
        _("Theo độ tuổi: %(counts)s") % {"counts": _counts(stats["members_by_age_band"], AgeBand)},
        _("Kết nạp trong năm %(year)s: %(n)s") % {"year": day.year, "n": stats["admitted_in_year"]},
        *(year_lines(stats) if "year" in stats else []),
    ]


class Command(BaseCommand):
    help = _(
        "Thống kê tổ chức mã ORG_CODE và các tổ chức trực thuộc vào một ngày "
        "(--as-of YYYY-MM-DD, mặc định hôm nay): số chi bộ, chi bộ có chi ủy, số đảng viên "
        "theo tình trạng. --json in đúng JSON của API; --user USERNAME chỉ thống kê "
        "tổ chức mà người dùng đó được xem, và chỉ có số theo dân tộc, tôn giáo khi "
        "người đó là cán bộ văn phòng hoặc lãnh đạo (không có --user: in đủ, như người "
        "quản trị máy chủ)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("org_code", help=_("mã tổ chức, ví dụ PT-TB-TT"))
        parser.add_argument("--as-of", dest="as_of", help=_("ngày thống kê, dạng YYYY-MM-DD"))
        parser.add_argument(
            "--year", help=_("thêm số liệu của năm này (kết nạp, chuyển sinh hoạt, chỉ tiêu…)")
        )
        parser.add_argument("--json", action="store_true", help=_("in JSON như API"))
        parser.add_argument("--user", help=_("thống kê trong phạm vi của người dùng này"))

    def handle(self, *args: Any, **options: Any) -> None:
        day = parse_day(options["as_of"]) if options["as_of"] else timezone.localdate()
        year = parse_year(options["year"]) if options["year"] else None
        organizations: Any = Organization.objects.all()
        user: User | None = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    _("Không tìm thấy người dùng “%(username)s”.") % {"username": options["user"]}
                )
            organizations = organizations.visible_to(user)
        organization = organizations.filter(code=options["org_code"]).first()
        if organization is None:
            raise CommandError(
                _("Không tìm thấy tổ chức có mã “%(code)s”.") % {"code": options["org_code"]}
            )
        if user is None:
            stats = organization_stats(organization, day, year)
        else:
            stats = stats_for(user, organization, day, year)
        if options["json"]:
            self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary_lines(stats)))
