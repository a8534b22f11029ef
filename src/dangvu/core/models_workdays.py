"""Official working-day swaps the government announces by notice, recorded as data.

The maintained ``holidays`` package knows the fixed public holidays and some of
the moved days, but not every swap: for New Year 2026 the government made Friday
02/01/2026 a day off and Saturday 10/01/2026 a working day (Văn phòng Chính phủ,
công văn 12729/VPCP-KGVX ngày 25/12/2025), which the package does not carry.
Each such day is one row here, with the notice it comes from; ``core.workdays``
reads them in every working-day computation (decision 0012).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorkdayException(models.Model):
    """One day whose status the government changed by notice (a swap or an extra day off)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc")

    # One active row per day; a withdrawn row stays (nothing is deleted) and a
    # corrected row for the same day may then be recorded (decision 0012).
    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nội dung"), max_length=200)
    source_number = models.CharField(_("số văn bản"), max_length=60)
    source_date = models.DateField(_("ngày văn bản"))
    source_issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("lý do thu hồi"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày hoán đổi")
        verbose_name_plural = _("ngày hoán đổi")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="core_workday_exception_one_active_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()} ({self.source_number})"

    @property
    def is_active(self) -> bool:
        """False once withdrawn: the row no longer counts in the calendar."""
        return self.withdrawn_at is None

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.WORKING_DAY


@receiver(post_save, sender=WorkdayException)
@receiver(post_delete, sender=WorkdayException)
def _forget_exceptions(**kwargs: Any) -> None:
    # Any write (service, admin, shell) empties this process's cached set.
    from dangvu.core import workdays

    workdays.forget_exceptions()
