"""Forms of the badge pages: the award date filter and the award record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField, add_service_errors
from dangvu.members.badge_rules import MILESTONES


class BadgeAwardForm(forms.Form):
    """A badge awarded: the milestone, the award date, the decision and the badge number."""

    milestone = forms.TypedChoiceField(
        label=_("Huy hiệu"),
        coerce=int,
        choices=[(m, _("Huy hiệu %(years)s năm tuổi Đảng") % {"years": m}) for m in MILESTONES],
    )
    award_date = DateField(label=_("Ngày trao"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)
    badge_number = forms.CharField(label=_("Số huy hiệu"), max_length=40, required=False)
    early = forms.BooleanField(
        label=_("Trao sớm (ốm đau hiểm nghèo)"),
        required=False,
        help_text=_("Sớm tối đa 12 tháng (huy hiệu 30–65 năm) hoặc 24 tháng (70–90 năm)."),
    )
    early_reason = forms.CharField(label=_("Lý do trao sớm"), max_length=255, required=False)

    add_service_errors = add_service_errors

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
