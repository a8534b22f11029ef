"""Evaluation forms: they parse what a person typed; the rules live in ``services.py``.

Scores are typed the Vietnamese way ("85,5") or with a point; levels are
chosen from the four of the regulation. Which of the two a step takes depends
on the period's rule set (``RuleSet.scored``), so the forms are built from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import DateField
from dangvu.evaluations.choices import (
    MEMBER_DISCIPLINE_FORMS,
    ORGANIZATION_DISCIPLINE_FORMS,
    CommendationForm,
    DisciplineForm,
    Level,
    Step,
    SubjectKind,
)
from dangvu.evaluations.models import Evaluation
from dangvu.evaluations.rules import RuleSet
from dangvu.organizations.models import Organization

REQUIRED = {"required": _("Trường này là bắt buộc.")}
LEVEL_CHOICES = [("", _("— Chọn mức xếp loại —")), *Level.choices]
QUARTER_CHOICES = [
    (0, _("Cả năm")),
    (1, _("Quý I")),
    (2, _("Quý II")),
    (3, _("Quý III")),
    (4, _("Quý IV")),
]
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def format_score(value: Decimal | None) -> str:
    """93.00 → “93”, 85.50 → “85,5”: how a score is typed back into a field."""
    if value is None:
        return ""
    text = f"{value.quantize(CENT):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ScoreField(forms.CharField):
    """A number of points from 0 to ``max_score`` with at most two decimals ("85,5")."""

    default_error_messages = {
        "invalid": _("Điểm phải là một số, ví dụ 85 hoặc 85,5."),
        "max_score": _("Điểm không được vượt quá %(max)s."),
        "min_score": _("Điểm không được âm."),
        "decimals": _("Điểm chỉ ghi tối đa hai chữ số thập phân."),
    }

    css_class = "score-input"

    def __init__(self, *, max_score: Decimal = HUNDRED, **kwargs: Any) -> None:
        self.max_score = max_score
        attrs = {
            "inputmode": "decimal",
            "autocomplete": "off",
            "class": self.css_class,
            "maxlength": "12",
        }
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.widget.attrs["data-max"] = format_score(max_score)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip().replace(" ", "")
        if not text:
            return None
        if len(text) > 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return self._checked(number)

    def _checked(self, number: Decimal) -> Decimal:
        if number < 0:
            raise ValidationError(self.error_messages["min_score"], code="min_score")
        if number > self.max_score:
            raise ValidationError(
                self.error_messages["max_score"],
                code="max_score",
                params={"max": format_score(self.max_score)},
            )
        if number != number.quantize(CENT):
            raise ValidationError(self.error_messages["decimals"], code="decimals")
        return number.quantize(CENT)


class PercentField(ScoreField):
    css_class = "percent-input"
    default_error_messages = {
        "invalid": _("Tỷ lệ phải là một số từ 0 đến 100, ví dụ 85 hoặc 85,5."),
        "max_score": _("Tỷ lệ không được vượt quá %(max)s%%."),
        "min_score": _("Tỷ lệ không được âm."),
        "decimals": _("Tỷ lệ chỉ ghi tối đa hai chữ số thập phân."),
    }


def _level_field(label: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=LEVEL_CHOICES,
        required=required,
        error_messages={**REQUIRED, "invalid_choice": _("Mức xếp loại không hợp lệ.")},
    )


def _note_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


# ---------------------------------------------------------------------------
# The period


class OpenPeriodForm(forms.Form):
    """Opening a period: the organisation whose subtree is reviewed, the year, the quarter."""

    organization = forms.ModelChoiceField(
        label=_("Tổ chức đảng"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một tổ chức trong danh sách.")},
    )
    year = forms.IntegerField(
        label=_("Năm đánh giá"),
        min_value=2018,
        max_value=2100,
        error_messages={
            **REQUIRED,
            "invalid": _("Năm phải là một số, ví dụ 2025."),
            "min_value": _("Hệ thống chỉ đánh giá từ năm 2018 (Quy định 132-QĐ/TW)."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    quarter = forms.TypedChoiceField(
        label=_("Kỳ"),
        choices=QUARTER_CHOICES,
        coerce=int,
        initial=0,
        error_messages={"invalid_choice": _("Kỳ không hợp lệ.")},
        help_text=_("Chỉ Quy định 366-QĐ/TW (từ năm 2025) cho phép đánh giá theo quý."),
    )
    plan_reference = forms.CharField(
        label=_("Văn bản hướng dẫn, kế hoạch"), max_length=255, required=False
    )
    opened_on = DateField(label=_("Ngày mở"), required=False, help_text=_("Để trống: hôm nay."))
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class HiddenErrorsForm(forms.Form):
    """A form whose hidden fields' errors show above it (a hidden field shows none)."""

    def full_clean(self) -> None:
        super().full_clean()
        errors: Any = self.errors
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in errors:
                for message in errors.pop(name):
                    self.add_error(None, message)


