"""Transfers of party activity between cells (chuyển sinh hoạt đảng)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.members.choices import PlacementKind
from dangvu.members.models.decision import DecisionFields


class Transfer(DecisionFields):
    """A member moving their party activity, permanently or for a while.

    Either end may be outside this database (``from_external`` / ``to_external``
    name the other party organisation, and the letter is recorded). Both ends see
    the transfer: ``from_path`` and ``to_path`` are scoped alike. Deadlines
    (Quy định 24-QĐ/TW, 9.2): the letter is presented within 30 working days of
    its date, and activity starts within 60 working days of the move.
    """

    class State(models.TextChoices):
        ISSUED = "issued", _("Đã cấp giấy giới thiệu")
        PRESENTED = "presented", _("Đã nộp giấy giới thiệu")
        COMPLETED = "completed", _("Đã sinh hoạt tại nơi mới")
        RETURNED = "returned", _("Đã trở về (chuyển tạm thời)")
        CANCELLED = "cancelled", _("Đã hủy")

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    kind = models.CharField(
        _("hình thức"),
        max_length=20,
        choices=PlacementKind.choices,
        default=PlacementKind.PERMANENT,
    )
    from_cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ chuyển đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    from_external = models.CharField(
        _("tổ chức đảng chuyển đi (ngoài hệ thống)"), max_length=255, blank=True
    )
    from_path = models.CharField(_("đường dẫn nơi đi"), max_length=255, blank=True, db_index=True)
    to_cell = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ chuyển đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    to_external = models.CharField(
        _("tổ chức đảng chuyển đến (ngoài hệ thống)"), max_length=255, blank=True
    )
    to_path = models.CharField(_("đường dẫn nơi đến"), max_length=255, blank=True, db_index=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày giấy giới thiệu"), null=True, blank=True)
    moved_on = models.DateField(_("ngày chuyển đi"))
    presented_on = models.DateField(_("ngày nộp giấy giới thiệu"), null=True, blank=True)
    started_on = models.DateField(_("ngày bắt đầu sinh hoạt ở nơi mới"), null=True, blank=True)
    until = models.DateField(_("sinh hoạt tạm thời đến ngày"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=State.choices, default=State.ISSUED
    )
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_fields: ClassVar[tuple[str, ...]] = ("from_path", "to_path")
    scope_path_field: ClassVar[str] = "from_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("chuyển sinh hoạt đảng")
        verbose_name_plural = _("chuyển sinh hoạt đảng")
        ordering = ["-moved_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_cell__isnull=False) | ~Q(from_external=""),
                name="transfer_has_origin",
            ),
            models.CheckConstraint(
                condition=Q(to_cell__isnull=False) | ~Q(to_external=""),
                name="transfer_has_destination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.moved_on:%d/%m/%Y}"
