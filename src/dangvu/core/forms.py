"""Form pieces shared by the pages: dates typed dd/mm/yyyy, the access-log filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import AccessLog

# Offices type dates dd/mm/yyyy; a browser date picker sends yyyy-mm-dd.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A text field showing dd/mm/yyyy, with a numeric keyboard on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    """A date typed dd/mm/yyyy (or yyyy-mm-dd), with a Vietnamese error."""

    widget = DateInput
    default_error_messages = {"invalid": _("Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy).")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class AccessLogFilterForm(forms.Form):
    """The filter bar of the access-log page: a date range and an action."""

    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)
    action = forms.ChoiceField(
        label=_("Hành động"),
        required=False,
        choices=[("", _("Tất cả")), *AccessLog.Action.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field, or above the form.

    An error on a hidden field (the group or step a button carries) goes above
    the form too: kept on the field, nobody would see it.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        field = form.fields.get(name)
        target = name if field is not None and not field.widget.is_hidden else None
        for message in errors:
            form.add_error(target, message)
