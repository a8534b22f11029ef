"""Forms of the document registry pages: they parse what staff typed; ``services`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField
from dangvu.documents.choices import Confidentiality, DocumentKind
from dangvu.organizations.models import Organization

REQUIRED = {"required": _("Trường này là bắt buộc.")}
CHOICE = {**REQUIRED, "invalid_choice": _("Chọn một giá trị trong danh sách.")}
NUMBER = {
    "invalid": _("Số văn bản phải là số nguyên dương."),
    "min_value": _("Số văn bản phải là số nguyên dương."),
    "max_value": _("Số văn bản quá lớn."),
}


def _text(label: Any, max_length: int, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={**REQUIRED, "max_length": _("Không được dài quá %(limit_value)d ký tự.")},
        **kwargs,
    )


def _area(label: Any, rows: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class _DocumentForm(forms.Form):
    """What an outgoing and an incoming document share."""

    organization = forms.ModelChoiceField(
        label=_("Sổ văn bản của"), queryset=Organization.objects.none(), error_messages=CHOICE
    )
    kind = forms.ChoiceField(
        label=_("Loại văn bản"), choices=DocumentKind.choices, error_messages=CHOICE
    )
    issued_on = DateField(label=_("Ngày ban hành"), error_messages=REQUIRED)
    summary = _text(_("Trích yếu"), 500, required=True)
    body = _area(_("Nội dung"), 12)
    signer_name = _text(_("Người ký"), 120)
    signer_title = _text(_("Chức vụ người ký"), 120)
    confidentiality = forms.ChoiceField(
        label=_("Độ mật"),
        choices=Confidentiality.choices,
        initial=Confidentiality.NORMAL,
        error_messages=CHOICE,
        help_text=_("Văn bản mật chỉ cán bộ văn phòng và lãnh đạo của tổ chức xem được."),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class IssueForm(_DocumentForm):
    """An outgoing document: the registry gives the number unless a historical one is typed."""

    type_code = _text(
        _("Ký hiệu loại văn bản"), 10, help_text=_("Để trống: theo loại văn bản (NQ, KH, BC …).")
    )
    number = forms.IntegerField(
        label=_("Số (văn bản cũ)"),
        required=False,
        min_value=1,
        max_value=99_999,
        error_messages=NUMBER,
        help_text=_("Chỉ khi nhập văn bản đã ban hành; để trống để lấy số tiếp theo."),
    )
    recipients = _area(_("Nơi nhận"), 4, help_text=_("Mỗi dòng một nơi."))
    field_order = [
        "organization",
        "kind",
        "type_code",
        "issued_on",
        "number",
        "summary",
        "body",
        "signer_title",
        "signer_name",
        "recipients",
        "confidentiality",
    ]


class IncomingForm(_DocumentForm):
    """A document received from above or outside, with the number its issuer gave."""

    type_code = _text(_("Ký hiệu loại văn bản"), 10, required=True)
    number = forms.IntegerField(
        label=_("Số"), required=False, min_value=1, max_value=99_999, error_messages=NUMBER
    )
    issuer_code = _text(_("Ký hiệu cơ quan ban hành"), 20, help_text=_("Ví dụ HU, TU, TW."))
    issuer_name = _text(_("Cơ quan ban hành"), 255, required=True)
    received_on = DateField(label=_("Ngày đến"), error_messages=REQUIRED)
    field_order = [
        "organization",
        "kind",
        "type_code",
        "number",
        "issuer_code",
        "issuer_name",
        "issued_on",
        "received_on",
        "summary",
        "body",
        "signer_title",
        "signer_name",
        "confidentiality",
    ]


class FileForm(forms.Form):
    title = _text(_("Tên tệp đính kèm"), 255, help_text=_("Để trống: tên tệp."))
    upload = forms.FileField(
        label=_("Tệp"),
        error_messages={
            **REQUIRED,
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp đã gửi."),
            "missing": _("Chưa chọn tệp."),
        },
    )


class TemplateForm(forms.Form):
    signature_prefix = _text(
        _("Dòng thẩm quyền ký"), 120, required=True, help_text=_("Ví dụ “T/M BAN CHẤP HÀNH”.")
    )
    signer_title = _text(_("Chức vụ người ký"), 120)
    recipients = _area(_("Nơi nhận"), 4, help_text=_("Mỗi dòng một nơi."))
    body = _area(_("Khung nội dung"), 10)
