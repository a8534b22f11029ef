"""Users and their roles, each scoped to one organisation of the tree."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.accounts.choices import Role
from dangvu.core.models import ScopedQuerySet


class User(AbstractUser):
    """A person who logs in. ``member`` links the account to its registry record.

    ``is_demo`` accounts come from the demo data and may log in only while demo
    mode is on (DANGVU_ENV=demo), so a demo password never opens a real system.
    """

    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_demo = models.BooleanField(_("tài khoản minh họa"), default=False)

    # Who turned an account on or off, made it a superuser or staff, linked it to
    # a member (issue 14, item 11). Never the password hash (a copy of it would
    # outlive a change of password) nor the time of the last login (every login
    # would write a row; logins are in the lockout records).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role held by a user at one organisation: it opens that organisation's subtree.

    A user may hold several; access is their union (``core/scope.py``).
    """

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="roles"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    org_path = models.CharField(
        _("đường dẫn tổ chức"), max_length=255, db_index=True, editable=False
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_at = models.DateTimeField(_("ngày cấp"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_roles: ClassVar[frozenset[str]] = frozenset({"staff", "leader"})

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"
