"""``dangvu api_token USERNAME``: print the user's API token (created if missing)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.accounts.management.commands.grant import validation_message
from dangvu.accounts.models import User
from dangvu.accounts.services import issue_api_token


class Command(BaseCommand):
    help = _(
        "In mã truy cập API của người dùng USERNAME (tạo mới nếu chưa có), "
        "dùng trong tiêu đề “Authorization: Token …”. Chỉ in mã, không in gì khác."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("tên đăng nhập"))

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                _("Không tìm thấy người dùng “%(username)s”.") % {"username": options["username"]}
            )
        if not user.is_active:
            raise CommandError(_("Tài khoản này đã bị khóa."))
        try:
            token = issue_api_token(user)
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        self.stdout.write(token.key)
