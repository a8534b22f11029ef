"""API shapes of meetings: rows, the detail with its attendance and minutes, the inputs.

The inputs only parse types and formats (``InputSerializer``); the rules are
``meetings.services``' and come back as Vietnamese field errors.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.admissions.serializers import VisibleMemberField
from dangvu.core.api import InputSerializer
from dangvu.meetings.choices import AttendanceState, GuestKind, Kind, ReviewPeriod, Topic
from dangvu.meetings.models import (
    Attendance,
    Guest,
    Meeting,
    Opinion,
    OversightAssignment,
    Resolution,
)
from dangvu.organizations.serializers import OrganizationRefSerializer, VisibleOrganizationField

RATE_HELP = _("Tỷ lệ tham gia sinh hoạt = có mặt ÷ phải dự; null khi chưa điểm danh.")


class MeetingSerializer(serializers.ModelSerializer):
    """One row of the meeting list, with the counts of its attendance."""

    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    expected = serializers.IntegerField(
        source="expected_count", read_only=True, help_text=_("Số đảng viên phải dự.")
    )
    present = serializers.IntegerField(
        source="present_count", read_only=True, help_text=_("Số phải dự có mặt.")
    )
    excused = serializers.IntegerField(
        source="excused_count", read_only=True, help_text=_("Số phải dự vắng có lý do.")
    )
    absent = serializers.IntegerField(
        source="absent_count", read_only=True, help_text=_("Số phải dự vắng không lý do.")
    )
    attendance_rate = serializers.FloatField(read_only=True, allow_null=True, help_text=RATE_HELP)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "organization",
            "organization_code",
            "organization_name",
            "kind",
            "kind_label",
            "topic",
            "topic_label",
            "topic_text",
            "review_period",
            "review_number",
            "title",
            "date",
            "start_time",
            "place",
            "status",
            "status_label",
            "attendance_taken",
            "expected",
            "present",
            "excused",
            "absent",
            "attendance_rate",
        ]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "expected", "state", "state_label", "reason"]
        read_only_fields = fields


class GuestSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Guest
        fields = ["id", "kind", "kind_label", "member", "name", "role"]
        read_only_fields = fields


class OpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opinion
        fields = ["id", "order", "speaker", "speaker_name", "text"]
        read_only_fields = fields


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = [
            "id",
            "order",
            "text",
            "owner_name",
            "due_on",
            "task_reference",
            "handed_off_at",
        ]
        read_only_fields = fields


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its attendance, guests and minutes (opinions, resolutions)."""

    chair_name = serializers.CharField(source="chair.full_name", read_only=True, default="")
    secretary_name = serializers.CharField(source="secretary.full_name", read_only=True, default="")
    attendance = AttendanceSerializer(many=True, read_only=True)
    guests = GuestSerializer(many=True, read_only=True)
    opinions = OpinionSerializer(many=True, read_only=True)
    resolutions = ResolutionSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [
            *MeetingSerializer.Meta.fields,
            "chair",
            "chair_name",
            "secretary",
            "secretary_name",
            "agenda",
            "documents_studied",
            "opening",
            "content",
            "conclusion",
            "approved_on",
            "attendance",
            "guests",
            "opinions",
            "resolutions",
        ]
        read_only_fields = fields


def _text(label: Any, max_length: int | None = None) -> serializers.CharField:
    if max_length is None:
        return serializers.CharField(label=label, required=False, allow_blank=True)
    return serializers.CharField(
        label=label, max_length=max_length, required=False, allow_blank=True
    )


class MeetingUpdateSerializer(InputSerializer):
    """What ``update_meeting`` may change (organisation and status have their own paths)."""

    kind = serializers.ChoiceField(label=_("loại"), choices=Kind.choices, required=False)
    date = serializers.DateField(label=_("ngày họp"), required=False)
    topic = serializers.ChoiceField(
        label=_("chủ đề"), choices=Topic.choices, required=False, allow_blank=True
    )
    topic_text = _text(_("chủ đề (nội dung)"), 255)
    review_period = serializers.ChoiceField(
        label=_("kỳ sơ kết"), choices=ReviewPeriod.choices, required=False, allow_blank=True
    )
    review_number = serializers.IntegerField(
        label=_("quý / nửa năm"), required=False, allow_null=True, min_value=1, max_value=4
    )
    title = _text(_("tiêu đề"), 255)
    start_time = serializers.TimeField(label=_("giờ bắt đầu"), required=False, allow_null=True)
    place = _text(_("địa điểm"), 255)
    chair = VisibleMemberField(label=_("chủ trì"), required=False, allow_null=True)
    secretary = VisibleMemberField(label=_("thư ký"), required=False, allow_null=True)
    agenda = _text(_("chương trình"))
    documents_studied = _text(_("văn bản quán triệt"))
    opening = _text(_("khai mạc"))
    content = _text(_("nội dung"))
    conclusion = _text(_("kết luận"))


class MeetingCreateSerializer(MeetingUpdateSerializer):
    organization = VisibleOrganizationField(label=_("tổ chức"))
    kind = serializers.ChoiceField(label=_("loại"), choices=Kind.choices)
    date = serializers.DateField(label=_("ngày họp"))


class RosterRowSerializer(serializers.Serializer):
    """One member who may be marked, with their current mark (if any)."""

    member = serializers.IntegerField(help_text=_("Mã số đảng viên."))
    full_name = serializers.CharField()
    expected = serializers.BooleanField(help_text=_("Phải dự (được tính vào tỷ lệ)."))
    note = serializers.CharField(help_text=_("Vì sao không phải dự; trống khi phải dự."))
    state = serializers.CharField(
        allow_blank=True, help_text=_("present, excused, absent; trống khi chưa điểm danh.")
    )
    reason = serializers.CharField(allow_blank=True)


