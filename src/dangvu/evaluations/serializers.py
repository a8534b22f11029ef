"""API shapes of the annual review: periods, evaluations, quota rows, the summary, inputs.

The inputs only parse types and formats (``InputSerializer``); the rules —
the order of the steps, who may act, the quota, the forced cases — are
``evaluations.services``' and come back as Vietnamese messages (400).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import InputSerializer
from dangvu.evaluations.choices import (
    LEVEL_SHORT,
    CommendationForm,
    DisciplineForm,
    Level,
    Rounding,
    Step,
    SubjectKind,
)
from dangvu.evaluations.models import (
    Commendation,
    DisciplineRecord,
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)
from dangvu.evaluations.permissions import sees_forced_reason
from dangvu.evaluations.rules import rules_by_code
from dangvu.members.models import Member
from dangvu.organizations.serializers import VisibleOrganizationField

MAX_ID = 2**63 - 1

# ---------------------------------------------------------------------------
# Output


class EvaluationPeriodSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    period_label = serializers.CharField(source="label", read_only=True)
    rules_name = serializers.SerializerMethodField(help_text=_("Tên quy định áp dụng."))
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = EvaluationPeriod
        fields = [
            "id",
            "organization",
            "organization_code",
            "organization_name",
            "year",
            "quarter",
            "period_label",
            "rules",
            "rules_name",
            "state",
            "state_label",
            "quota_rate",
            "quota_rounding",
            "plan_reference",
            "opened_on",
            "closed_on",
            "note",
        ]
        read_only_fields = fields

    def get_rules_name(self, period: EvaluationPeriod) -> str:
        try:
            return rules_by_code(period.rules).name
        except KeyError:
            return period.rules


def _level_short(level: str) -> str:
    return LEVEL_SHORT.get(Level(level), "") if level else ""


class EvaluationSerializer(serializers.ModelSerializer):
    """One subject of a period with the three steps of the cascade.

    ``forced_reason`` names a discipline, so it is in the answer only for the
    roles that read discipline records (``permissions.sees_forced_reason``, the
    context's request user); for the others the key is absent (optional in the
    schema), while the forced level itself stays: the ranking is public.
    """

    subject_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    deciding_org_name = serializers.CharField(source="deciding_org.name", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    self_short = serializers.SerializerMethodField(help_text=_("Tự xếp loại, viết tắt."))
    proposed_short = serializers.SerializerMethodField(help_text=_("Chi bộ đề xuất, viết tắt."))
    decided_short = serializers.SerializerMethodField(help_text=_("Cấp ủy quyết định, viết tắt."))
    # Not read-only in the declaration only so that the schema may call it optional
    # (a read-only field is always "required" there); the serializer is output only.
    forced_reason = serializers.CharField(
        required=False,
        help_text=_(
            "Lý do buộc xếp loại Không hoàn thành nhiệm vụ; chỉ có với cán bộ văn phòng, "
            "lãnh đạo và chính đảng viên đó."
        ),
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "period",
            "kind",
            "member",
            "subject_org",
            "subject_name",
            "unit",
            "unit_name",
            "deciding_org",
            "deciding_org_name",
            "stage",
            "stage_label",
            "not_evaluated_reason",
            "self_level",
            "self_short",
            "self_score",
            "self_criteria",
            "self_note",
            "self_on",
            "proposed_level",
            "proposed_short",
            "proposed_score",
            "proposal_note",
            "proposed_on",
            "decided_level",
            "decided_short",
            "decided_score",
            "decision_note",
            "decided_on",
            "forced_reason",
            "targets_percent",
            "exceeded_percent",
            "reopen_reason",
        ]
        read_only_fields = [name for name in fields if name != "forced_reason"]

    def to_representation(self, instance: Evaluation) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if not sees_forced_reason(getattr(request, "user", None), instance):
            data.pop("forced_reason", None)
        return data

    def get_self_short(self, evaluation: Evaluation) -> str:
        return _level_short(evaluation.self_level)

    def get_proposed_short(self, evaluation: Evaluation) -> str:
        return _level_short(evaluation.proposed_level)

    def get_decided_short(self, evaluation: Evaluation) -> str:
        return _level_short(evaluation.decided_level)


class QuotaExceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuotaException
        fields = [
            "id",
            "period",
            "deciding_org",
            "kind",
            "authority",
            "number",
            "decided_on",
            "reason",
            "allowed",
            "withdrawn",
        ]
        read_only_fields = fields


class FinalizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finalization
        fields = [
            "id",
            "period",
            "deciding_org",
            "kind",
            "finalized_on",
            "decision_number",
            "excellent",
            "good",
            "completed",
            "not_completed",
            "limit",
            "exception",
            "active",
            "reopened_on",
            "reopen_reason",
        ]
        read_only_fields = fields


class DisciplineRecordSerializer(serializers.ModelSerializer):
    form_label = serializers.CharField(source="get_form_display", read_only=True)

    class Meta:
        model = DisciplineRecord
        fields = [
            "id",
            "member",
            "organization",
            "form",
            "form_label",
            "decided_on",
            "authority",
            "decision_number",
            "reason",
            "self_corrected",
            "cancelled",
        ]
        read_only_fields = fields


class CommendationSerializer(serializers.ModelSerializer):
    form_label = serializers.CharField(source="get_form_display", read_only=True)
    subject_name = serializers.CharField(source="evaluation.subject_name", read_only=True)
    year = serializers.IntegerField(source="evaluation.period.year", read_only=True)

    class Meta:
        model = Commendation
        fields = [
            "id",
            "evaluation",
            "subject_name",
            "year",
            "form",
            "form_label",
            "authority",
            "decision_number",
            "decided_on",
            "note",
        ]
        read_only_fields = fields


class QuotaExceptionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    authority = serializers.CharField()
    number = serializers.CharField()
    decided_on = serializers.DateField()
    reason = serializers.CharField()
    allowed = serializers.IntegerField(allow_null=True)


class QuotaRowSerializer(serializers.Serializer):
    """One deciding group: its counts, the limit and whether it is over (output only)."""

    organization = serializers.CharField(help_text=_("Tên cấp quyết định (đảng bộ)."))
    organization_id = serializers.IntegerField()
    organization_code = serializers.CharField()
    period = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SubjectKind.choices)
    good = serializers.IntegerField()
    excellent = serializers.IntegerField()
    completed = serializers.IntegerField()
    not_completed = serializers.IntegerField()
    pending = serializers.IntegerField(help_text=_("Được đánh giá nhưng chưa xếp loại."))
    limit = serializers.IntegerField(help_text=_("Số HTXSNV tối đa (tỷ lệ × số HTTNV)."))
    exceeded = serializers.BooleanField(help_text=_("Số HTXSNV vượt giới hạn."))
    over_by = serializers.IntegerField()
    covered_by_exception = serializers.BooleanField(
        help_text=_("Văn bản cho phép vượt tỷ lệ bao gồm số HTXSNV hiện có.")
    )
    explanation = serializers.CharField()
    exception = QuotaExceptionRefSerializer(allow_null=True)
    finalized = serializers.BooleanField()
    finalized_on = serializers.DateField(allow_null=True)


class EvaluationTallySerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=_("Được đánh giá và không đánh giá."))
    evaluated = serializers.IntegerField()
    not_evaluated = serializers.IntegerField()
    excellent = serializers.IntegerField()
    good = serializers.IntegerField()
    completed = serializers.IntegerField()
    not_completed = serializers.IntegerField()
    pending = serializers.IntegerField(help_text=_("Được đánh giá nhưng chưa có quyết định."))
    excellent_share = serializers.FloatField(allow_null=True)
    good_or_better_share = serializers.FloatField(allow_null=True)
    completed_or_better_share = serializers.FloatField(allow_null=True)


class SummaryOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class SummaryPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization_id = serializers.IntegerField()
    state = serializers.CharField()


class SharesExplainedSerializer(serializers.Serializer):
    cells_good_or_better = serializers.CharField()
    members_completed_or_better = serializers.CharField()
    members_excellent = serializers.CharField()


class EvaluationSummarySerializer(serializers.Serializer):
    """The shape of ``summary.evaluation_summary`` (documents the endpoint; output only).

    Shares are fractions of the subjects evaluated, rounded to 4 decimals,
    null when nobody is evaluated; ``cells`` are the cells (level cell),
    ``grassroots`` the grassroots organisations of the subtree.
    """

    organization = SummaryOrganizationSerializer()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    rules = serializers.CharField(help_text=_("Quy định áp dụng, ví dụ “Quy định 132-QĐ/TW”."))
    rules_code = serializers.CharField()
    rules_source = serializers.CharField()
    periods = SummaryPeriodSerializer(many=True)
    cells = EvaluationTallySerializer()
    grassroots = EvaluationTallySerializer()
    members = EvaluationTallySerializer()
    quota = QuotaRowSerializer(many=True)
    shares_explained = SharesExplainedSerializer()


# ---------------------------------------------------------------------------
# Input


def _text(label: Any, max_length: int = 10_000) -> serializers.CharField:
    return serializers.CharField(
        label=label, max_length=max_length, required=False, allow_blank=True
    )


def _score(label: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        label=label, max_digits=5, decimal_places=2, required=False, allow_null=True
    )


def _day(label: Any) -> serializers.DateField:
    return serializers.DateField(label=label, required=False, allow_null=True)


class SummaryQuerySerializer(InputSerializer):
    year = serializers.IntegerField(label=_("năm"), min_value=1930, max_value=2200)
    quarter = serializers.IntegerField(label=_("quý"), min_value=0, max_value=4, default=0)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["year"].error_messages["required"] = _("Cần ghi năm đánh giá, ví dụ ?year=2021.")
        return fields


class QuotaQuerySerializer(InputSerializer):
    proposed = serializers.BooleanField(
        label=_("tính cả đề xuất của chi bộ (chưa quyết định)"), default=False
    )


class PeriodCreateSerializer(InputSerializer):
    organization = VisibleOrganizationField(label=_("tổ chức"))
    year = serializers.IntegerField(label=_("năm"), min_value=1930, max_value=2200)
    quarter = serializers.IntegerField(label=_("quý"), min_value=0, max_value=4, default=0)
    opened_on = _day(_("ngày mở kỳ đánh giá"))
    plan_reference = _text(_("văn bản hướng dẫn, kế hoạch"), 255)
    note = _text(_("ghi chú"))
    quota_rate = serializers.DecimalField(
        label=_("tỷ lệ HTXSNV tối đa so với HTTNV"),
        max_digits=4,
        decimal_places=2,
        min_value=0,
        max_value=1,
        required=False,
        allow_null=True,
    )
    quota_rounding = serializers.ChoiceField(
        label=_("cách làm tròn giới hạn"),
        choices=Rounding.choices,
        required=False,
        allow_null=True,
    )


class SelfAssessInputSerializer(InputSerializer):
    level = serializers.ChoiceField(
        label=_("tự xếp loại"), choices=Level.choices, required=False, allow_null=True
    )
    criteria = serializers.DictField(
        label=_("điểm theo nhóm tiêu chí (general, results)"),
        child=serializers.DecimalField(max_digits=5, decimal_places=2),
        required=False,
        allow_null=True,
    )
    note = _text(_("tự nhận xét"))
    on = _day(_("ngày"))
    targets_percent = _score(_("tỷ lệ chỉ tiêu, nhiệm vụ hoàn thành (%)"))
    exceeded_percent = _score(_("tỷ lệ chỉ tiêu vượt (%)"))


class EvaluationStepSerializer(InputSerializer):
    level = serializers.ChoiceField(
        label=_("xếp loại"), choices=Level.choices, required=False, allow_null=True
    )
    score = _score(_("điểm"))
    note = _text(_("nhận xét"))
    on = _day(_("ngày"))


class EvaluationReopenSerializer(InputSerializer):
    step = serializers.ChoiceField(label=_("bước mở lại"), choices=Step.choices)
    reason = serializers.CharField(label=_("lý do"), max_length=500)


class EvaluationExcludeSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do không đánh giá"), max_length=255)


class EvaluationManyEntrySerializer(InputSerializer):
    evaluation = serializers.IntegerField(label=_("mã số đánh giá"), min_value=1, max_value=MAX_ID)
    level = serializers.ChoiceField(
        label=_("xếp loại"), choices=Level.choices, required=False, allow_null=True
    )
    score = _score(_("điểm"))
    criteria = serializers.DictField(
        label=_("điểm theo nhóm tiêu chí"),
        child=serializers.DecimalField(max_digits=5, decimal_places=2),
        required=False,
        allow_null=True,
    )
    note = _text(_("nhận xét"))


class EvaluationManySerializer(InputSerializer):
    entries = EvaluationManyEntrySerializer(label=_("các dòng"), many=True, allow_empty=False)


class FinalizeGroupSerializer(InputSerializer):
    deciding_org = VisibleOrganizationField(label=_("cấp quyết định"))
    kind = serializers.ChoiceField(label=_("đối tượng"), choices=SubjectKind.choices)
    on = _day(_("ngày chốt kết quả"))
    decision_number = _text(_("số quyết định"), 60)


class ClosePeriodSerializer(InputSerializer):
    on = _day(_("ngày kết thúc"))


class ReopenFinalizationSerializer(InputSerializer):
    finalization = serializers.IntegerField(
        label=_("mã số lần chốt"), min_value=1, max_value=MAX_ID
    )
    reason = serializers.CharField(label=_("lý do mở lại"), max_length=500)
    on = _day(_("ngày mở lại"))


class QuotaExceptionInputSerializer(InputSerializer):
    deciding_org = VisibleOrganizationField(label=_("đảng bộ"))
    kind = serializers.ChoiceField(label=_("đối tượng"), choices=SubjectKind.choices)
    authority = serializers.CharField(label=_("cấp có thẩm quyền"), max_length=255)
    number = serializers.CharField(label=_("số văn bản"), max_length=60)
    decided_on = serializers.DateField(label=_("ngày văn bản"))
    reason = serializers.CharField(label=_("lý do"))
    allowed = serializers.IntegerField(
        label=_("số HTXSNV được phép"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        allow_null=True,
    )


class WithdrawExceptionSerializer(InputSerializer):
    exception = serializers.IntegerField(label=_("mã số ngoại lệ"), min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(label=_("lý do thu hồi"), max_length=500)


class VisibleMemberField(serializers.PrimaryKeyRelatedField):
    """A member id among those the requesting user can see (else: does not exist)."""

    default_error_messages = {"does_not_exist": _("Không tìm thấy đảng viên có mã số {pk_value}.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Member.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Member]:
        request = self.context.get("request")
        return Member.objects.visible_to(getattr(request, "user", None))


class VisibleEvaluationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("Không tìm thấy kết quả xếp loại có mã số {pk_value}.")
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Evaluation.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Evaluation]:
        request = self.context.get("request")
        return Evaluation.objects.visible_to(getattr(request, "user", None)).select_related(
            "period", "member", "subject_org"
        )


class DisciplineInputSerializer(InputSerializer):
    member = VisibleMemberField(label=_("đảng viên"), required=False, allow_null=True)
    organization = VisibleOrganizationField(
        label=_("tổ chức đảng"), required=False, allow_null=True
    )
    form = serializers.ChoiceField(label=_("hình thức kỷ luật"), choices=DisciplineForm.choices)
    decided_on = serializers.DateField(label=_("ngày quyết định"))
    authority = serializers.CharField(label=_("cấp quyết định"), max_length=255)
    decision_number = _text(_("số quyết định"), 60)
    reason = _text(_("nội dung vi phạm"))
    self_corrected = serializers.BooleanField(label=_("tự phát hiện, tự khắc phục"), default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("member")) == bool(attrs.get("organization")):
            raise serializers.ValidationError(
                {"member": [_("Ghi đúng một trong hai: đảng viên hoặc tổ chức đảng bị kỷ luật.")]}
            )
        return attrs


class CommendationInputSerializer(InputSerializer):
    evaluation = VisibleEvaluationField(label=_("kết quả xếp loại"))
    form = serializers.ChoiceField(label=_("hình thức"), choices=CommendationForm.choices)
    authority = serializers.CharField(label=_("cấp khen thưởng"), max_length=255)
    decided_on = serializers.DateField(label=_("ngày quyết định"))
    decision_number = _text(_("số quyết định"), 60)
    note = _text(_("ghi chú"), 255)
