"""Forms of the dues pages: the profile, a reduction, and a cell's monthly sheet."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField, add_service_errors
from dangvu.members.dues import MAX_AMOUNT, SheetRow
from dangvu.members.models.dues import DuesCategory

MONTH_INPUT_FORMATS = ("%m/%Y", "%Y-%m", "%m-%Y", "%m.%Y")


class MonthField(forms.Field):
    """A month typed mm/yyyy (or yyyy-mm from a browser's month picker): its first day."""

    default_error_messages = {"invalid": _("Tháng không hợp lệ (nhập theo dạng mm/yyyy).")}

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": "mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%m/%Y") if isinstance(value, date) else value

    def to_python(self, value: Any) -> date | None:
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        for pattern in MONTH_INPUT_FORMATS:
            try:
                parsed = datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
            if parsed.year >= 1900:
                return parsed
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class AmountField(forms.IntegerField):
    """An amount in đồng, typed with or without thousands separators."""

    default_error_messages = {"invalid": _("Số tiền phải là số nguyên (đồng).")}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.replace(".", "").replace(",", "").replace(" ", "")
        result: int | None = super().to_python(value)
        return result


class DuesProfileForm(forms.Form):
    """The member's dues category and base (căn cứ đóng đảng phí) from a date."""

    category = forms.ChoiceField(label=_("Đối tượng"), choices=DuesCategory.choices)
    base_amount = AmountField(
        label=_("Tiền lương đóng BHXH tháng trước / lương hưu (đồng)"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT * 100,
        help_text=_("Bỏ trống với học sinh, sinh viên và đối tượng khác."),
    )
    valid_from = DateField(label=_("Áp dụng từ ngày"))

    add_service_errors = add_service_errors


class DuesReductionForm(forms.Form):
    """A reduction (30/50/70%) or an exemption of dues for up to 12 months."""

    percent = forms.TypedChoiceField(
        label=_("Mức giảm"),
        coerce=int,
        choices=[(30, "30%"), (50, "50%"), (70, "70%"), (100, _("Miễn (100%)"))],
    )
    start_month = MonthField(label=_("Từ tháng"))
    end_month = MonthField(label=_("Đến tháng"), help_text=_("Không quá 12 tháng mỗi lần."))
    reason = forms.CharField(label=_("Lý do"), max_length=255)
    decided_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)

    add_service_errors = add_service_errors


class DuesSheetForm(forms.Form):
    """A cell's sheet for a month: one checkbox and one amount per member, one date."""

    paid_on = DateField(label=_("Ngày nộp"))

    def __init__(self, *args: Any, rows: list[SheetRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if row.paid or row.exempt:
                continue
            self.fields[f"paid_{row.member.pk}"] = forms.BooleanField(
                label=row.member.full_name, required=False
            )
            self.fields[f"amount_{row.member.pk}"] = AmountField(
                label=_("Số tiền"),
                required=False,
                initial=row.due,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
            )

    def payments(self) -> list[tuple[Any, int | None]]:
        """The members ticked, with the amount typed (None: what is due)."""
        chosen = []
        for row in self.rows:
            if self.cleaned_data.get(f"paid_{row.member.pk}"):
                chosen.append((row.member, self.cleaned_data.get(f"amount_{row.member.pk}")))
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"paid_{row.member.pk}") for row in self.rows):
            raise ValidationError(_("Chưa chọn đảng viên nào đã nộp."))
        return data

    add_service_errors = add_service_errors
