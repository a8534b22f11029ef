"""``dangvu grant USERNAME ROLE ORG_CODE``: give a user a role scoped to an organisation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.accounts.choices import Role
from dangvu.accounts.services import grant_role
from dangvu.organizations.models import Organization


def validation_message(exc: ValidationError) -> str:
    """One line a person can act on, from a service's ValidationError."""
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = _(
        "Tạo hoặc cập nhật người dùng USERNAME với vai trò ROLE (%(roles)s) tại tổ chức "
        "mã ORG_CODE. In mật khẩu đã đặt (mật khẩu sinh ngẫu nhiên cho người dùng mới, "
        "hoặc --password), hoặc báo giữ nguyên mật khẩu cũ."
    ) % {"roles": ", ".join(Role.values)}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("tên đăng nhập"))
        parser.add_argument(
            "role", help=_("vai trò: %(roles)s") % {"roles": ", ".join(Role.values)}
        )
        parser.add_argument("org_code", help=_("mã tổ chức, ví dụ PT-TB-TT"))
        parser.add_argument("--password", help=_("đặt mật khẩu này (ít nhất 10 ký tự)"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["role"] not in Role.values:
            raise CommandError(
                _("Vai trò “%(role)s” không hợp lệ; chọn một trong: %(choices)s.")
                % {"role": options["role"], "choices": ", ".join(Role.values)}
            )
        organization = Organization.objects.filter(code=options["org_code"]).first()
        if organization is None:
            raise CommandError(
                _("Không tìm thấy tổ chức có mã “%(code)s”.") % {"code": options["org_code"]}
            )
        try:
            user, password = grant_role(
                actor=None,
                username=options["username"],
                role=options["role"],
                organization=organization,
                password=options["password"],
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        self.stdout.write(
            _("Đã cấp vai trò %(role)s tại %(org)s (%(code)s) cho %(user)s.")
            % {
                "role": Role(options["role"]).label,
                "org": organization.name,
                "code": organization.code,
                "user": user.username,
            }
        )
        if password is None:
            self.stdout.write(_("Giữ nguyên mật khẩu hiện có."))
        else:
            self.stdout.write(_("Mật khẩu: %(password)s") % {"password": password})
