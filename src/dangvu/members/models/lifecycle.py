"""Dated decisions that change a member's standing in the Party."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.members.models.decision import DecisionFields


class MembershipEvent(DecisionFields):
    """One step of a member's life in the Party (Điều lệ Đảng; Quy định 24-QĐ/TW).

    The member's ``status`` is the result of these events, applied by the
    lifecycle services; the events are kept so that party age (which deducts the
    periods outside the Party) and reports for a past date can be computed.
    Nothing here is ever deleted: a mistaken event is cancelled (``cancelled``).
    """

    class Kind(models.TextChoices):
        ADMISSION = "admission", _("Kết nạp")
        RECOGNITION = "recognition", _("Công nhận đảng viên chính thức")
        NOT_RECOGNISED = "not_recognised", _("Không công nhận đảng viên chính thức")
        EXEMPTION = "exemption", _("Miễn công tác và sinh hoạt đảng")
        EXEMPTION_ENDED = "exemption_ended", _("Thôi miễn công tác và sinh hoạt đảng")
        REMOVAL = "removal", _("Xóa tên")
        EXPULSION = "expulsion", _("Khai trừ")
        LEAVING = "leaving", _("Ra khỏi Đảng")
        DEATH = "death", _("Từ trần")
        LOST_CONTACT = "lost_contact", _("Mất liên lạc, không sinh hoạt")
        CONTACT_RESTORED = "contact_restored", _("Sinh hoạt trở lại")
        READMISSION = "readmission", _("Kết nạp lại")
        TRANSFER_OUT = "transfer_out", _("Chuyển sinh hoạt đi")
        TRANSFER_IN = "transfer_in", _("Chuyển sinh hoạt đến")

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("đã hủy"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("quyết định về đảng viên")
        verbose_name_plural = _("quyết định về đảng viên")
        ordering = ["member", "effective_date", "id"]
        indexes = [
            models.Index(fields=["org_path", "kind", "effective_date"], name="event_scope"),
            models.Index(fields=["member", "effective_date"], name="event_member"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member} {self.effective_date:%d/%m/%Y}"
