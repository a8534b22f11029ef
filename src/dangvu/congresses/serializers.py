"""API shapes of congress campaigns, congress records and stored elections (issue 7).

Outputs describe the rows and the details ``api_records.py`` answers; inputs
only parse types and formats (``InputSerializer``): the rules are
``congresses.services``' and come back as Vietnamese field errors. The pure
count of ``POST /api/v1/elections/count/`` has its own shapes in ``api.py``;
the names here start with Campaign, Congress or StoredElection so the OpenAPI
components never collide with them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dangvu.congresses.choices import (
    STEP_ORDER,
    CongressKind,
    DocumentKind,
    ElectionKind,
    Exclusion,
    Step,
)
from dangvu.congresses.counting import MARKS
from dangvu.congresses.models import (
    Ballot,
    Campaign,
    Candidate,
    Congress,
    CongressDocument,
    Convened,
    Election,
    Guide,
)
from dangvu.core.api import InputSerializer
from dangvu.organizations.serializers import OrganizationRefSerializer, VisibleOrganizationField

MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1930, 2100
# Steps recorded by ``record_step``; holding and approval have their own actions.
RECORDED_STEPS = [(step.value, step.label) for step in STEP_ORDER[:4]]
TARGET_LEVELS = [("cell", _("Đại hội các chi bộ")), ("grassroots", _("Đại hội các đảng bộ cơ sở"))]
MARK_CHOICES = [(mark, mark) for mark in MARKS]


def _text(label: Any, max_length: int | None = None, **kwargs: Any) -> serializers.CharField:
    if max_length is not None:
        kwargs["max_length"] = max_length
    return serializers.CharField(label=label, required=False, allow_blank=True, **kwargs)


def _year(label: Any, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


# ---------------------------------------------------------------------------
# Campaigns


class CampaignSerializer(serializers.ModelSerializer):
    """One plan for the congresses of a subtree and a term."""

    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    term = serializers.CharField(read_only=True, help_text=_("Nhiệm kỳ, ví dụ 2022-2025."))
    plan = serializers.CharField(
        source="code", read_only=True, help_text=_("Kế hoạch như ghi trong văn bản.")
    )
    parent_plan = serializers.CharField(
        source="parent.code", read_only=True, default="", help_text=_("Kế hoạch của cấp trên.")
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "organization",
            "organization_code",
            "organization_name",
            "term",
            "term_start",
            "term_end",
            "target_level",
            "title",
            "plan_number",
            "plan_date",
            "plan",
            "parent",
            "parent_plan",
            "starts_on",
            "due_on",
            "notice_working_days",
            "note",
        ]
        read_only_fields = fields


class CampaignGuideSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Guide
        fields = ["id", "organization", "member", "member_name", "assigned_on"]
        read_only_fields = fields


class CampaignCellSerializer(serializers.Serializer):
    """One cell of the subtree: its deadline, its congress and how far it has come."""

    id = serializers.IntegerField(help_text=_("Mã số chi bộ."))
    name = serializers.CharField()
    kind = serializers.CharField(help_text=_("Loại hình chi bộ."))
    due_on = serializers.DateField(
        allow_null=True, help_text=_("Hạn của kế hoạch gần nhất ở cấp trên chi bộ.")
    )
    congress = serializers.IntegerField(
        allow_null=True, help_text=_("Mã số đại hội của chi bộ (null: chưa lập kế hoạch).")
    )
    status = serializers.CharField(help_text=_("preparing, held, approved hoặc cancelled."))
    last_step = serializers.CharField(
        allow_blank=True, help_text=_("Bước đã ghi gần nhất; trống khi chưa ghi bước nào.")
    )
    steps = serializers.DictField(
        child=serializers.DateField(allow_null=True), help_text=_("Bước → ngày (null: chưa có).")
    )
    held_on = serializers.DateField(allow_null=True, help_text=_("Ngày đại hội (đến as_of)."))
    late = serializers.BooleanField(help_text=_("Quá hạn mà chưa đại hội."))
    guides = serializers.ListField(
        child=serializers.CharField(), help_text=_("Cấp ủy viên được phân công chỉ đạo.")
    )


class CampaignProgressSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    cells = serializers.IntegerField()
    held = serializers.IntegerField()
    held_by_kind = serializers.DictField(child=serializers.IntegerField())
    late = serializers.ListField(child=serializers.IntegerField())
    rows = CampaignCellSerializer(many=True)


class CampaignDetailSerializer(CampaignSerializer):
    """A plan with its guides, the plans below it and the progress of each cell."""

    children = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text=_("Kế hoạch của cấp dưới.")
    )
    guides = CampaignGuideSerializer(many=True, read_only=True)
    progress = CampaignProgressSerializer(read_only=True)

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "children", "guides", "progress"]
        read_only_fields = fields


class CampaignDetailQuerySerializer(InputSerializer):
    as_of = serializers.DateField(
        label=_("tính đến ngày"), required=False, help_text=_("Mặc định hôm nay.")
    )


class CampaignInputSerializer(InputSerializer):
    """What ``create_campaign`` takes; the service checks the dates and the parent plan."""

    organization = VisibleOrganizationField(label=_("cấp ủy chỉ đạo"))
    term_start = _year(_("nhiệm kỳ từ năm"))
    term_end = _year(_("nhiệm kỳ đến năm"))
    title = serializers.CharField(label=_("tên kế hoạch"), max_length=255)
    due_on = serializers.DateField(label=_("hoàn thành trước ngày"))
    target_level = serializers.ChoiceField(
        label=_("đại hội cấp"), choices=TARGET_LEVELS, required=False, default="cell"
    )
    plan_number = _text(_("số kế hoạch"), 40, default="")
    plan_date = serializers.DateField(label=_("ngày kế hoạch"), required=False, allow_null=True)
    # DRF's metaclass takes declared fields off the class, so this does not shadow
    # ``Field.parent`` at run time; the stubs cannot know that.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        label=_("kế hoạch của cấp trên"),
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
    )
    starts_on = serializers.DateField(label=_("bắt đầu từ ngày"), required=False, allow_null=True)
    notice_working_days = serializers.IntegerField(
        label=_("số ngày làm việc thông báo triệu tập trước"),
        required=False,
        default=0,
        min_value=0,
        max_value=120,
    )
    note = _text(_("ghi chú"), default="")


class CampaignGuideInputSerializer(InputSerializer):
    cell = VisibleOrganizationField(label=_("chi bộ"))
    member = serializers.IntegerField(label=_("cấp ủy viên"), min_value=1, max_value=MAX_ID)
    assigned_on = serializers.DateField(label=_("ngày phân công"))


# ---------------------------------------------------------------------------
# Congresses


class CongressSerializer(serializers.ModelSerializer):
    """One row of the congress list, with the figures of the day."""

    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    term = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    denominator = serializers.IntegerField(
        read_only=True,
        help_text=_("Số đảng viên chính thức triệu tập trừ các trường hợp không tính."),
    )

    class Meta:
        model = Congress
        fields = [
            "id",
            "campaign",
            "organization",
            "organization_code",
            "organization_name",
            "term",
            "term_start",
            "term_end",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "planned_on",
            "place",
            "held_on",
            "closed_on",
            "first_meeting_on",
            "approved_on",
            "convened_count",
            "excluded_count",
            "present_count",
            "denominator",
        ]
        read_only_fields = fields

    def get_term(self, congress: Congress) -> str:
        return f"{congress.term_start}-{congress.term_end}"


class CongressStepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=Step.choices)
    step_label = serializers.CharField()
    on = serializers.DateField(allow_null=True, help_text=_("null: chưa thực hiện."))


class CongressConvenedSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="member.full_name", read_only=True)
    exclusion_label = serializers.CharField(source="get_exclusion_display", read_only=True)

    class Meta:
        model = Convened
        fields = [
            "id",
            "member",
            "full_name",
            "full_member",
            "exclusion",
            "exclusion_label",
            "exclusion_note",
            "present",
        ]
        read_only_fields = fields


class CongressDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = CongressDocument
        fields = ["id", "kind", "kind_label", "title", "added_on", "file", "text"]
        read_only_fields = fields

    def get_file(self, document: CongressDocument) -> str:
        """The stored file's name (empty when the document is a text)."""
        return document.file.name if document.file else ""


