"""Party badges (Huy hiệu Đảng) awarded for long membership."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangvu.core.models import ScopedQuerySet
from dangvu.members.models.decision import DecisionFields


class BadgeAward(DecisionFields):
    """A badge awarded to a member for ``milestone`` years of party age.

    Milestones and award dates come from ``members/badge_rules.py``; a member
    holds each milestone once, so one already awarded is never listed as due.
    """

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="badges",
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255, db_index=True)
    milestone = models.PositiveSmallIntegerField(_("huy hiệu (năm tuổi Đảng)"))
    award_date = models.DateField(_("ngày trao"))
    badge_number = models.CharField(_("số huy hiệu"), max_length=40, blank=True)
    early = models.BooleanField(_("trao sớm"), default=False)
    early_reason = models.CharField(_("lý do trao sớm"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_path_field: ClassVar[str] = "org_path"
    scope_member_field: ClassVar[str] = "member_id"

    class Meta:
        verbose_name = _("huy hiệu Đảng")
        verbose_name_plural = _("huy hiệu Đảng")
        ordering = ["member", "milestone"]
        constraints = [
            models.UniqueConstraint(fields=["member", "milestone"], name="badge_once_per_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.milestone}"
