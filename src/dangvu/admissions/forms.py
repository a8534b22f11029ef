"""Admission forms: they parse what a person typed; the rules live in ``services.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AwarenessCourse
from dangvu.core.forms import DateField
from dangvu.members.choices import Gender, PoliticalTheory, Qualification
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

REQUIRED = {"required": _("Trường này là bắt buộc.")}


class CandidateForm(forms.Form):
    """A candidate's profile, the proposing cell (on creation) and the introducers."""

    cell = forms.ModelChoiceField(
        label=_("Chi bộ đề nghị"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn một chi bộ trong danh sách.")},
    )
    proposed_on = DateField(
        label=_("Ngày chi bộ giới thiệu"), required=False, help_text=_("Để trống: hôm nay.")
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120, error_messages=REQUIRED)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = DateField(label=_("Ngày sinh"), error_messages=REQUIRED)
    birth_place = forms.CharField(label=_("Nơi sinh"), max_length=255, required=False)
    home_town = forms.CharField(label=_("Quê quán"), max_length=255, required=False)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=40, initial="Kinh")
    religion = forms.CharField(label=_("Tôn giáo"), max_length=40, required=False)
    national_id = forms.CharField(label=_("Số CCCD"), max_length=12, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    address = forms.CharField(label=_("Nơi ở hiện nay"), max_length=255, required=False)
    education_level = forms.CharField(label=_("Giáo dục phổ thông"), max_length=10, required=False)
    qualification = forms.ChoiceField(
        label=_("Chuyên môn nghiệp vụ"), choices=Qualification.choices, initial=Qualification.NONE
    )
    political_theory = forms.ChoiceField(
        label=_("Lý luận chính trị"), choices=PoliticalTheory.choices, initial=PoliticalTheory.NONE
    )
    occupation = forms.CharField(label=_("Nghề nghiệp"), max_length=120, required=False)
    over_age_decision = forms.CharField(
        label=_("Văn bản cấp trên đồng ý (trên 60 tuổi)"), max_length=255, required=False
    )
    introducers = forms.ModelMultipleChoiceField(
        label=_("Đảng viên giới thiệu"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": _("Chọn đảng viên trong danh sách.")},
    )

    def __init__(
        self,
        *args: Any,
        cells: QuerySet[Organization] | None = None,
        introducers: QuerySet[Member],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if cells is None:
            del self.fields["cell"]
            del self.fields["proposed_on"]
        else:
            self.fields["cell"].queryset = cells  # type: ignore[attr-defined]
        self.fields["introducers"].queryset = introducers  # type: ignore[attr-defined]

    def profile_data(self) -> dict[str, Any]:
        skip = {"cell", "introducers", "proposed_on"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class StepForm(forms.Form):
    """The one next step of a candidate: its date, deciding body and document."""

    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    date = DateField(label=_("Ngày"), error_messages=REQUIRED)
    decided_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    course = forms.ModelChoiceField(
        label=_("Lớp nhận thức về Đảng"),
        queryset=AwarenessCourse.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Chọn lớp trong danh sách.")},
    )
    certificate_date = DateField(label=_("Ngày cấp giấy chứng nhận"), required=False)
    certificate_number = forms.CharField(
        label=_("Số giấy chứng nhận"), max_length=40, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, stage: str, courses: QuerySet[AwarenessCourse], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["stage"].initial = stage
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        if stage != Stage.COURSE_SENT:
            del self.fields["course"]
        if stage != Stage.COURSE_COMPLETED:
            del self.fields["certificate_date"]
            del self.fields["certificate_number"]


class WithdrawForm(forms.Form):
    date = DateField(label=_("Ngày dừng xem xét"), error_messages=REQUIRED)
    note = forms.CharField(label=_("Lý do"), max_length=500, error_messages=REQUIRED)


class AdmitForm(forms.Form):
    ceremony_date = DateField(label=_("Ngày lễ kết nạp"), error_messages=REQUIRED)
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=8, required=False)


class RecognitionForm(forms.Form):
    """The cell's consideration at the end of probation: recognised or not."""

    RECOGNISE = "recognise"
    REFUSE = "refuse"

    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (RECOGNISE, _("Công nhận đảng viên chính thức")),
            (REFUSE, _("Không công nhận (đề nghị xóa tên)")),
        ],
        initial=RECOGNISE,
        widget=forms.RadioSelect,
    )
    meeting_date = DateField(label=_("Ngày chi bộ họp xét"), error_messages=REQUIRED)
    decided_by = forms.CharField(label=_("Cấp ủy quyết định"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = DateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(label=_("Lý do (khi không công nhận)"), max_length=400, required=False)


class TargetForm(forms.Form):
    cell = forms.IntegerField(widget=forms.HiddenInput)
    # The target the page showed when it was opened (blank: none yet), so a save
    # over someone else's newer value is refused rather than lost.
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target = forms.IntegerField(
        label=_("Chỉ tiêu"),
        min_value=0,
        max_value=1000,
        error_messages={
            **REQUIRED,
            "invalid": _("Chỉ tiêu phải là một số nguyên."),
            "min_value": _("Chỉ tiêu phải từ 0 đến 1000."),
            "max_value": _("Chỉ tiêu phải từ 0 đến 1000."),
        },
    )


class CourseForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị tổ chức lớp"),
        queryset=Organization.objects.none(),
        error_messages={**REQUIRED, "invalid_choice": _("Chọn tổ chức trong danh sách.")},
    )
    name = forms.CharField(label=_("Tên lớp"), max_length=255, error_messages=REQUIRED)
    start_date = DateField(label=_("Ngày khai giảng"), error_messages=REQUIRED)
    end_date = DateField(label=_("Ngày bế giảng"), error_messages=REQUIRED)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