class GroupForm(HiddenErrorsForm):
    """A form about one group of a period: a deciding body and a kind of subject."""

    deciding_org = forms.IntegerField(widget=forms.HiddenInput, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        widget=forms.HiddenInput,
        choices=SubjectKind.choices,
        error_messages={**REQUIRED, "invalid_choice": _("Đối tượng không hợp lệ.")},
    )


class QuotaExceptionForm(GroupForm):
    authority = forms.CharField(
        label=_("Cấp có thẩm quyền cho phép"), max_length=255, error_messages=REQUIRED
    )
    number = forms.CharField(label=_("Số văn bản"), max_length=60, error_messages=REQUIRED)
    decided_on = DateField(label=_("Ngày văn bản"), error_messages=REQUIRED)
    allowed = forms.IntegerField(
        label=_("Số HTXSNV được phép"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Để trống nếu văn bản không giới hạn số lượng."),
        error_messages={
            "invalid": _("Ghi một số nguyên."),
            "min_value": _("Số lượng không được âm."),
            "max_value": _("Số lượng quá lớn."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )


class FinalizeForm(GroupForm):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    on = DateField(label=_("Ngày chốt"), required=False, help_text=_("Để trống: hôm nay."))


class ReasonForm(forms.Form):
    """A reason, required: reopening, withdrawing, excluding."""

    reason = forms.CharField(
        label=_("Lý do"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={**REQUIRED, "max_length": _("Lý do tối đa 500 ký tự.")},
    )


class ExcludeForm(ReasonForm):
    reason = forms.CharField(
        label=_("Lý do không đánh giá"),
        max_length=255,
        initial=_("Đình chỉ sinh hoạt đảng"),
        error_messages={**REQUIRED, "max_length": _("Lý do tối đa 255 ký tự.")},
    )


class ReopenForm(HiddenErrorsForm, ReasonForm):
    step = forms.ChoiceField(
        widget=forms.HiddenInput,
        choices=Step.choices,
        error_messages={**REQUIRED, "invalid_choice": _("Bước không hợp lệ.")},
    )


# ---------------------------------------------------------------------------
# One evaluation


class SelfAssessForm(forms.Form):
    """The self-assessment: criteria points under scored rules, else a level."""

    def __init__(
        self, *args: Any, rules: RuleSet, organization: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        if rules.scored:
            for criterion in rules.criteria:
                self.fields[f"criteria_{criterion.code}"] = ScoreField(
                    label=criterion.label,
                    max_score=criterion.max_score,
                    help_text=_("Tối đa %(max)s điểm.")
                    % {"max": format_score(criterion.max_score)},
                    error_messages=REQUIRED,
                )
        else:
            self.fields["level"] = _level_field(_("Tự xếp loại"))
        if organization:
            self.fields["targets_percent"] = PercentField(
                label=_("Tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành (%)"), required=False
            )
            self.fields["exceeded_percent"] = PercentField(
                label=_("Tỷ lệ chỉ tiêu vượt (%)"), required=False
            )
        self.fields["note"] = _note_field(_("Tự nhận xét"))
        self.fields["on"] = DateField(
            label=_("Ngày tự đánh giá"), required=False, help_text=_("Để trống: hôm nay.")
        )

    def criteria(self) -> dict[str, Decimal]:
        return {
            c.code: self.cleaned_data[f"criteria_{c.code}"]
            for c in self.rules.criteria
            if self.cleaned_data.get(f"criteria_{c.code}") is not None
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {"note": data.get("note", ""), "on": data.get("on")}
        if self.rules.scored:
            kwargs["criteria"] = self.criteria()
        else:
            kwargs["level"] = data["level"]
        for name in ("targets_percent", "exceeded_percent"):
            if name in self.fields:
                kwargs[name] = data.get(name)
        return kwargs


class StepForm(forms.Form):
    """The cell's proposal or the committee's decision on one subject."""

    def __init__(self, *args: Any, rules: RuleSet, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        if rules.scored:
            self.fields["score"] = ScoreField(label=_("Điểm (0–100)"), error_messages=REQUIRED)
        else:
            self.fields["level"] = _level_field(_("Mức xếp loại"))
        label = _("Nhận xét của chi bộ") if step == Step.PROPOSAL else _("Ý kiến của cấp ủy")
        self.fields["note"] = _note_field(label)
        day_label = _("Ngày đề xuất") if step == Step.PROPOSAL else _("Ngày quyết định")
        self.fields["on"] = DateField(
            label=day_label, required=False, help_text=_("Để trống: hôm nay.")
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {"note": data.get("note", ""), "on": data.get("on")}
        if self.rules.scored:
            kwargs["score"] = data["score"]
        else:
            kwargs["level"] = data["level"]
        return kwargs


class DisciplineRecordForm(forms.Form):
    """A discipline decision on the subject (what the forced rankings rest on)."""

    form = forms.ChoiceField(
        label=_("Hình thức kỷ luật"),
        choices=DisciplineForm.choices,
        error_messages={"invalid_choice": _("Hình thức kỷ luật không hợp lệ.")},
    )
    decided_on = DateField(label=_("Ngày quyết định"), error_messages=REQUIRED)
    authority = forms.CharField(label=_("Cấp quyết định"), max_length=255, error_messages=REQUIRED)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    reason = forms.CharField(
        label=_("Nội dung vi phạm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    self_corrected = forms.BooleanField(
        label=_("Tự phát hiện, tự khắc phục"),
        required=False,
        help_text=_("Không buộc xếp loại Không hoàn thành nhiệm vụ."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = kind == SubjectKind.MEMBER
        allowed = MEMBER_DISCIPLINE_FORMS if member else ORGANIZATION_DISCIPLINE_FORMS
        field: Any = self.fields["form"]
        field.choices = [(v, label) for v, label in DisciplineForm.choices if v in allowed]
        if not member:
            del self.fields["self_corrected"]


class CommendationRecordForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Hình thức khen thưởng"),
        choices=CommendationForm.choices,
        error_messages={"invalid_choice": _("Hình thức khen thưởng không hợp lệ.")},
    )
    authority = forms.CharField(label=_("Cấp khen thưởng"), max_length=255, error_messages=REQUIRED)
    decided_on = DateField(label=_("Ngày quyết định"), error_messages=REQUIRED)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


# ---------------------------------------------------------------------------
# A cell at once: one row per member, prefilled


class BulkForm(forms.Form):
    """One step for many members of a cell, one row each (a table, no JavaScript).

    A row left empty is left out; ``entries()`` gives what ``*_many`` takes,
    all or nothing. ``SELF`` under scored rules takes the criteria points.
    """

    def __init__(
        self,
        *args: Any,
        rows: Iterable[Evaluation],
        rules: RuleSet,
        step: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        self.rules = rules
        self.step = step
        for row in self.rows:
            for name, field in self._row_fields(row):
                self.fields[name] = field
            if not self.is_bound:
                self.initial.update(self._prefill(row))

    def _row_fields(self, row: Evaluation) -> list[tuple[str, forms.Field]]:
        pk = row.pk
        name = row.subject_name
        if self.step == Step.SELF and self.rules.scored:
            fields: list[tuple[str, forms.Field]] = [
                (
                    f"{c.code}_{pk}",
                    ScoreField(label=f"{name}: {c.label}", max_score=c.max_score, required=False),
                )
                for c in self.rules.criteria
            ]
        elif self.rules.scored:
            fields = [(f"score_{pk}", ScoreField(label=name, required=False))]
        else:
            fields = [(f"level_{pk}", _level_field(name, required=False))]
        note = forms.CharField(label=_("Nhận xét"), max_length=2000, required=False)
        return [*fields, (f"note_{pk}", note)]

    def _prefill(self, row: Evaluation) -> dict[str, Any]:
        """The proposal starts from the self-assessment, the decision from the proposal."""
        pk = row.pk
        if self.step == Step.PROPOSAL:
            level, score = row.self_level, row.self_score
        elif self.step == Step.DECISION:
            level, score = row.proposed_level, row.proposed_score
        else:
            return {}
        if self.rules.scored:
            return {f"score_{pk}": format_score(score)}
        return {f"level_{pk}": level}

    def row_field_names(self, row: Evaluation) -> list[str]:
        return [name for name, _field in self._row_fields(row)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.step == Step.SELF and self.rules.scored:
            for row in self.rows:
                self._check_criteria(row, data)
        return data

    def _check_criteria(self, row: Evaluation, data: dict[str, Any]) -> None:
        names = [f"{c.code}_{row.pk}" for c in self.rules.criteria]
        given = [n for n in names if data.get(n) is not None]
        if given and len(given) < len(names):
            for name in names:
                if name not in given and name not in self.errors:
                    self.add_error(
                        name,
                        _("%(name)s: ghi đủ điểm các nhóm tiêu chí.") % {"name": row.subject_name},
                    )

    def entries(self) -> list[dict[str, Any]]:
        result = []
        for row in self.rows:
            entry = self._entry(row)
            if entry is not None:
                entry["evaluation"] = row
                entry["note"] = self.cleaned_data.get(f"note_{row.pk}", "")
                result.append(entry)
        return result

    def _entry(self, row: Evaluation) -> dict[str, Any] | None:
        data, pk = self.cleaned_data, row.pk
        if self.step == Step.SELF and self.rules.scored:
            criteria = {c.code: data.get(f"{c.code}_{pk}") for c in self.rules.criteria}
            if any(value is None for value in criteria.values()):
                return None
            return {"criteria": criteria}
        if self.rules.scored:
            score = data.get(f"score_{pk}")
            return None if score is None else {"score": score}
        level = data.get(f"level_{pk}")
        return {"level": level} if level else None


def bulk_rows(form: BulkForm) -> list[tuple[Evaluation, Sequence[forms.BoundField]]]:
    """Each row with its bound fields, in order, for the table of the form."""
    return [(row, [form[name] for name in form.row_field_names(row)]) for row in form.rows]


def default_year(today: date) -> int:
    """The year under review: the current one from October (reviews are held in
    December), else the year before."""
    return today.year if today.month >= 10 else today.year - 1
