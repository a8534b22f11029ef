"""Congress forms: they parse what a person typed; the rules live in ``services.py``.

The campaign, the congress steps, the convened list, the documents, the
elections, the ballots and the tally sheet. Forms whose choices depend on the
congress (the candidates of an election, the convened members) receive them
in their constructor; nothing here reads the database by itself.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.congresses.choices import (
    STEP_ORDER,
    CongressKind,
    DocumentKind,
    ElectionKind,
    Exclusion,
)
from dangvu.congresses.counting import INVALID_REASON_LABELS, MAX_NUMBER
from dangvu.congresses.models import Campaign
from dangvu.core.forms import DateField
from dangvu.core.text import normalize_name
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

REQUIRED = {"required": _("Trường này là bắt buộc.")}
# The steps recorded with ``record_step``; holding and approval have their own forms.
RECORDED_STEPS = [step for step in STEP_ORDER[:4]]
TARGET_LEVELS = [("cell", _("Đại hội các chi bộ")), ("grassroots", _("Đại hội các đảng bộ cơ sở"))]
MAX_SEATS = 200
MAX_OUTSIDERS = 50
NAME_LENGTH = 120


def _count_field(label: Any, *, required: bool = True, minimum: int = 0) -> forms.IntegerField:
    """A whole number typed by a person, with Vietnamese errors and a sane bound."""
    message = _("Ghi một số nguyên từ %(min)s đến %(max)s.") % {
        "min": minimum,
        "max": f"{MAX_NUMBER:,}".replace(",", "."),
    }
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=MAX_NUMBER,
        error_messages={
            **REQUIRED,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _year_field(label: Any) -> forms.IntegerField:
    message = _("Ghi năm bằng bốn chữ số (ví dụ 2022).")
    return forms.IntegerField(
        label=label,
        min_value=1930,
        max_value=2200,
        error_messages={**REQUIRED, "invalid": message, "min_value": message, "max_value": message},
    )


class PageForm(forms.Form):
    """A form on a page that holds several: its field ids carry the form's name.

    The congress page has a step form, a document form, an election form … with
    fields of the same name (``kind``, ``on``); without this their ids would clash
    and a label would point at another form's field.
    """

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CampaignForm(forms.Form):
    """A committee's plan for the congresses of its subtree in one term."""

    organization = forms.ModelChoiceField(
        label=_("Cấp ủy chỉ đạo"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một tổ chức trong danh sách.")},
    )
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255, error_messages=REQUIRED)
    term_start = _year_field(_("Nhiệm kỳ từ năm"))
    term_end = _year_field(_("Nhiệm kỳ đến năm"))
    target_level = forms.ChoiceField(label=_("Đại hội cấp"), choices=TARGET_LEVELS, initial="cell")
    plan_number = forms.CharField(
        label=_("Số kế hoạch"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ 43-KH/ĐU."),
    )
    plan_date = DateField(label=_("Ngày kế hoạch"), required=False)
    parent = forms.ModelChoiceField(
        label=_("Thực hiện kế hoạch của cấp trên"),
        queryset=Campaign.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Chọn một kế hoạch trong danh sách.")},
    )
    starts_on = DateField(label=_("Bắt đầu từ ngày"), required=False)
    due_on = DateField(label=_("Hoàn thành trước ngày"), error_messages=REQUIRED)
    notice_working_days = _count_field(_("Số ngày làm việc thông báo triệu tập trước"))
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization],
        parents: QuerySet[Campaign],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("notice_working_days", 0)
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["notice_working_days"].help_text = _(
            "0 khi không yêu cầu; 30 với đại hội phải báo cáo cấp trên trước."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("Năm cuối nhiệm kỳ phải sau năm đầu."))
        return data


class GuideForm(PageForm):
    """A committee member assigned to guide one cell's congress."""

    id_prefix = "guide"

    cell = forms.ModelChoiceField(
        label=_("Chi bộ"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một chi bộ trong danh sách.")},
    )
    member = forms.ModelChoiceField(
        label=_("Cấp ủy viên phụ trách"),
        queryset=Member.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một đảng viên trong danh sách.")},
    )
    assigned_on = DateField(label=_("Ngày phân công"), error_messages=REQUIRED)

    def __init__(
        self,
        *args: Any,
        cells: QuerySet[Organization],
        members: QuerySet[Member],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["member"].label_from_instance = lambda m: m.full_name  # type: ignore[attr-defined]


class PlanForm(PageForm):
    """Planning one cell's congress of the campaign's term."""

    id_prefix = "plan"

    planned_on = DateField(label=_("Ngày dự kiến đại hội"), required=False)
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=CongressKind.choices, initial=CongressKind.ALL_MEMBERS
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)


class StepForm(PageForm):
    """The date of one preparation step (the next one in order)."""

    id_prefix = "step"

    step = forms.ChoiceField(
        label=_("Bước"),
        choices=[(step.value, step.label) for step in RECORDED_STEPS],
        error_messages={"invalid_choice": _("Bước không hợp lệ.")},
    )
    on = DateField(label=_("Ngày"), error_messages=REQUIRED)


class DocumentForm(PageForm):
    """A congress document: a file uploaded, or its text typed."""

    id_prefix = "document"

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, error_messages=REQUIRED)
    on = DateField(label=_("Ngày"), error_messages=REQUIRED)
    file = forms.FileField(label=_("Tệp"), required=False)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip() and not self.errors:
            raise ValidationError(_("Tải tệp lên hoặc ghi nội dung tài liệu."))
        return data


