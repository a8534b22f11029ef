"""Meeting forms: they parse what a person typed; the rules live in ``services.py``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField
from dangvu.meetings.attendance import RosterRow
from dangvu.meetings.choices import AttendanceState, GuestKind, Kind, ReviewPeriod, Status, Topic
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

REQUIRED = {"required": _("Trường này là bắt buộc.")}
MEMBER_CHOICE = {"invalid_choice": _("Chọn một đảng viên trong danh sách.")}
# "19:30", "19.30", "19h30", "19h" — how people write a time in Việt Nam.
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%Hh", "%H giờ %M", "%H giờ"]


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class TimeField(forms.TimeField):
    default_error_messages = {"invalid": _("Giờ không hợp lệ (nhập theo dạng 19:30).")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", TIME_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.TimeInput(format="%H:%M", attrs={"placeholder": "19:30"}))
        super().__init__(**kwargs)


class MonthField(forms.CharField):
    """A month typed "2024-03" (a month picker) or "03/2024"; cleaned to its first day."""

    default_error_messages = {"invalid": _("Tháng không hợp lệ (nhập theo dạng mm/yyyy).")}

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        for pattern in ("%Y-%m", "%m/%Y"):
            try:
                return datetime.strptime(text, pattern).date().replace(day=1)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class MeetingFilterForm(forms.Form):
    """The filter bar of the meeting list."""

    kind = forms.ChoiceField(
        label=_("Loại"), choices=_blank(_("Tất cả")) + list(Kind.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=_blank(_("Tất cả")) + list(Status.choices), required=False
    )
    month = MonthField(label=_("Tháng"), required=False)


class MeetingForm(forms.Form):
    """A meeting's plan and minutes; the organisation is chosen only when it is created."""

    organization = forms.ModelChoiceField(
        label=_("Tổ chức họp"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một tổ chức trong danh sách.")},
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.REGULAR)
    topic = forms.ChoiceField(
        label=_("Chủ đề (sinh hoạt chuyên đề)"),
        choices=_blank(_("— Chọn chủ đề —")) + list(Topic.choices),
        required=False,
    )
    topic_text = forms.CharField(label=_("Chủ đề khác / ghi rõ"), max_length=255, required=False)
    review_period = forms.ChoiceField(
        label=_("Kỳ sơ kết, tổng kết"),
        choices=_blank(_("— Chọn kỳ —")) + list(ReviewPeriod.choices),
        required=False,
    )
    review_number = forms.IntegerField(
        label=_("Quý / nửa năm"),
        required=False,
        min_value=1,
        max_value=4,
        error_messages={
            "invalid": _("Ghi một số từ 1 đến 4."),
            "min_value": _("Ghi một số từ 1 đến 4."),
            "max_value": _("Ghi một số từ 1 đến 4."),
        },
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=255,
        required=False,
        help_text=_("Để trống: đặt theo loại và ngày họp."),
    )
    date = DateField(label=_("Ngày họp"), error_messages=REQUIRED)
    start_time = TimeField(label=_("Giờ bắt đầu"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = forms.ModelChoiceField(
        label=_("Chủ trì"),
        queryset=Member.objects.none(),
        required=False,
        error_messages=MEMBER_CHOICE,
    )
    secretary = forms.ModelChoiceField(
        label=_("Thư ký"),
        queryset=Member.objects.none(),
        required=False,
        error_messages=MEMBER_CHOICE,
    )
    agenda = forms.CharField(
        label=_("Chương trình (mỗi dòng một nội dung)"), widget=forms.Textarea, required=False
    )
    documents_studied = forms.CharField(
        label=_("Văn bản quán triệt (mỗi dòng một văn bản)"),
        widget=forms.Textarea,
        required=False,
    )
    opening = forms.CharField(label=_("Khai mạc"), widget=forms.Textarea, required=False)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    conclusion = forms.CharField(
        label=_("Kết luận của chủ trì"), widget=forms.Textarea, required=False
    )

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization] | None,
        members: QuerySet[Member],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        for name in ("chair", "secretary"):
            self.fields[name].queryset = members  # type: ignore[attr-defined]

    def meeting_fields(self) -> dict[str, Any]:
        """What ``services.create_meeting`` / ``update_meeting`` take besides the organisation."""
        data = dict(self.cleaned_data)
        data.pop("organization", None)
        return data


class AttendanceForm(forms.Form):
    """One radio group (and a reason) per member of the roster; works without JavaScript.

    ``key`` is the submission's idempotency key: the page's script keeps it with
    the unsent marks and sends the same key again when it retries, so the
    answer tells which submission it acknowledges.
    """

    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, rows: Iterable[RosterRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        if not self.is_bound:
            self.fields["key"].initial = uuid.uuid4()
        for row in self.rows:
            pk = row.member.pk
            self.fields[f"state_{pk}"] = forms.ChoiceField(
                label=row.member.full_name,
                choices=AttendanceState.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": _("Tình trạng không hợp lệ.")},
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Lý do vắng"), max_length=255, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            pk = row.member.pk
            if data.get(f"state_{pk}") == AttendanceState.EXCUSED and not data.get(f"reason_{pk}"):
                self.add_error(
                    f"reason_{pk}",
                    _("%(name)s vắng có lý do: ghi lý do.") % {"name": row.member.full_name},
                )
        return data

    def entries(self) -> list[dict[str, Any]]:
        """The marked members, as ``record_attendance`` takes them; unmarked ones keep theirs."""
        result = []
        for row in self.rows:
            pk = row.member.pk
            state = self.cleaned_data.get(f"state_{pk}")
            if state:
                reason = self.cleaned_data.get(f"reason_{pk}", "")
                excused = state == AttendanceState.EXCUSED
                result.append({"member": pk, "state": state, "reason": reason if excused else ""})
        return result


def initial_marks(rows: Iterable[Any]) -> dict[str, str]:
    """The form's initial values from the attendance rows already recorded."""
    initial: dict[str, str] = {}
    for row in rows:
        initial[f"state_{row.member_id}"] = row.state
        initial[f"reason_{row.member_id}"] = row.reason
    return initial


class ApproveForm(forms.Form):
    approved_on = DateField(label=_("Ngày duyệt biên bản"), error_messages=REQUIRED)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=100, error_messages=REQUIRED)


class GuestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại khách"), choices=GuestKind.choices)
    name = forms.CharField(label=_("Họ và tên"), max_length=120, error_messages=REQUIRED)
    role = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)


class OpinionForm(forms.Form):
    speaker_name = forms.CharField(
        label=_("Người phát biểu"), max_length=255, error_messages=REQUIRED
    )
    text = forms.CharField(
        label=_("Nội dung ý kiến"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REQUIRED,
    )


class ResolutionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung nghị quyết, kết luận giao việc"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REQUIRED,
    )
    owner_name = forms.CharField(
        label=_("Người / bộ phận thực hiện"), max_length=255, required=False
    )
    due_on = DateField(label=_("Thời hạn"), required=False)


class FileForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    file = forms.FileField(
        label=_("Tệp"),
        error_messages={
            **REQUIRED,
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp đã gửi."),
            "missing": _("Chưa chọn tệp."),
        },
    )


class OversightForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Cấp ủy viên"),
        queryset=Member.objects.none(),
        error_messages={**REQUIRED, **MEMBER_CHOICE},
    )
    cell = forms.ModelChoiceField(
        label=_("Chi bộ phụ trách"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một chi bộ trong danh sách.")},
    )
    start_date = DateField(label=_("Từ ngày"), error_messages=REQUIRED)
    end_date = DateField(label=_("Đến ngày"), required=False)

    def __init__(
        self,
        *args: Any,
        members: QuerySet[Member],
        cells: QuerySet[Organization],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["cell"].queryset = cells  # type: ignore[attr-defined]


class EndOversightForm(forms.Form):
    end_date = DateField(label=_("Kết thúc ngày"), error_messages=REQUIRED)


def first_errors(forms_: Mapping[str, Any]) -> list[str]:
    """Every error of a form as one line each, for a message after a redirect."""
    return [str(e) for errors in forms_.values() for e in errors]