class AttendanceEntrySerializer(InputSerializer):
    member = serializers.IntegerField(label=_("mã số đảng viên"), min_value=1)
    state = serializers.ChoiceField(label=_("tình trạng"), choices=AttendanceState.choices)
    reason = serializers.CharField(
        label=_("lý do vắng"), required=False, allow_blank=True, default="", max_length=255
    )


class AttendanceInputSerializer(InputSerializer):
    """The body of an attendance submission: ``{"entries": [...]}`` (a bare list is accepted)."""

    entries = AttendanceEntrySerializer(
        many=True,
        label=_("điểm danh"),
        error_messages={"not_a_list": _("Phải là một danh sách (member, state, reason).")},
    )


class GuestInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(label=_("loại khách"), choices=GuestKind.choices)
    name = _text(_("họ và tên"), 120)
    role = _text(_("chức vụ"), 255)
    member = VisibleMemberField(label=_("đảng viên"), required=False, allow_null=True)


class OpinionInputSerializer(InputSerializer):
    speaker_name = _text(_("người phát biểu"), 255)
    speaker = VisibleMemberField(
        label=_("người phát biểu (đảng viên)"), required=False, allow_null=True
    )
    text = serializers.CharField(label=_("nội dung"))


class ResolutionInputSerializer(InputSerializer):
    text = serializers.CharField(label=_("nội dung"))
    owner_name = _text(_("người / bộ phận thực hiện"), 255)
    due_on = serializers.DateField(label=_("thời hạn"), required=False, allow_null=True)


class ApproveInputSerializer(InputSerializer):
    approved_on = serializers.DateField(label=_("ngày duyệt biên bản"))


class CancelInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do hủy"), max_length=100)


class HandOffSerializer(serializers.Serializer):
    task_reference = serializers.CharField(help_text=_("Mã nhiệm vụ đã giao."))
    resolution = ResolutionSerializer()


# ---------------------------------------------------------------------------
# Oversight assignments


class OversightAssignmentSerializer(serializers.ModelSerializer):
    """An assignment, and how many of the cell's meetings the member attended during it."""

    member_name = serializers.CharField(source="member.full_name", read_only=True)
    cell_code = serializers.CharField(source="cell.code", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)
    meetings = serializers.IntegerField(
        read_only=True, default=0, help_text=_("Số kỳ họp chi bộ đã họp trong thời gian phân công.")
    )
    attended = serializers.IntegerField(
        read_only=True,
        default=0,
        help_text=_("Số kỳ họp cấp ủy viên được phân công có dự (khách mời hoặc điểm danh)."),
    )

    class Meta:
        model = OversightAssignment
        fields = [
            "id",
            "member",
            "member_name",
            "cell",
            "cell_code",
            "cell_name",
            "committee",
            "start_date",
            "end_date",
            "note",
            "meetings",
            "attended",
        ]
        read_only_fields = fields


class OversightInputSerializer(InputSerializer):
    member = VisibleMemberField(label=_("cấp ủy viên"))
    cell = VisibleOrganizationField(label=_("chi bộ"))
    committee = serializers.IntegerField(
        label=_("cấp ủy (nhiệm kỳ)"), required=False, allow_null=True
    )
    start_date = serializers.DateField(label=_("từ ngày"))
    end_date = serializers.DateField(label=_("đến ngày"), required=False, allow_null=True)
    note = _text(_("ghi chú"), 255)


class OversightEndSerializer(InputSerializer):
    end_date = serializers.DateField(label=_("đến ngày"))


# ---------------------------------------------------------------------------
# Rates and compliance


MIN_YEAR, MAX_YEAR = 1930, 2100


class _OrganizationYearQuery(InputSerializer):
    organization = serializers.IntegerField(
        label=_("tổ chức (cả cấp dưới)"), min_value=1, max_value=2**63 - 1
    )
    year = serializers.IntegerField(
        label=_("năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )


class RatesQuerySerializer(_OrganizationYearQuery):
    period = serializers.ChoiceField(
        label=_("kỳ"),
        choices=[("month", _("Tháng")), ("quarter", _("Quý")), ("year", _("Năm"))],
        required=False,
        default="month",
    )


class ComplianceQuerySerializer(_OrganizationYearQuery):
    quarter = serializers.IntegerField(label=_("quý"), required=False, min_value=1, max_value=4)


class RateSerializer(serializers.Serializer):
    meetings = serializers.IntegerField(help_text=_("Số kỳ họp đã điểm danh."))
    expected = serializers.IntegerField()
    present = serializers.IntegerField()
    excused = serializers.IntegerField()
    absent = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text=RATE_HELP)


class PeriodRateSerializer(RateSerializer):
    period = serializers.IntegerField(help_text=_("Tháng (1–12), quý (1–4) hoặc năm."))


class ChildRateSerializer(RateSerializer):
    organization = OrganizationRefSerializer()


class RatesSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    year = serializers.IntegerField()
    period = serializers.CharField()
    total = RateSerializer()
    periods = PeriodRateSerializer(many=True)
    children = ChildRateSerializer(
        many=True, help_text=_("Tỷ lệ cả năm của từng tổ chức trực thuộc.")
    )


class GapSerializer(serializers.Serializer):
    cell = OrganizationRefSerializer()
    kind = serializers.CharField(help_text=_("regular (tháng) hoặc thematic (quý)."))
    kind_label = serializers.CharField()
    period_label = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()


class ComplianceSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(allow_null=True)
    gaps = GapSerializer(many=True)
