"""Shared model pieces: the scoped queryset and the access log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core import scope

if TYPE_CHECKING:
    from dangvu.accounts.models import User


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which column holds a row's organisation path.

    Every read of user data starts from ``visible_to(user)`` (ARCHITECTURE.md,
    rule 2); the model declares ``scope_path_field`` and, when a plain member
    may see only their own rows, ``scope_member_field``.
    """

    def visible_to(self, user: Any) -> ScopedQuerySet:
        return self.filter(scope.visibility_q(user, self.model))

    def editable_by(self, user: Any) -> ScopedQuerySet:
        return self.filter(scope.visibility_q(user, self.model, action=scope.EDIT))


class AccessLog(models.Model):
    """A read of a full member profile, an export or download of personal data.

    Kept for the office (Luật Bảo vệ dữ liệu cá nhân; Nghị định 13/2023/NĐ-CP):
    staff of the subtree can read who looked at what, and when.
    """

    class Action(models.TextChoices):
        VIEW_PROFILE = "view_profile", _("Xem hồ sơ")
        EXPORT = "export", _("Xuất dữ liệu")
        API_PROFILE = "api_profile", _("Xem hồ sơ qua API")
        # A Word/PDF file with personal data (minutes, counting minutes, decisions).
        DOWNLOAD = "download", _("Tải văn bản có thông tin cá nhân")
        # A national ID or card number refused because it exists outside the
        # user's scope: probing is seen by the superior level (issue 14, item 12).
        DUPLICATE_REFUSED = "duplicate_refused", _("Từ chối số trùng ngoài phạm vi")

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.PROTECT,
        related_name="access_logs",
    )
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_logs",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    detail = models.CharField(_("chi tiết"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_roles: ClassVar[frozenset[str]] = frozenset({"staff", "leader"})

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user} {self.action}"


def log_access(
    user: User,
    action: str,
    *,
    org_path: str,
    member: Any = None,
    organization: Any = None,
    detail: str = "",
    ip_address: str | None = None,
) -> AccessLog:
    return AccessLog.objects.create(
        user=user,
        action=action,
        member=member,
        organization=organization,
        org_path=org_path,
        detail=detail[:500],
        ip_address=ip_address,
    )


from dangvu.core.models_workdays import WorkdayException  # noqa: E402, F401
