"""API shapes of admissions: candidate rows and profile, and the write inputs.

The inputs only parse types and formats (``InputSerializer``); the rules are
``admissions.services``' and come back as Vietnamese field errors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, AwarenessCourse, Candidate, CandidateStep
from dangvu.core.api import InputSerializer
from dangvu.members.choices import Gender, PoliticalTheory, Qualification
from dangvu.members.models import Member
from dangvu.organizations.serializers import VisibleOrganizationField

# Ethnicity with them, as on a member's profile (decision 0016).
CANDIDATE_SENSITIVE = ("national_id", "phone", "address", "ethnicity", "religion")


class CandidateStepSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = CandidateStep
        fields = ["stage", "stage_label", "date", "decided_by", "document_number", "note"]
        read_only_fields = fields


class CandidateSerializer(serializers.ModelSerializer):
    """One row of the candidate list (no sensitive field)."""

    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    cell_code = serializers.CharField(source="cell.code", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "full_name",
            "gender",
            "birth_date",
            "cell",
            "cell_code",
            "cell_name",
            "stage",
            "stage_label",
            "member",
        ]
        read_only_fields = fields


class CandidateDetailSerializer(CandidateSerializer):
    """A candidate's profile with the steps; sensitive fields only when allowed."""

    steps = CandidateStepSerializer(many=True, read_only=True)

    class Meta(CandidateSerializer.Meta):
        fields = [
            *CandidateSerializer.Meta.fields,
            "birth_place",
            "home_town",
            "education_level",
            "qualification",
            "political_theory",
            "occupation",
            "introducers",
            "course",
            "certificate_date",
            "certificate_number",
            "over_age_decision",
            "previous_member",
            "steps",
            *CANDIDATE_SENSITIVE,
        ]
        read_only_fields = fields
        extra_kwargs = {name: {"required": False} for name in CANDIDATE_SENSITIVE}

    def to_representation(self, instance: Candidate) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self.context.get("sees_sensitive", False):
            for name in CANDIDATE_SENSITIVE:
                data.pop(name, None)
        return data


class VisibleMemberField(serializers.PrimaryKeyRelatedField):
    """A member id among those the requesting user can see (else: does not exist)."""

    default_error_messages = {"does_not_exist": _("Không tìm thấy đảng viên có mã số {pk_value}.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Member.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Member]:
        request = self.context.get("request")
        return Member.objects.visible_to(getattr(request, "user", None))


def _text(label: Any, max_length: int) -> serializers.CharField:
    return serializers.CharField(
        label=label, max_length=max_length, required=False, allow_blank=True
    )


class CandidateUpdateSerializer(InputSerializer):
    full_name = _text(_("họ và tên"), 120)
    gender = serializers.ChoiceField(label=_("giới tính"), choices=Gender.choices, required=False)
    birth_date = serializers.DateField(label=_("ngày sinh"), required=False)
    birth_place = _text(_("nơi sinh"), 255)
    home_town = _text(_("quê quán"), 255)
    ethnicity = _text(_("dân tộc"), 40)
    religion = _text(_("tôn giáo"), 40)
    national_id = serializers.CharField(
        label=_("số CCCD"), max_length=12, required=False, allow_blank=True, allow_null=True
    )
    phone = _text(_("số điện thoại"), 20)
    address = _text(_("nơi ở hiện nay"), 255)
    education_level = _text(_("giáo dục phổ thông"), 10)
    qualification = serializers.ChoiceField(
        label=_("chuyên môn nghiệp vụ"), choices=Qualification.choices, required=False
    )
    political_theory = serializers.ChoiceField(
        label=_("lý luận chính trị"), choices=PoliticalTheory.choices, required=False
    )
    occupation = _text(_("nghề nghiệp"), 120)
    over_age_decision = _text(_("văn bản cấp trên đồng ý (trên 60 tuổi)"), 255)
    introducers = VisibleMemberField(label=_("đảng viên giới thiệu"), many=True, required=False)


class CandidateCreateSerializer(CandidateUpdateSerializer):
    cell = VisibleOrganizationField(label=_("chi bộ đề nghị"))
    previous_member = VisibleMemberField(
        label=_("hồ sơ đảng viên trước đây (kết nạp lại)"), required=False, allow_null=True
    )
    proposed_on = serializers.DateField(
        label=_("ngày chi bộ giới thiệu (mặc định hôm nay)"), required=False, allow_null=True
    )


class AdvanceSerializer(InputSerializer):
    stage = serializers.ChoiceField(label=_("bước"), choices=Stage.choices)
    date = serializers.DateField(label=_("ngày"))
    decided_by = _text(_("cơ quan quyết định"), 255)
    document_number = _text(_("số văn bản"), 60)
    course = serializers.PrimaryKeyRelatedField(
        label=_("lớp nhận thức về Đảng"),
        queryset=AwarenessCourse.objects.all(),
        required=False,
        allow_null=True,
    )
    certificate_date = serializers.DateField(
        label=_("ngày cấp giấy chứng nhận"), required=False, allow_null=True
    )
    certificate_number = _text(_("số giấy chứng nhận"), 40)
    note = _text(_("ghi chú"), 500)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        course = fields["course"]
        assert isinstance(course, serializers.PrimaryKeyRelatedField)
        course.queryset = AwarenessCourse.objects.visible_to(user)
        return fields


class AdmitSerializer(InputSerializer):
    ceremony_date = serializers.DateField(label=_("ngày lễ kết nạp"))
    card_number = _text(_("số thẻ đảng viên"), 8)


class RecognitionSerializer(InputSerializer):
    member = serializers.IntegerField(label=_("mã số đảng viên"))
    recognised = serializers.BooleanField(label=_("được công nhận"), default=True)
    meeting_date = serializers.DateField(label=_("ngày chi bộ họp xét"))
    decided_by = _text(_("cấp ủy quyết định"), 255)
    decision_number = _text(_("số quyết định"), 60)
    decision_date = serializers.DateField(
        label=_("ngày quyết định"), required=False, allow_null=True
    )
    reason = _text(_("lý do (khi không công nhận)"), 400)


class AdmissionTargetSerializer(serializers.ModelSerializer):
    cell_code = serializers.CharField(source="cell.code", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)

    class Meta:
        model = AdmissionTarget
        fields = ["id", "cell", "cell_code", "cell_name", "year", "target"]
        read_only_fields = fields


class AdmissionTargetInputSerializer(InputSerializer):
    cell = VisibleOrganizationField(label=_("chi bộ"))
    year = serializers.IntegerField(label=_("năm"), min_value=1900, max_value=2200)
    target = serializers.IntegerField(label=_("chỉ tiêu"), min_value=0, max_value=1000)


class AwarenessCourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwarenessCourse
        fields = ["id", "organization", "name", "start_date", "end_date"]
        read_only_fields = fields


class AwarenessCourseInputSerializer(InputSerializer):
    organization = VisibleOrganizationField(label=_("đơn vị tổ chức lớp"))
    name = serializers.CharField(label=_("tên lớp"), max_length=255)
    start_date = serializers.DateField(label=_("ngày khai giảng"))
    end_date = serializers.DateField(label=_("ngày bế giảng"))
