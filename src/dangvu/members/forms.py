"""The member profile form: parses what a person typed; the rules live in the services.

``MemberForm`` only turns text into values (dates written dd/mm/yyyy, choices);
``members.services.validate_member`` decides what is acceptable, so the page,
the API and the import refuse the same things with the same Vietnamese words.
The service's errors are put back on the form's fields by ``add_service_errors``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dangvu.members.choices import Gender, PoliticalTheory, Qualification
from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.members.services import DATE_FIELDS, PROFILE_FIELDS
from dangvu.organizations.models import Organization

# Dates as an office writes them; ISO too, for pasted values and browsers' date pickers.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]

# No date in a living member's file is older than this; earlier ones are typing slips.
EARLIEST_DATE = date(1900, 1, 1)

# The profile grouped as the party's personal record (lý lịch) is: (legend, fields).
FIELDSETS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        _("Thông tin cá nhân"),
        ("full_name", "gender", "birth_date", "birth_place", "home_town", "ethnicity"),
    ),
    (_("Thông tin riêng tư"), ("national_id", "phone", "address", "religion", "health_note")),
    (
        _("Trình độ và nghề nghiệp"),
        ("education_level", "qualification", "political_theory", "occupation"),
    ),
    (
        _("Thông tin đảng"),
        (
            "card_number",
            "profile_number",
            "admission_decision_date",
            "admission_decision_number",
            "ceremony_date",
            "official_date",
        ),
    ),
)

# Required fields, with the words the service uses when they are missing.
REQUIRED: dict[str, Any] = {
    "full_name": _("Thiếu họ và tên."),
    "gender": _("Thiếu giới tính."),
    "birth_date": _("Thiếu ngày sinh."),
}

INVALID_CHOICE: dict[str, Any] = {
    "gender": _("Giới tính phải là Nam hoặc Nữ."),
    "": _("Giá trị không hợp lệ; hãy chọn trong danh sách."),
}

PLACEHOLDERS: dict[str, Any] = {
    "national_id": _("12 chữ số"),
    "card_number": _("8 chữ số"),
    "phone": _("ví dụ 0912345678"),
    "education_level": _("ví dụ 12/12"),
}


def _model_field(name: str) -> models.Field[Any, Any]:
    return cast("models.Field[Any, Any]", Member._meta.get_field(name))


def _label(name: str) -> str:
    return str(capfirst(_model_field(name).verbose_name))


def _date_field(name: str) -> forms.DateField:
    return forms.DateField(
        label=_label(name),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
        ),
        error_messages={"invalid": _("Ngày không hợp lệ (dạng dd/mm/yyyy).")},
        validators=[
            MinValueValidator(EARLIEST_DATE, message=_("Ngày phải từ năm 1900 trở về sau."))
        ],
    )


def _choice_field(name: str, choices: list[tuple[str, Any]], *, blank: bool) -> forms.ChoiceField:
    options = [("", "—"), *choices] if blank else choices
    return forms.ChoiceField(
        label=_label(name),
        required=False,
        choices=options,
        error_messages={"invalid_choice": INVALID_CHOICE.get(name, INVALID_CHOICE[""])},
    )


def _text_field(name: str) -> forms.CharField:
    model_field = _model_field(name)
    attrs = {"placeholder": PLACEHOLDERS[name]} if name in PLACEHOLDERS else {}
    return forms.CharField(
        label=_label(name),
        required=False,
        max_length=model_field.max_length,
        widget=forms.TextInput(attrs=attrs),
    )


def _profile_field(name: str) -> forms.Field:
    if name in DATE_FIELDS:
        return _date_field(name)
    if name == "gender":
        return _choice_field(name, list(Gender.choices), blank=True)
    if name == "qualification":
        return _choice_field(name, list(Qualification.choices), blank=False)
    if name == "political_theory":
        return _choice_field(name, list(PoliticalTheory.choices), blank=False)
    return _text_field(name)


class CellChoiceField(forms.ModelChoiceField):
    """A cell, chosen by its code, shown with the organisation it belongs to."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        parent = obj.parent
        return f"{obj.name} — {parent.name}" if parent else obj.name


class MemberForm(forms.Form):
    """The profile fields of ``PROFILE_FIELDS``, grouped into ``FIELDSETS``.

    ``with_sensitive=False`` leaves the sensitive fields out entirely (they are
    neither shown nor changed); ``cells`` adds the cell to place a new member in.
    """

    def __init__(
        self,
        *args: Any,
        cells: QuerySet[Organization] | None = None,
        with_sensitive: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if cells is not None:
            self.fields["cell"] = CellChoiceField(
                label=_label("cell"),
                queryset=cells,
                to_field_name="code",
                empty_label="—",
                error_messages={
                    "required": _("Chọn chi bộ sinh hoạt."),
                    "invalid_choice": _("Bạn không được thêm đảng viên vào chi bộ này."),
                },
            )
        for name in PROFILE_FIELDS:
            if with_sensitive or name not in SENSITIVE_FIELDS:
                self.fields[name] = _profile_field(name)
        for name, message in REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """(legend, bound fields) for each group that has a field on this form."""
        groups: list[tuple[Any, list[forms.BoundField]]] = []
        for legend, names in FIELDSETS:
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                groups.append((legend, bound))
        return groups

    def profile_data(self) -> dict[str, Any]:
        """The cleaned profile fields, as ``create_member``/``update_member`` take them."""
        return {name: self.cleaned_data.get(name) for name in PROFILE_FIELDS if name in self.fields}

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the fields it names (others on the form)."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for field, messages in error.message_dict.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


def initial_from(member: Member) -> dict[str, Any]:
    return {name: getattr(member, name) for name in PROFILE_FIELDS}