class StoredElectionSerializer(serializers.ModelSerializer):
    """One round of one election, with who was elected once counted."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    elected = serializers.SerializerMethodField()

    class Meta:
        model = Election
        fields = [
            "id",
            "congress",
            "kind",
            "kind_label",
            "round",
            "seats",
            "denominator",
            "counting_board",
            "list_decision",
            "status",
            "status_label",
            "counted_on",
            "elected",
        ]
        read_only_fields = fields

    def get_elected(self, election: Election) -> list[str]:
        """Names elected, highest first (empty until counted)."""
        return list((election.result or {}).get("elected", []))


class CongressPositionSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    full_name = serializers.CharField()
    role = serializers.CharField(help_text=_("secretary, deputy_secretary hoặc member."))
    role_label = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class CongressCommitteeSerializer(serializers.Serializer):
    """The committee elected for the congress's term (null until installed)."""

    id = serializers.IntegerField()
    body = serializers.CharField()
    body_label = serializers.CharField()
    term_start = serializers.IntegerField()
    term_end = serializers.IntegerField()
    elected_on = serializers.DateField(allow_null=True)
    positions = CongressPositionSerializer(many=True)


class CongressDetailSerializer(CongressSerializer):
    """A congress with its steps, convened list, documents, elections and new committee."""

    organization_ref = OrganizationRefSerializer(source="organization", read_only=True)
    steps = CongressStepSerializer(many=True, read_only=True)
    convened = CongressConvenedSerializer(many=True, read_only=True)
    documents = CongressDocumentSerializer(many=True, read_only=True)
    elections = StoredElectionSerializer(many=True, read_only=True)
    committee = CongressCommitteeSerializer(read_only=True, allow_null=True)

    class Meta(CongressSerializer.Meta):
        fields = [
            *CongressSerializer.Meta.fields,
            "organization_ref",
            "approval_number",
            "approved_by",
            "chair",
            "secretary",
            "note",
            "cancelled_reason",
            "steps",
            "convened",
            "documents",
            "elections",
            "committee",
        ]
        read_only_fields = fields


