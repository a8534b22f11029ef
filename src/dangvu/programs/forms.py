"""Programme forms: they parse what a person typed; the rules live in ``services.py``.

Deadlines and periods are typed the way the offices write them ("tháng 4/2022",
"quý 2/2022", "20/4/2022") and parsed by ``periods``. The choices that depend on
the programme (its bodies, its people, its tasks, the documents) are given to
each form's constructor; nothing here reads the database by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.core.files import FILE_EXTENSIONS
from dangvu.core.forms import DateField
from dangvu.programs.choices import Comparison, NoteKind, TargetSource
from dangvu.programs.periods import Deadline, Period, parse_deadline, parse_period

REQUIRED = {"required": _("Trường này là bắt buộc.")}
CHOICE = {"invalid_choice": _("Chọn một mục trong danh sách.")}
DEADLINE_HELP = _(
    "Ghi ngày, tháng, quý, 6 tháng hoặc năm: “20/4/2022”, “4/2022”, “tháng 4/2022”, "
    "“quý 2/2022”, “6 tháng đầu năm 2022”, “năm 2022”."
)
PERIOD_HELP = _(
    "Ví dụ “quý 1/2022”, “tháng 4/2022”, “6 tháng đầu năm 2022”, “năm 2022” (hoặc 2022-Q1)."
)
MAX_WEIGHT = 100
MAX_VALUE = Decimal("999999999999.99")
ORG_GROUP = _("Tổ chức đảng")
AGENCY_GROUP = _("Cơ quan, đoàn thể")
COMMITTEE_GROUP = _("Cấp ủy viên")
MEMBER_GROUP = _("Đảng viên khác")


class PageForm(forms.Form):
    """A form on a page that holds several: its field ids carry the form's name."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class DeadlineField(forms.CharField):
    """A deadline as written in a programme; cleans to a ``Deadline`` (last day + precision)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", DEADLINE_HELP)
        kwargs.setdefault("error_messages", REQUIRED)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Deadline | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_deadline(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class PeriodField(forms.CharField):
    """A period typed as a person writes it; cleans to a ``Period``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("error_messages", REQUIRED)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Period | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _int_field(label: Any, minimum: int, maximum: int, **kwargs: Any) -> forms.IntegerField:
    message = _("Ghi một số nguyên từ %(min)s đến %(max)s.") % {"min": minimum, "max": maximum}
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages={
            **REQUIRED,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        **kwargs,
    )


def _decimal_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    message = _("Ghi một số (dùng dấu chấm cho phần thập phân, ví dụ 10.5).")
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=MAX_VALUE,
        error_messages={
            **REQUIRED,
            "invalid": message,
            "min_value": _("Giá trị không được âm."),
            "max_value": message,
            "max_digits": message,
            "max_decimal_places": _("Ghi tối đa hai chữ số thập phân."),
            "max_whole_digits": message,
        },
        **kwargs,
    )


def _text(label: Any, *, required: bool = False, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=max_length,
        error_messages=REQUIRED,
    )


# ---------------------------------------------------------------------------
# Choosing bodies, people, tasks and documents among those given


@dataclass(frozen=True)
class Body:
    """What an owner choice stands for: one of the two is set."""

    organization: Any = None
    agency: Any = None


def body_value(task: Any) -> str:
    if task.owner_org_id:
        return f"org:{task.owner_org_id}"
    if task.owner_agency_id:
        return f"agency:{task.owner_agency_id}"
    return ""


class BodyChoices:
    """The party organisations and agencies a task may be given to ("org:<id>", "agency:<id>")."""

    def __init__(self, organizations: Iterable[Any], agencies: Iterable[Any]) -> None:
        self.organizations = {f"org:{o.pk}": o for o in organizations}
        self.agencies = {f"agency:{a.pk}": a for a in agencies}

    def choices(self, blank: str | None = None) -> list[Any]:
        groups: list[Any] = [("", blank)] if blank is not None else []
        groups.append((ORG_GROUP, [(k, o.name) for k, o in self.organizations.items()]))
        if self.agencies:
            groups.append((AGENCY_GROUP, [(k, _agency_label(a)) for k, a in self.agencies.items()]))
        return groups

    def body(self, value: str) -> Body:
        if value in self.organizations:
            return Body(organization=self.organizations[value])
        return Body(agency=self.agencies[value])


