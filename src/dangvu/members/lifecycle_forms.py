"""Forms of the member lifecycle pages: a decision, a transfer and its steps, a reception."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField
from dangvu.members.choices import PlacementKind
from dangvu.members.forms import MemberForm
from dangvu.organizations.models import Organization


class DecisionForm(forms.Form):
    """A dated decision: when it takes effect, the deciding body, its number and date."""

    effective_date = DateField(label=_("Ngày hiệu lực"))
    decided_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferForm(forms.Form):
    """The introduction letter: where to, permanent or temporary, the dates."""

    kind = forms.ChoiceField(label=_("Hình thức"), choices=PlacementKind.choices)
    to_cell_code = forms.CharField(
        label=_("Mã chi bộ chuyển đến (trong hệ thống)"), max_length=40, required=False
    )
    to_external = forms.CharField(
        label=_("Hoặc tên tổ chức đảng chuyển đến (ngoài hệ thống)"),
        max_length=255,
        required=False,
    )
    moved_on = DateField(label=_("Ngày chuyển đi"))
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=60, required=False)
    letter_date = DateField(label=_("Ngày giấy giới thiệu"), required=False)
    until = DateField(label=_("Sinh hoạt tạm thời đến ngày"), required=False)
    for_study = forms.BooleanField(label=_("Chuyển tạm thời để đi học"), required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)

    def clean_to_cell_code(self) -> Organization | None:
        code = self.cleaned_data.get("to_cell_code", "").strip()
        if not code:
            return None
        cell = Organization.objects.filter(code=code).first()
        if cell is None:
            raise forms.ValidationError(
                _("Không có tổ chức nào mang mã %(code)s.") % {"code": code}
            )
        return cell

    def service_args(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["to_cell"] = data.pop("to_cell_code")
        return data


class StepForm(forms.Form):
    """One step of a transfer: the day it happened."""

    day = DateField(label=_("Ngày"))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=200, required=False)


TRANSFER_FIELDS = (
    "from_external",
    "letter_number",
    "letter_date",
    "moved_on",
    "presented_on",
    "started_on",
)


class ReceiveForm(MemberForm):
    """A member arriving from outside: their profile (with its history) and the letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_external"] = forms.CharField(
            label=_("Tổ chức đảng chuyển đi (ngoài hệ thống)"), max_length=255
        )
        self.fields["letter_number"] = forms.CharField(
            label=_("Số giấy giới thiệu"), max_length=60, required=False
        )
        self.fields["letter_date"] = DateField(label=_("Ngày giấy giới thiệu"), required=False)
        self.fields["moved_on"] = DateField(label=_("Ngày chuyển đi"))
        self.fields["presented_on"] = DateField(label=_("Ngày nộp giấy giới thiệu"), required=False)
        self.fields["started_on"] = DateField(label=_("Ngày bắt đầu sinh hoạt tại chi bộ"))

    def transfer_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in TRANSFER_FIELDS]

    def transfer_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in TRANSFER_FIELDS}
