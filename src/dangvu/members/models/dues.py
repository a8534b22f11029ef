"""Party dues (đảng phí): what a member owes each month and what they paid."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.members.models.decision import DecisionFields


class DuesCategory(models.TextChoices):
    INSURED_SALARY = "insured_salary", _("Hưởng lương, đóng bảo hiểm xã hội bắt buộc")
    PENSION = "pension", _("Hưởng lương hưu, trợ cấp")
    STUDENT = "student", _("Học sinh, sinh viên")
    OTHER = "other", _("Đối tượng khác")


class DuesProfile(models.Model):
    """From ``valid_from``, the member pays dues in ``category`` on ``base_amount`` (VND).

    The monthly amount is computed by the rule in force for that month
    (``members/dues_rules.py``: Quy định 01-QĐ/TW from 02/2026, 342-QĐ/TW before).
    """

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="dues_profiles",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    category = models.CharField(_("đối tượng"), max_length=20, choices=DuesCategory.choices)
    base_amount = models.PositiveBigIntegerField(
        _("mức lương, lương hưu làm căn cứ (đồng)"), default=0
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("căn cứ đóng đảng phí")
        verbose_name_plural = _("căn cứ đóng đảng phí")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="dues_profile_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_category_display()}"


class DuesReduction(DecisionFields):
    """A reduction (30/50/70%) or an exemption of dues for a period of months."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="dues_reductions",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    percent = models.PositiveSmallIntegerField(_("mức giảm (%)"))
    start_month = models.DateField(_("từ tháng"))
    end_month = models.DateField(_("đến tháng"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("giảm, miễn đảng phí")
        verbose_name_plural = _("giảm, miễn đảng phí")
        ordering = ["member", "start_month"]

    def __str__(self) -> str:
        return f"{self.member} -{self.percent}%"


class DuesPayment(models.Model):
    """Dues of one month paid by a member, and who collected them."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="dues_payments",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày nộp"))
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("nộp đảng phí")
        verbose_name_plural = _("nộp đảng phí")
        ordering = ["member", "month"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="dues_paid_once_a_month")
        ]
        indexes = [models.Index(fields=["org_path", "month"], name="dues_scope_month")]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%m/%Y}"