def _agency_label(agency: Any) -> str:
    return str(agency.name)


class PeopleChoices:
    """Committee members first, then the other members of the subtree (bounded by the view)."""

    def __init__(self, committee: Sequence[Any], others: Sequence[Any]) -> None:
        self.by_id = {str(m.pk): m for m in [*committee, *others]}
        self.committee = committee
        self.others = [m for m in others if m.pk not in {c.pk for c in committee}]

    def choices(self) -> list[Any]:
        groups: list[Any] = [("", _("— Chưa phân công —"))]
        if self.committee:
            groups.append((COMMITTEE_GROUP, [(str(m.pk), m.full_name) for m in self.committee]))
        if self.others:
            groups.append((MEMBER_GROUP, [(str(m.pk), m.full_name) for m in self.others]))
        return groups


def _documents_choices(documents: Sequence[Any]) -> list[tuple[str, str]]:
    return [(str(d.pk), f"{d.code}: {d.summary}"[:160]) for d in documents]


# ---------------------------------------------------------------------------
# Programmes


class ProgrammeFilterForm(forms.Form):
    """The filter bar of the programme list: an organisation and a period."""

    organization = forms.TypedChoiceField(
        label=_("Tổ chức"), required=False, coerce=int, empty_value=None, error_messages=CHOICE
    )
    period = PeriodField(label=_("Kỳ"), required=False, help_text="")

    def __init__(self, *args: Any, organizations: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organization"]
        field.choices = [("", _("Tất cả")), *[(o.pk, o.name) for o in organizations]]
        self.fields["period"].widget.attrs["placeholder"] = "quý 1/2022"


class ProgrammeForm(forms.Form):
    """A new programme: whose, for which period, implementing which document."""

    organization = forms.TypedChoiceField(
        label=_("Tổ chức"), coerce=int, error_messages={**REQUIRED, **CHOICE}
    )
    period = PeriodField(label=_("Kỳ"))
    title = forms.CharField(
        label=_("Tên chương trình"),
        max_length=255,
        required=False,
        help_text=_("Để trống: “Chương trình công tác quý 1/2022”."),
    )
    document = forms.TypedChoiceField(
        label=_("Thực hiện văn bản"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=CHOICE,
    )
    note = _text(_("Ghi chú"))

    def __init__(
        self,
        *args: Any,
        organizations: Sequence[Any] = (),
        documents: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._organizations = {o.pk: o for o in organizations}
        self._documents = {d.pk: d for d in documents}
        org_field: Any = self.fields["organization"]
        org_field.choices = [("", "—"), *[(o.pk, o.name) for o in organizations]]
        doc_field: Any = self.fields["document"]
        doc_field.choices = [("", "—"), *_documents_choices(documents)]

    def clean_organization(self) -> Any:
        return self._organizations[self.cleaned_data["organization"]]

    def clean_document(self) -> Any:
        pk = self.cleaned_data.get("document")
        return self._documents[pk] if pk else None


class TaskForm(PageForm):
    """A task of a programme: what, given to which body, who answers for it, by when."""

    id_prefix = "task"

    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500, error_messages=REQUIRED)
    owner = forms.ChoiceField(label=_("Chủ trì"), error_messages={**REQUIRED, **CHOICE})
    responsible = forms.ChoiceField(
        label=_("Người chịu trách nhiệm"), required=False, error_messages=CHOICE
    )
    deadline = DeadlineField(label=_("Thời hạn"))
    is_key = forms.BooleanField(label=_("Nhiệm vụ trọng tâm"), required=False)
    weight = _int_field(
        _("Trọng số"),
        1,
        MAX_WEIGHT,
        initial=1,
        help_text=_("Khi là nhiệm vụ con: tiến độ của nhiệm vụ cha tính theo trọng số."),
    )
    parent = forms.ChoiceField(label=_("Thuộc nhiệm vụ"), required=False, error_messages=CHOICE)
    collaborators = forms.MultipleChoiceField(
        label=_("Phối hợp"), required=False, error_messages=CHOICE
    )
    documents = forms.MultipleChoiceField(
        label=_("Văn bản liên quan"), required=False, error_messages=CHOICE
    )
    description = _text(_("Nội dung"))

    def __init__(
        self,
        *args: Any,
        bodies: BodyChoices,
        people: PeopleChoices,
        parents: Sequence[Any] = (),
        documents: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bodies, self.people = bodies, people
        self._parents = {str(t.pk): t for t in parents}
        self._documents = {str(d.pk): d for d in documents}
        fields: Any = self.fields
        fields["owner"].choices = bodies.choices(blank="—")
        fields["collaborators"].choices = bodies.choices()
        fields["responsible"].choices = people.choices()
        fields["parent"].choices = [
            ("", _("— Nhiệm vụ chính —")),
            *[(k, t.title[:120]) for k, t in self._parents.items()],
        ]
        fields["documents"].choices = _documents_choices(documents)
        if not documents:
            del self.fields["documents"]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as ``add_task``/``update_task`` take it."""
        data = self.cleaned_data
        owner = self.bodies.body(data["owner"])
        collaborators = [self.bodies.body(value) for value in data["collaborators"]]
        fields = {
            "title": data["title"],
            "description": data["description"],
            "is_key": data["is_key"],
            "deadline": data["deadline"],
            "weight": data["weight"],
            "owner_org": owner.organization,
            "owner_agency": owner.agency,
            "responsible": self.people.by_id.get(data["responsible"] or ""),
            "parent": self._parents.get(data["parent"] or ""),
            "collaborator_orgs": [b.organization for b in collaborators if b.organization],
            "collaborator_agencies": [b.agency for b in collaborators if b.agency],
        }
        if "documents" in self.fields:
            fields["documents"] = [self._documents[pk] for pk in data["documents"]]
        return fields


def task_initial(task: Any) -> dict[str, Any]:
    """The edit form of a task, filled from it (the deadline written as it was given)."""
    return {
        "title": task.title,
        "description": task.description,
        "is_key": task.is_key,
        "owner": body_value(task),
        "responsible": str(task.responsible_id or ""),
        "deadline": deadline_input(task.deadline, task.deadline_precision),
        "weight": task.weight,
        "parent": str(task.parent_id or ""),
        "collaborators": [f"org:{o.pk}" for o in task.collaborator_orgs.all()]
        + [f"agency:{a.pk}" for a in task.collaborator_agencies.all()],
        "documents": [str(d.pk) for d in task.documents.all()],
    }


def deadline_input(day: Any, precision: str) -> str:
    """A stored deadline typed back into the form the way it was given."""
    if precision == "month":
        return f"tháng {day.month}/{day.year}"
    if precision == "quarter":
        return f"quý {(day.month - 1) // 3 + 1}/{day.year}"
    if precision == "half":
        return f"6 tháng {'đầu' if day.month <= 6 else 'cuối'} năm {day.year}"
    if precision == "year":
        return f"năm {day.year}"
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------
# Reporting on a task


class ProgressForm(PageForm):
    id_prefix = "progress"

    progress = _int_field(_("Tiến độ (%)"), 0, 100)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    evidence = _text(_("Minh chứng"))


class CompleteForm(PageForm):
    id_prefix = "complete"

    completed_on = DateField(label=_("Ngày hoàn thành"), error_messages=REQUIRED)
    result_note = _text(_("Kết quả"))
    evidence = _text(_("Minh chứng"))


class NotDoneForm(PageForm):
    id_prefix = "notdone"

    result_note = _text(_("Lý do, kết quả đạt được"), required=True)


class ReopenForm(PageForm):
    id_prefix = "reopen"

    reason = forms.CharField(label=_("Lý do"), max_length=500, error_messages=REQUIRED)


class CarryOverForm(PageForm):
    """Carry an unfinished task over to a later programme of the same organisation."""

    id_prefix = "carry"

    to_programme = forms.TypedChoiceField(
        label=_("Sang chương trình"), coerce=int, error_messages={**REQUIRED, **CHOICE}
    )
    deadline = DeadlineField(
        label=_("Thời hạn mới"),
        required=False,
        help_text=format_lazy(
            "{} {}", _("Để trống: giữ thời hạn cũ nếu còn trong kỳ mới."), DEADLINE_HELP
        ),
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)

    def __init__(self, *args: Any, programmes: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._programmes = {p.pk: p for p in programmes}
        field: Any = self.fields["to_programme"]
        field.choices = [("", "—"), *[(p.pk, p.title) for p in programmes]]

    def clean_to_programme(self) -> Any:
        return self._programmes[self.cleaned_data["to_programme"]]


class TaskFileForm(PageForm):
    id_prefix = "file"

    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, error_messages=REQUIRED)
    upload = forms.FileField(
        label=_("Tệp"),
        error_messages={**REQUIRED, "empty": _("Tệp rỗng.")},
        help_text=_("Các loại tệp: %(ext)s.") % {"ext": ", ".join(sorted(FILE_EXTENSIONS))},
    )


# ---------------------------------------------------------------------------
# Targets


class TargetFilterForm(forms.Form):
    organization = forms.TypedChoiceField(
        label=_("Tổ chức"), coerce=int, required=False, empty_value=None, error_messages=CHOICE
    )
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1930,
        max_value=2200,
        error_messages={
            "invalid": _("Ghi năm bằng bốn chữ số."),
            "min_value": _("Ghi năm bằng bốn chữ số."),
            "max_value": _("Ghi năm bằng bốn chữ số."),
        },
    )

    def __init__(self, *args: Any, organizations: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organization"]
        field.choices = [(o.pk, o.name) for o in organizations]


class TargetForm(PageForm):
    id_prefix = "target"

    name = forms.CharField(label=_("Chỉ tiêu"), max_length=255, error_messages=REQUIRED)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    planned = _decimal_field(_("Kế hoạch"))
    comparison = forms.ChoiceField(
        label=_("Cách đánh giá"), choices=Comparison.choices, initial=Comparison.AT_LEAST
    )
    source = forms.ChoiceField(
        label=_("Nguồn số liệu"), choices=TargetSource.choices, initial=TargetSource.MANUAL
    )
    note = _text(_("Ghi chú"))


class TargetValueForm(PageForm):
    measured_on = DateField(label=_("Tính đến ngày"), error_messages=REQUIRED)
    value = _decimal_field(_("Thực hiện"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class RefreshForm(PageForm):
    id_prefix = "refresh"

    as_of = DateField(label=_("Tính đến ngày"), error_messages=REQUIRED)


# ---------------------------------------------------------------------------
# Reviews


class ReviewForm(PageForm):
    """The review of a programme: the day, the conference, the next programme, the opinions."""

    id_prefix = "review"

    held_on = DateField(label=_("Ngày sơ kết"), error_messages=REQUIRED)
    meeting = forms.TypedChoiceField(
        label=_("Hội nghị"), coerce=int, required=False, empty_value=None, error_messages=CHOICE
    )
    next_programme = forms.TypedChoiceField(
        label=_("Chương trình kỳ sau"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=CHOICE,
    )
    opinions_count = _int_field(_("Số ý kiến tại hội nghị"), 0, 999, initial=0)
    summary = _text(_("Đánh giá chung"))

    def __init__(
        self,
        *args: Any,
        meetings: Sequence[Any] = (),
        programmes: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._meetings = {m.pk: m for m in meetings}
        self._programmes = {p.pk: p for p in programmes}
        fields: Any = self.fields
        fields["meeting"].choices = [
            ("", "—"),
            *[(m.pk, f"{m} ({m.date:%d/%m/%Y})") for m in meetings],
        ]
        fields["next_programme"].choices = [("", "—"), *[(p.pk, p.title) for p in programmes]]

    def clean_meeting(self) -> Any:
        pk = self.cleaned_data.get("meeting")
        return self._meetings[pk] if pk else None

    def clean_next_programme(self) -> Any:
        pk = self.cleaned_data.get("next_programme")
        return self._programmes[pk] if pk else None


class ReviewNoteForm(PageForm):
    id_prefix = "note"

    kind = forms.ChoiceField(label=_("Loại"), choices=NoteKind.choices, error_messages=CHOICE)
    text = _text(_("Nội dung"), required=True)


class CloseReviewForm(PageForm):
    id_prefix = "close"

    closed_on = DateField(label=_("Ngày chốt số liệu"), error_messages=REQUIRED)


class ReopenReviewForm(PageForm):
    id_prefix = "reopenreview"

    reason = forms.CharField(label=_("Lý do"), max_length=500, error_messages=REQUIRED)