class ConveneForm(PageForm):
    """The day the convened list is computed for (it becomes the planned day)."""

    id_prefix = "convene"

    day = DateField(
        label=_("Ngày đại hội"),
        required=False,
        help_text=_("Để trống: theo ngày dự kiến. Danh sách lập theo hồ sơ của ngày này."),
    )


class ExclusionForm(forms.Form):
    """Leave a convened member out of the denominator, with a reason ("" clears)."""

    exclusion = forms.ChoiceField(
        label=_("Không tính vào số triệu tập"),
        choices=[("", _("— Có tính —")), *Exclusion.choices],
        required=False,
        error_messages={"invalid_choice": _("Trường hợp không hợp lệ.")},
    )
    note = forms.CharField(label=_("Lý do"), max_length=255, required=False)

    def __init__(self, *args: Any, kinds: Collection[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the exclusions the rules give for this kind of congress (the members' at a
        # congress of members, the delegates' one at a congress of delegates; decision
        # 0010): services_convened.allowed_exclusions refuses the others.
        field = self.fields["exclusion"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("— Có tính —")),
            *((value, label) for value, label in Exclusion.choices if value in kinds),
        ]


class HoldForm(PageForm):
    """The congress held: its day, place, presidium and secretary."""

    id_prefix = "hold"

    held_on = DateField(label=_("Ngày đại hội"), error_messages=REQUIRED)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = forms.CharField(label=_("Đoàn chủ tịch (chủ tọa)"), max_length=500, required=False)
    secretary = forms.CharField(label=_("Thư ký đại hội"), max_length=255, required=False)


class ElectionForm(PageForm):
    """An election at the congress: what, how many seats, who is on the list."""

    id_prefix = "election"

    kind = forms.ChoiceField(label=_("Bầu"), choices=ElectionKind.choices)
    seats = forms.IntegerField(
        label=_("Số lượng cần bầu"),
        min_value=1,
        max_value=MAX_SEATS,
        error_messages={
            **REQUIRED,
            "invalid": _("Số lượng cần bầu là một số nguyên."),
            "min_value": _("Số lượng cần bầu ít nhất là 1."),
            "max_value": _("Số lượng cần bầu không quá %(limit_value)s."),
        },
    )
    counting_board = forms.CharField(
        label=_("Ban kiểm phiếu"),
        max_length=500,
        required=False,
        help_text=_("Họ tên các thành viên, cách nhau bởi dấu phẩy; trưởng ban ghi đầu tiên."),
    )
    list_decision = forms.CharField(
        label=_("Quyết định của đại hội về danh sách không có số dư"),
        max_length=500,
        required=False,
        help_text=_(
            "Chỉ ghi khi danh sách bầu cấp ủy không nhiều hơn số lượng cần bầu: đại hội biểu "
            "quyết thế nào, vì sao (Quy chế bầu cử trong Đảng, Điều 14)."
        ),
    )
    members = forms.MultipleChoiceField(
        label=_("Đảng viên trong danh sách bầu cử"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Chọn đảng viên trong danh sách triệu tập.")},
    )
    outsiders = forms.CharField(
        label=_("Người ngoài danh sách triệu tập (mỗi dòng một họ tên)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, members: Sequence[Member] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members_by_id = {str(m.pk): m for m in members}
        self.fields["members"].choices = [(str(m.pk), m.full_name) for m in members]  # type: ignore[attr-defined]

    def clean_outsiders(self) -> list[str]:
        names = [normalize_name(n) for n in (self.cleaned_data["outsiders"] or "").splitlines()]
        names = [n for n in names if n]
        if len(names) > MAX_OUTSIDERS:
            raise ValidationError(_("Quá nhiều tên ngoài danh sách triệu tập."))
        for name in names:
            if len(name) > NAME_LENGTH:
                raise ValidationError(_("Họ tên “%(name)s…” quá dài.") % {"name": name[:30]})
        return names

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("members") and not data.get("outsiders"):
            raise ValidationError(_("Danh sách bầu cử chưa có ai."))
        return data

    def candidates(self) -> list[Member | str]:
        """The list in ballot order: the members ticked (convened order), then the others."""
        chosen = set(self.cleaned_data.get("members") or ())
        ordered: list[Member | str] = [m for pk, m in self.members_by_id.items() if pk in chosen]
        return [*ordered, *self.cleaned_data.get("outsiders", [])]


class InstallForm(PageForm):
    id_prefix = "install"

    on = DateField(label=_("Ngày nhận nhiệm vụ"), required=False)


class ApproveForm(PageForm):
    id_prefix = "approve"

    on = DateField(label=_("Ngày chuẩn y"), error_messages=REQUIRED)
    number = forms.CharField(
        label=_("Số quyết định chuẩn y"),
        max_length=60,
        error_messages=REQUIRED,
        help_text=_("Ví dụ 125-QĐ/ĐU."),
    )
    approved_by = forms.CharField(label=_("Cấp chuẩn y"), max_length=255, error_messages=REQUIRED)


class CancelForm(PageForm):
    id_prefix = "cancel"

    reason = forms.CharField(label=_("Lý do hủy"), max_length=255, error_messages=REQUIRED)


class ReportNumberForm(PageForm):
    """The number written on the election report when it is registered ("05-BC/CB")."""

    id_prefix = "report"

    number = forms.CharField(label=_("Số báo cáo"), max_length=40, required=False)


# ---------------------------------------------------------------------------
# Ballots


class BallotForm(PageForm):
    """One strike-out ballot as read by the board: the names not struck out."""

    id_prefix = "ballot"

    kept = forms.MultipleChoiceField(
        label=_("Tên không bị gạch"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tên “%(value)s” không có trong danh sách bầu cử.")},
    )
    not_issued = forms.BooleanField(
        label=_("Phiếu không do Ban kiểm phiếu phát ra"), required=False
    )

    def __init__(self, *args: Any, names: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kept"].choices = [(name, name) for name in names]  # type: ignore[attr-defined]


def _tally_key(position: int) -> str:
    return f"votes_{position}"


class TallyForm(PageForm):
    """The board's tally sheet: votes per name, valid ballots, invalid ballots by reason."""

    id_prefix = "tally"

    valid = _count_field(_("Số phiếu hợp lệ"))

    def __init__(self, *args: Any, names: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = list(names)
        for reason, label in INVALID_REASON_LABELS.items():
            self.fields[f"invalid_{reason}"] = _count_field(label, required=False)
        for position, name in enumerate(self.names, 1):
            self.fields[_tally_key(position)] = _count_field(name)

    def name_fields(self) -> list[forms.BoundField]:
        return [self[_tally_key(position)] for position in range(1, len(self.names) + 1)]

    def reason_fields(self) -> list[forms.BoundField]:
        return [self[f"invalid_{reason}"] for reason in INVALID_REASON_LABELS]

    def votes(self) -> dict[str, int]:
        return {
            name: self.cleaned_data[_tally_key(position)]
            for position, name in enumerate(self.names, 1)
        }

    def invalid(self) -> dict[str, int]:
        return {
            reason: self.cleaned_data.get(f"invalid_{reason}") or 0
            for reason in INVALID_REASON_LABELS
        }


class CountForm(PageForm):
    """The reconciliation typed before counting: ballots issued and not returned."""

    id_prefix = "count"

    on = DateField(label=_("Ngày kiểm phiếu"), error_messages=REQUIRED)
    issued_count = _count_field(_("Số phiếu phát ra"), required=False)
    unreturned = _count_field(_("Số phiếu không thu về"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_count"].help_text = _(
            "Để trống: bằng số phiếu thu về cộng số không thu về."
        )

    def clean_unreturned(self) -> int:
        return self.cleaned_data.get("unreturned") or 0


class DenominatorForm(PageForm):
    """A corrected denominator, before any ballot is entered, with the reason."""

    id_prefix = "denominator"

    denominator = _count_field(_("Số triệu tập tính kết quả"), minimum=1)
    reason = forms.CharField(label=_("Lý do sửa"), max_length=100, error_messages=REQUIRED)


class NextRoundForm(PageForm):
    """Who stands in the next round: the tied names by default, or those chosen."""

    id_prefix = "next"

    names = forms.MultipleChoiceField(
        label=_("Danh sách bầu lần sau"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tên “%(value)s” không có trong danh sách bầu cử.")},
    )

    def __init__(self, *args: Any, names: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["names"].choices = [(name, name) for name in names]  # type: ignore[attr-defined]


def default_day(*days: date | None) -> date | None:
    """The first known day, for the initial value of a date field."""
    return next((day for day in days if day is not None), None)
