"""Form pieces shared by the pages: dates typed dd/mm/yyyy, the access-log filter, versions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from http import HTTPStatus
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from dangvu.core import versioning
from dangvu.core.models import AccessLog

FormT = TypeVar("FormT", bound=forms.BaseForm)
T = TypeVar("T")

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


# ---------------------------------------------------------------------------
# Versions: a form saved from a stale page is refused (issue 14, item 4)

VERSION_FIELD = "version"


class VersionedFormMixin(forms.BaseForm):
    """A hidden ``version``: the version of the record when the page was opened.

    Any edit form takes it with ``carry_version(form, record)`` (the forms of
    every app are built differently, so the field is added to the built form
    rather than declared in each); a form class may also inherit this mixin and
    call ``self.carry_version(record)``.
    """

    def carry_version(self, instance: Model) -> None:
        carry_version(self, instance)


class VersionField(forms.CharField):
    """The hidden version: never one of the form's changes, never required."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, max_length=64, **kwargs)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


def carry_version(form: FormT, instance: Model | None) -> FormT:
    """Add the hidden version to ``form``: the record's version on a page just opened.

    On a posted form the version is the one the page was opened at, posted back.
    ``None``: the record is not stored yet (a default about to be saved), no version.
    """
    form.fields[VERSION_FIELD] = VersionField()
    if not form.is_bound and instance is not None:
        form.initial[VERSION_FIELD] = versioning.row_version(instance)
    return form


@contextmanager
def unchanged_since_opened(form: forms.BaseForm, instance: Model | None) -> Iterator[None]:
    """Write inside this block only if ``instance`` is as it was when the page was opened.

    The row is locked for the whole block (one transaction). A stale page raises
    ``versioning.StaleVersion`` (a ValidationError: the page's usual
    ``except ValidationError`` shows the message and the changes above the form)
    and nothing is written; the form's version moves to the current one, so the
    person can look at the changes and save again on purpose.
    """
    # Taken out of the cleaned data: the services are given the record's fields only.
    cleaned = getattr(form, "cleaned_data", {})
    posted = cleaned.pop(VERSION_FIELD, None)
    with transaction.atomic():
        try:
            if instance is not None:
                versioning.require_version(instance, posted)
        except versioning.StaleVersion as stale:
            form.data = _merged(form, stale)
            form.stale = True  # type: ignore[attr-defined]
            raise
        yield


def _merged(form: forms.BaseForm, stale: versioning.StaleVersion) -> Any:
    """The posted data with the current version, and the other person's values in
    the fields this person left as they were: saving again keeps both changes.

    A field both changed keeps this person's value; the message lists it.
    """
    posted: Any = form.data  # a QueryDict on a page
    data = posted.copy()
    data[form.add_prefix(VERSION_FIELD)] = stale.current
    for change in stale.changes:
        field = form.fields.get(change.field)
        name = form.add_prefix(change.field)
        if field is None or field.disabled or field.widget.is_hidden:
            continue
        posted = field.widget.value_from_datadict(form.data, form.files, name)
        if field.has_changed(change.old_value, posted):
            continue
        value = change.new_value
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
            else:
                data.pop(name, None)
        elif value is None:
            data[name] = ""
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def form_status(form: forms.BaseForm | None) -> int:
    """409 for a form refused as stale (the page shown again), else 200."""
    return HTTPStatus.CONFLICT if getattr(form, "stale", False) else HTTPStatus.OK


def save_unless_stale(form: forms.BaseForm, instance: Model | None, write: Callable[[], T]) -> T:
    """``write()`` inside ``unchanged_since_opened``: for pages that pass actions as lambdas."""
    with unchanged_since_opened(form, instance):
        return write()
