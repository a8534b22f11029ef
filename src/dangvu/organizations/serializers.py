"""API shapes of the party tree: organisations, their statistics, and the write inputs."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.core.tree import ancestor_ids
from dangvu.organizations.choices import Kind, Level
from dangvu.organizations.models import Organization


class OrganizationSerializer(serializers.ModelSerializer):
    """One node of the tree. ``ancestor_ids`` (root first) comes from the path: no query."""

    level_label = serializers.CharField(source="get_level_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    ancestor_ids = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "is_cell",
            "parent",
            "ancestor_ids",
            "founded_on",
            "ended_on",
        ]
        read_only_fields = fields

    def get_ancestor_ids(self, org: Organization) -> list[int]:
        return ancestor_ids(org.path)[:-1]


class VisibleOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organisation id, resolved among those the requesting user can see.

    An id out of the user's scope reads exactly like an id that does not
    exist, so the API never tells an outsider that an organisation is there.
    """

    default_error_messages = {
        "does_not_exist": _("Không tìm thấy tổ chức có mã số {pk_value}."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Organization.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Organization]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Organization.objects.visible_to(user)


class OrganizationCreateSerializer(InputSerializer):
    """What ``create_organization`` takes; the service checks levels, kinds and the code."""

    code = serializers.CharField(label=_("mã tổ chức"), max_length=40)
    name = serializers.CharField(label=_("tên"), max_length=255)
    short_name = serializers.CharField(
        label=_("tên ngắn"), max_length=120, required=False, allow_blank=True
    )
    level = serializers.ChoiceField(label=_("cấp"), choices=Level.choices)
    kind = serializers.ChoiceField(
        label=_("loại hình"), choices=Kind.choices, required=False, allow_blank=True
    )
    is_cell = serializers.BooleanField(label=_("chi bộ cơ sở"), required=False, default=False)
    # DRF's metaclass takes declared fields off the class, so this does not shadow
    # ``Field.parent`` at run time; the stubs cannot know that.
    parent = VisibleOrganizationField(  # type: ignore[assignment]
        label=_("tổ chức cấp trên"), required=False, allow_null=True
    )
    founded_on = serializers.DateField(label=_("ngày thành lập"), required=False, allow_null=True)
    note = serializers.CharField(label=_("ghi chú"), required=False, allow_blank=True)


class OrganizationUpdateSerializer(InputSerializer):
    """What ``update_organization`` may change: the code, level and place in the tree stay."""

    name = serializers.CharField(label=_("tên"), max_length=255, required=False)
    short_name = serializers.CharField(
        label=_("tên ngắn"), max_length=120, required=False, allow_blank=True
    )
    kind = serializers.ChoiceField(
        label=_("loại hình"), choices=Kind.choices, required=False, allow_blank=True
    )
    is_cell = serializers.BooleanField(label=_("chi bộ cơ sở"), required=False)
    founded_on = serializers.DateField(label=_("ngày thành lập"), required=False, allow_null=True)
    ended_on = serializers.DateField(
        label=_("ngày kết thúc hoạt động"), required=False, allow_null=True
    )
    note = serializers.CharField(label=_("ghi chú"), required=False, allow_blank=True)


# The Communist Party of Viet Nam was founded on 03/02/1930: no statistics before.
PARTY_FOUNDED = date(1930, 2, 3)
MAX_STATS_YEAR = 2100


class StatsQuerySerializer(InputSerializer):
    as_of = serializers.DateField(
        label=_("tính đến ngày"),
        required=False,
        help_text=_("Ngày tính số liệu (YYYY-MM-DD, từ 1930-02-03); mặc định là hôm nay."),
    )

    year = serializers.IntegerField(
        label=_("năm"),
        required=False,
        help_text=_(
            "Thêm số liệu của năm này (1930–2100): kết nạp, cử đi học lớp nhận thức, "
            "công nhận chính thức, chuyển đến, chuyển đi, xóa tên, khai trừ, ra khỏi Đảng, "
            "từ trần và chỉ tiêu kết nạp của từng chi bộ."
        ),
    )

    def validate_as_of(self, value: date) -> date:
        if value < PARTY_FOUNDED:
            raise serializers.ValidationError(
                _("Ngày phải từ 03/02/1930 (ngày thành lập Đảng) trở về sau.")
            )
        return value

    def validate_year(self, value: int) -> int:
        if not PARTY_FOUNDED.year <= value <= MAX_STATS_YEAR:
            raise serializers.ValidationError(_("Năm phải từ 1930 đến 2100."))
        return value


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


def _counts(help_text: Any) -> serializers.DictField:
    return serializers.DictField(child=serializers.IntegerField(), help_text=help_text)


def _year_count(help_text: Any) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, help_text=help_text)


