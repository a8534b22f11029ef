"""``dangvu export_members --user USERNAME [filters] -o FILE.xlsx``: export a member list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.members.choices import Status
from dangvu.members.exporting import export_members
from dangvu.members.filters import MemberFilterSet
from dangvu.members.management.commands.import_members import user_named
from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Command(BaseCommand):
    help = _(
        "Xuất danh sách đảng viên mà người dùng --user được xem ra tệp .xlsx (cùng cột với "
        "mẫu nhập). Lọc theo --organization MÃ (cả cấp dưới), --status, --search. "
        "Mỗi lần xuất được ghi vào nhật ký truy cập."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help=_("xuất với quyền của người dùng này"))
        parser.add_argument("--organization", help=_("mã tổ chức (gồm cả tổ chức cấp dưới)"))
        parser.add_argument(
            "--status",
            action="append",
            choices=Status.values,
            help=_("tình trạng (có thể lặp lại), ví dụ full, probationary"),
        )
        parser.add_argument("--search", help=_("tìm theo tên, không cần dấu"))
        parser.add_argument("-o", "--output", required=True, help=_("tệp .xlsx sẽ ghi"))

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        data: dict[str, Any] = {"status": options["status"] or [], "search": options["search"]}
        if options["organization"]:
            organization = (
                Organization.objects.visible_to(user).filter(code=options["organization"]).first()
            )
            if organization is None:
                raise CommandError(
                    _("Không tìm thấy tổ chức có mã “%(code)s”.")
                    % {"code": options["organization"]}
                )
            data["organization"] = organization.pk
        filterset = MemberFilterSet(data, queryset=Member.objects.visible_to(user))
        if not filterset.is_valid():
            raise CommandError(_("Bộ lọc không hợp lệ: %(errors)s") % {"errors": filterset.errors})
        filters = {k: v for k, v in filterset.form.cleaned_data.items() if v}
        content = export_members(filterset.qs, user=user, filters=filters)
        output = Path(options["output"])
        output.write_bytes(content)
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": output})
