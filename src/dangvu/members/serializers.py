"""API shapes of the member registry: list rows, the profile, and the write inputs.

Sensitive fields (``SENSITIVE_FIELDS``: national ID, address, phone, ethnicity,
religion, health) are never in a list row and are in a profile only when the serializer's
context says ``sees_sensitive`` (``scope.sees_sensitive``: staff and leaders).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.members.choices import Gender, PoliticalTheory, Qualification
from dangvu.members.models import SENSITIVE_FIELDS, Member
from dangvu.organizations.serializers import VisibleOrganizationField

_LIST_FIELDS = [
    "id",
    "full_name",
    "gender",
    "gender_label",
    "birth_date",
    "status",
    "status_label",
    "cell",
    "cell_code",
    "cell_name",
    "card_number",
    "ceremony_date",
    "official_date",
]


class MemberSerializer(serializers.ModelSerializer):
    """One row of a member list: no sensitive field, the cell joined in (no N+1)."""

    gender_label = serializers.CharField(source="get_gender_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    cell_code = serializers.CharField(source="cell.code", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)

    class Meta:
        model = Member
        fields = _LIST_FIELDS
        read_only_fields = _LIST_FIELDS


class MemberDetailSerializer(serializers.ModelSerializer):
    """A full profile (output only).

    The sensitive fields are optional in the schema: they are left out unless
    the context has ``sees_sensitive=True``.
    """

    gender_label = serializers.CharField(source="get_gender_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    cell_code = serializers.CharField(source="cell.code", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)
    qualification_label = serializers.CharField(source="get_qualification_display", read_only=True)
    political_theory_label = serializers.CharField(
        source="get_political_theory_display", read_only=True
    )

    class Meta:
        model = Member
        fields = [
            *_LIST_FIELDS,
            "birth_place",
            "home_town",
            "education_level",
            "qualification",
            "qualification_label",
            "political_theory",
            "political_theory_label",
            "occupation",
            "profile_number",
            "admission_decision_date",
            "admission_decision_number",
            "exempt_from",
            "status_date",
            *SENSITIVE_FIELDS,
        ]
        extra_kwargs = {name: {"required": False} for name in SENSITIVE_FIELDS}

    def to_representation(self, instance: Member) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self.context.get("sees_sensitive", False):
            for name in SENSITIVE_FIELDS:
                data.pop(name, None)
        return data


def _text(label: Any, max_length: int) -> serializers.CharField:
    return serializers.CharField(
        label=label, max_length=max_length, required=False, allow_blank=True
    )


def _date(label: Any) -> serializers.DateField:
    return serializers.DateField(label=label, required=False, allow_null=True)


class MemberUpdateSerializer(InputSerializer):
    """Profile fields ``update_member`` may change (``services.PROFILE_FIELDS``).

    Every field is optional here: ``validate_member`` decides what is missing or
    wrong and says so in Vietnamese. The cell changes only by a transfer.
    """

    full_name = _text(_("họ và tên"), 120)
    gender = serializers.ChoiceField(label=_("giới tính"), choices=Gender.choices, required=False)
    birth_date = _date(_("ngày sinh"))
    birth_place = _text(_("nơi sinh"), 255)
    home_town = _text(_("quê quán"), 255)
    ethnicity = _text(_("dân tộc"), 40)
    religion = _text(_("tôn giáo"), 40)
    national_id = serializers.CharField(
        label=_("số CCCD"), max_length=12, required=False, allow_blank=True, allow_null=True
    )
    phone = _text(_("số điện thoại"), 20)
    address = _text(_("nơi ở hiện nay"), 255)
    health_note = _text(_("tình trạng sức khỏe"), 255)
    education_level = _text(_("giáo dục phổ thông"), 10)
    qualification = serializers.ChoiceField(
        label=_("chuyên môn nghiệp vụ"), choices=Qualification.choices, required=False
    )
    political_theory = serializers.ChoiceField(
        label=_("lý luận chính trị"), choices=PoliticalTheory.choices, required=False
    )
    occupation = _text(_("nghề nghiệp"), 120)
    card_number = serializers.CharField(
        label=_("số thẻ đảng viên"),
        max_length=8,
        required=False,
        allow_blank=True,
        allow_null=True,
    )
    profile_number = _text(_("số lý lịch"), 30)
    admission_decision_date = _date(_("ngày quyết định kết nạp"))
    admission_decision_number = _text(_("số quyết định kết nạp"), 40)
    ceremony_date = _date(_("ngày vào Đảng"))
    official_date = _date(_("ngày chính thức"))


class MemberCreateSerializer(MemberUpdateSerializer):
    """A new member: the profile and the id of the cell they join (permanent placement)."""

    cell = VisibleOrganizationField(label=_("chi bộ"))