class AdmissionTargetStatsSerializer(serializers.Serializer):
    cell = OrganizationRefSerializer()
    target = serializers.IntegerField(help_text=_("Chỉ tiêu kết nạp của năm."))
    actual = serializers.IntegerField(help_text=_("Số đảng viên chi bộ đã kết nạp trong năm."))


class OrganizationStatsSerializer(serializers.Serializer):
    """The shape of ``organization_stats``: documents the stats endpoint (output only).

    ``members`` counts probationary, full and exempt members whose permanent
    placement on ``as_of`` is in the subtree; a temporary placement is counted
    at home, not at the host (Quy định 24-QĐ/TW, 9.4).
    """

    organization = OrganizationRefSerializer()
    as_of = serializers.DateField()
    organizations_by_level = _counts(_("Số tổ chức trực thuộc theo cấp (không kể tổ chức gốc)."))
    cells = serializers.IntegerField(help_text=_("Số chi bộ (kể cả chi bộ cơ sở)."))
    cells_by_kind = _counts(_("Số chi bộ theo loại hình."))
    cells_with_committee = serializers.IntegerField(help_text=_("Số chi bộ có chi ủy."))
    members = serializers.IntegerField(help_text=_("Số đảng viên."))
    members_by_status = _counts(_("Số đảng viên theo tình trạng."))
    members_by_gender = _counts(_("Số đảng viên theo giới tính."))
    members_by_age_band = _counts(_("Số đảng viên theo độ tuổi."))
    # Sensitive breakdowns: absent unless the user is staff or leader at the
    # organisation or above (organizations/stats.py, SENSITIVE_KEYS).
    members_by_ethnicity = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("Số đảng viên theo dân tộc (chỉ cán bộ văn phòng, lãnh đạo)."),
    )
    members_by_religion = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("Số đảng viên theo tôn giáo (chỉ cán bộ văn phòng, lãnh đạo)."),
    )
    members_by_qualification = _counts(_("Số đảng viên theo trình độ chuyên môn."))
    members_by_political_theory = _counts(_("Số đảng viên theo trình độ lý luận chính trị."))
    members_by_party_age_band = _counts(
        _("Số đảng viên theo tuổi Đảng (tính từ ngày kết nạp, không trừ thời gian gián đoạn).")
    )
    admitted_in_year = serializers.IntegerField(
        required=False, help_text=_("Số đảng viên kết nạp từ đầu năm đến ngày as_of.")
    )
    # With ?year=YYYY only: that year's movements in the subtree.
    year = serializers.IntegerField(required=False, help_text=_("Năm của các số liệu dưới đây."))
    admitted = _year_count(_("Số đảng viên kết nạp (kể cả kết nạp lại) có lễ trong năm."))
    sent_to_course = _year_count(_("Số quần chúng được cử đi học lớp nhận thức về Đảng."))
    recognised = _year_count(_("Số đảng viên được công nhận chính thức."))
    transferred_in = _year_count(_("Số lượt chuyển sinh hoạt đến."))
    transferred_out = _year_count(_("Số lượt chuyển sinh hoạt đi."))
    removed = _year_count(_("Số đảng viên bị xóa tên."))
    expelled = _year_count(_("Số đảng viên bị khai trừ."))
    left = _year_count(_("Số đảng viên ra khỏi Đảng."))
    deceased = _year_count(_("Số đảng viên từ trần."))
    attendance_rate = serializers.FloatField(
        required=False,
        allow_null=True,
        help_text=_(
            "Tỷ lệ tham gia sinh hoạt của năm: có mặt ÷ phải dự trên các kỳ sinh hoạt "
            "thường kỳ và chuyên đề đã điểm danh của cả cây con; null khi chưa có."
        ),
    )
    meetings_held = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("Số kỳ sinh hoạt đã họp trong năm: regular (thường kỳ), thematic (chuyên đề)."),
    )
    admission_targets = AdmissionTargetStatsSerializer(
        many=True,
        required=False,
        help_text=_("Các chi bộ có chỉ tiêu kết nạp trong năm: chỉ tiêu và số đã kết nạp."),
    )