class CongressInputSerializer(InputSerializer):
    """What ``plan_congress`` takes: the cell, the term and, if known, the day and place."""

    cell = VisibleOrganizationField(label=_("chi bộ"))
    term_start = _year(_("nhiệm kỳ từ năm"))
    term_end = _year(_("nhiệm kỳ đến năm"))
    planned_on = serializers.DateField(label=_("ngày dự kiến"), required=False, allow_null=True)
    kind = serializers.ChoiceField(
        label=_("hình thức"),
        choices=CongressKind.choices,
        required=False,
        default=CongressKind.ALL_MEMBERS,
    )
    place = _text(_("địa điểm"), 255, default="")


class CongressStepInputSerializer(InputSerializer):
    step = serializers.ChoiceField(label=_("bước"), choices=RECORDED_STEPS)
    on = serializers.DateField(label=_("ngày"))


class CongressConveneInputSerializer(InputSerializer):
    day = serializers.DateField(
        label=_("ngày đại hội"),
        required=False,
        allow_null=True,
        help_text=_("Mặc định: ngày dự kiến của đại hội."),
    )


class CongressExclusionInputSerializer(InputSerializer):
    convened = serializers.IntegerField(
        label=_("dòng trong danh sách triệu tập"), min_value=1, max_value=MAX_ID
    )
    exclusion = serializers.ChoiceField(
        label=_("không tính vào số triệu tập"),
        choices=Exclusion.choices,
        allow_blank=True,
        help_text=_("Trống: bỏ trường hợp không tính."),
    )
    note = _text(_("lý do"), 255, default="")


