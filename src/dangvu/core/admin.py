"""The Django admin: for system administrators (superusers) only.

Registry rows (organisations, committees, members, placements) are shown read-only:
they change through the pages, the API and the CLI, which all call the services
that keep the tree paths, the rules and the history. Users and their roles are
the administrators' own job and stay editable (``accounts/admin.py``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import AccessLog

admin.site.site_header = _("Quản trị Đảng vụ")
admin.site.site_title = _("Quản trị Đảng vụ")
admin.site.index_title = _("Dữ liệu hệ thống")


def _superuser_only(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.is_active and user.is_superuser)


# Office staff work in the pages, inside their scope; the admin sees everything.
admin.site.has_permission = _superuser_only  # type: ignore[method-assign]


class ReadOnlyAdminMixin:
    """View only: no add, change or delete from the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "user", "action", "member", "organization", "ip_address")
    list_filter = ("action",)
    list_select_related = ("user", "member", "organization")
    date_hierarchy = "at"
    search_fields = ("user__username", "member__full_name", "detail")