class CongressPresenceInputSerializer(InputSerializer):
    present = serializers.ListField(
        label=_("đảng viên có mặt"),
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=True,
        max_length=5000,
        help_text=_("Mã số đảng viên có mặt; những người khác trong danh sách là vắng mặt."),
    )


class CongressHoldInputSerializer(InputSerializer):
    held_on = serializers.DateField(label=_("ngày đại hội"))
    place = _text(_("địa điểm"), 255, default="")
    chair = _text(_("đoàn chủ tịch"), 500, default="")
    secretary = _text(_("thư ký đại hội"), 255, default="")
    closed_on = serializers.DateField(
        label=_("ngày bế mạc"),
        required=False,
        default=None,
        allow_null=True,
        help_text=_("Đại hội họp nhiều ngày: ngày bế mạc (hết ngày này là hết nhiệm kỳ cũ)."),
    )
    first_meeting_on = serializers.DateField(
        label=_("ngày hội nghị cấp ủy lần thứ nhất"),
        required=False,
        default=None,
        allow_null=True,
        help_text=_("Chỉ khi họp trong thời gian đại hội: nhiệm kỳ mới tính từ ngày này."),
    )


class CongressInstallInputSerializer(InputSerializer):
    on = serializers.DateField(
        label=_("ngày nhận nhiệm vụ"),
        required=False,
        allow_null=True,
        help_text=_("Mặc định: ngày đại hội."),
    )


class CongressApproveInputSerializer(InputSerializer):
    on = serializers.DateField(label=_("ngày chuẩn y"))
    number = serializers.CharField(label=_("số quyết định chuẩn y"), max_length=60)
    approved_by = serializers.CharField(label=_("cấp chuẩn y"), max_length=255)


class CongressCancelInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do hủy"), max_length=255)


class CongressDocumentInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(label=_("loại"), choices=DocumentKind.choices)
    title = serializers.CharField(label=_("tên tài liệu"), max_length=255)
    on = serializers.DateField(label=_("ngày"))
    text = _text(_("nội dung"), 200_000, default="")
    file = serializers.FileField(label=_("tệp"), required=False, allow_null=True)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 120}],
        "description": "Mã số đảng viên, hoặc họ và tên người ngoài danh sách đảng viên.",
    }
)
class CandidateRefField(serializers.Field):
    """A candidate: a member's id (a number) or, for someone outside the list, a name."""

    default_error_messages = {
        "invalid": _("Mỗi người trong danh sách là mã số đảng viên hoặc họ và tên."),
        "blank": _("Họ và tên không được để trống."),
    }

    def to_internal_value(self, data: Any) -> int | str:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        if isinstance(data, int):
            if not 1 <= data <= MAX_ID:
                self.fail("invalid")
            return data
        if not data.strip():
            self.fail("blank")
        if len(data) > 120:
            self.fail("invalid")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class StoredElectionInputSerializer(InputSerializer):
    """What ``create_election`` takes; the service checks the list against the seats."""

    kind = serializers.ChoiceField(label=_("bầu"), choices=ElectionKind.choices)
    seats = serializers.IntegerField(label=_("số lượng cần bầu"), min_value=1, max_value=500)
    candidates = serializers.ListField(
        label=_("danh sách bầu cử"),
        child=CandidateRefField(),
        min_length=1,
        max_length=1000,
        help_text=_("Mã số đảng viên (số) hoặc họ và tên (chuỗi), theo thứ tự trên phiếu."),
    )
    counting_board = _text(_("ban kiểm phiếu"), 500, default="")
    round = serializers.IntegerField(
        label=_("lần bầu"), required=False, default=1, min_value=1, max_value=20
    )
    list_decision = _text(
        _("quyết định của đại hội về danh sách không có số dư"),
        500,
        default="",
        help_text=_(
            "Bắt buộc khi danh sách bầu cấp ủy không nhiều hơn số lượng cần bầu (Quy chế bầu "
            "cử, Điều 14): đại hội biểu quyết thế nào, vì sao."
        ),
    )


# ---------------------------------------------------------------------------
# Stored elections


class StoredCandidateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Candidate
        fields = ["id", "position", "name", "member"]
        read_only_fields = fields


class StoredBallotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ballot
        fields = ["number", "issued", "kept", "marks"]
        read_only_fields = fields


class StoredElectionDetailSerializer(StoredElectionSerializer):
    """One round with its list, its ballots or tally sheet, and the stored count."""

    organization = serializers.IntegerField(source="congress.organization_id", read_only=True)
    organization_name = serializers.CharField(source="congress.organization.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    candidates = StoredCandidateSerializer(many=True, read_only=True)
    ballots = StoredBallotSerializer(many=True, read_only=True)
    result = serializers.JSONField(
        read_only=True,
        help_text=_("Kết quả kiểm phiếu (như POST /api/v1/elections/count/); {} khi chưa kiểm."),
    )
    tally = serializers.JSONField(read_only=True, help_text=_("Biên bản tổng hợp, nếu có."))

    class Meta(StoredElectionSerializer.Meta):
        fields = [
            *StoredElectionSerializer.Meta.fields,
            "organization",
            "organization_name",
            "issued_count",
            "unreturned",
            "candidates",
            "ballots",
            "tally",
            "result",
        ]
        read_only_fields = fields


class StoredBallotInputSerializer(InputSerializer):
    """One ballot: the names left (strike-out ballot) or, without surplus, the marks."""

    kept = serializers.ListField(
        label=_("tên không bị gạch"),
        child=serializers.CharField(max_length=120),
        required=False,
        allow_null=True,
        max_length=1000,
    )
    marks = serializers.DictField(
        label=_("đánh dấu"),
        child=serializers.ChoiceField(choices=MARK_CHOICES),
        required=False,
        allow_null=True,
        help_text=_("Tên → agree, disagree, both, none (chỉ với danh sách không có số dư)."),
    )
    issued = serializers.BooleanField(
        label=_("do Ban kiểm phiếu phát ra"), required=False, default=True
    )


class StoredTallyInputSerializer(InputSerializer):
    votes = serializers.DictField(
        label=_("số phiếu bầu mỗi người"),
        child=serializers.IntegerField(min_value=0, max_value=10**7),
    )
    valid = serializers.IntegerField(label=_("số phiếu hợp lệ"), min_value=0, max_value=10**7)
    invalid = serializers.DictField(
        label=_("số phiếu không hợp lệ theo lý do"),
        child=serializers.IntegerField(min_value=0, max_value=10**7),
        required=False,
        default=dict,
        help_text=_("not_issued: không do Ban kiểm phiếu phát ra; too_many: bầu quá số lượng."),
    )


class StoredCountInputSerializer(InputSerializer):
    on = serializers.DateField(
        label=_("ngày kiểm phiếu"), required=False, help_text=_("Mặc định: ngày đại hội.")
    )
    issued_count = serializers.IntegerField(
        label=_("số phiếu phát ra"), required=False, allow_null=True, min_value=0, max_value=10**7
    )
    unreturned = serializers.IntegerField(
        label=_("số phiếu không thu về"), required=False, default=0, min_value=0, max_value=10**7
    )


class StoredNextRoundInputSerializer(InputSerializer):
    candidates = serializers.ListField(
        label=_("danh sách bầu lần sau"),
        child=serializers.CharField(max_length=120),
        required=False,
        allow_null=True,
        max_length=1000,
        help_text=_("Mặc định: những người bằng phiếu nhau (hoặc chưa trúng cử)."),
    )
