"""API viewsets of the annual review, registered on the /api/v1/ router.

``organizations/{id}/evaluation-summary/?year=`` (the figures of a subtree,
issue 6 item 6); ``evaluation-periods`` (list, detail, open; ``quota``,
``refresh``, ``close``, ``finalize``, ``reopen-finalization``, ``exceptions``,
``withdraw-exception`` and the bulk ``self-assess-many``, ``propose-many``,
``decide-many``); ``evaluations`` (list with ``?period=&unit=&kind=&stage=``,
detail; ``self-assess``, ``propose``, ``decide``, ``reopen``, ``exclude``,
``include``); ``discipline-records`` and ``commendations``.

Every write goes through ``evaluations.services`` (which decides who may take
which step: ``PermissionDenied`` is 403, a broken rule 400 with its Vietnamese
message); every read through the scope rule. A period is seen by everyone
ranked in it (``summary.periods_visible_to``).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import ScopedViewSet
from dangvu.core.api_schema import ObjectAnswerSchema
from dangvu.evaluations import services
from dangvu.evaluations.choices import Stage, SubjectKind
from dangvu.evaluations.models import (
    EVALUATION_EDIT_ROLES,
    Commendation,
    DisciplineRecord,
    Evaluation,
    EvaluationPeriod,
    Finalization,
    QuotaException,
)
from dangvu.evaluations.serializers import (
    ClosePeriodSerializer,
    CommendationInputSerializer,
    CommendationSerializer,
    DisciplineInputSerializer,
    DisciplineRecordSerializer,
    EvaluationExcludeSerializer,
    EvaluationManySerializer,
    EvaluationPeriodSerializer,
    EvaluationReopenSerializer,
    EvaluationSerializer,
    EvaluationStepSerializer,
    EvaluationSummarySerializer,
    FinalizationSerializer,
    FinalizeGroupSerializer,
    PeriodCreateSerializer,
    QuotaExceptionInputSerializer,
    QuotaExceptionSerializer,
    QuotaQuerySerializer,
    QuotaRowSerializer,
    ReopenFinalizationSerializer,
    SelfAssessInputSerializer,
    SummaryQuerySerializer,
    WithdrawExceptionSerializer,
)
from dangvu.evaluations.summary import (
    evaluation_summary,
    periods_visible_to,
    quota_item,
    quota_rows,
)
from dangvu.organizations.models import Organization

_BAD_INPUT = OpenApiResponse(description=_("Dữ liệu không hợp lệ: lỗi theo từng trường."))
_FORBIDDEN = OpenApiResponse(description=_("Không có quyền thực hiện bước này."))
_NOT_FOUND = OpenApiResponse(description=_("Không tìm thấy (hoặc ngoài phạm vi được xem)."))
_WRITE = {400: _BAD_INPUT, 403: _FORBIDDEN, 404: _NOT_FOUND}
MAX_ID = 2**63 - 1
ID_REGEX = "[0-9]{1,18}"  # a longer id cannot exist: 404, not an overflow

_COUNT = inline_serializer("EvaluationCount", {"count": serializers.IntegerField()})


def parsed(serializer_class: type[Any], data: Any, context: dict[str, Any]) -> dict[str, Any]:
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def given(data: dict[str, Any]) -> dict[str, Any]:
    """The optional inputs actually sent (``None`` means "not given" to the services)."""
    return {key: value for key, value in data.items() if value is not None}


# ---------------------------------------------------------------------------
# The summary of a subtree


class EvaluationSummaryViewSet(ScopedViewSet):
    """``GET /api/v1/organizations/{id}/evaluation-summary/?year=YYYY``."""

    model = Organization
    filter_backends: list[Any] = []
    pagination_class = None  # type: ignore[assignment]
    # ``list`` answers one object (the summary), not an array.
    schema = ObjectAnswerSchema()

    @extend_schema(
        summary=_("Kết quả đánh giá, xếp loại của một tổ chức và cấp dưới"),
        description=_(
            "Số chi bộ, tổ chức cơ sở và đảng viên theo mức xếp loại đã quyết định trong năm "
            "(quý 0) hoặc quý; tỷ lệ tính trên số được đánh giá (không kể đảng viên miễn sinh "
            "hoạt, mới kết nạp), làm tròn 4 chữ số, kèm phép chia trong shares_explained; "
            "giới hạn HTXSNV của từng đảng bộ và văn bản cho phép vượt tỷ lệ nếu có."
        ),
        parameters=[
            OpenApiParameter(
                "organization_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="id"
            ),
            SummaryQuerySerializer,
        ],
        responses={200: EvaluationSummarySerializer, 400: _BAD_INPUT, 404: _NOT_FOUND},
    )
    def list(self, request: Request, organization_pk: str | None = None) -> Response:
        organization = scope.for_user(request.user, Organization.objects.all(), organization_pk)
        query = parsed(SummaryQuerySerializer, request.query_params, {"request": request})
        data = evaluation_summary(organization, query["year"], quarter=query["quarter"])
        return Response(data)


# ---------------------------------------------------------------------------
# Periods


def may_write_in(user: Any, period: EvaluationPeriod) -> bool:
    """Holds a role that takes some step of the period (at it, above it or inside it).

    Who may take *which* step is the services' rule; this only turns away the
    read-only (viewers) with 403 before any work is done.
    """
    if user.is_superuser:
        return True
    return any(
        g.role in EVALUATION_EDIT_ROLES
        and (period.org_path.startswith(g.path) or g.path.startswith(period.org_path))
        for g in scope.grants(user)
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách kỳ đánh giá, xếp loại"),
        description=_("Các kỳ của tổ chức trong phạm vi và các kỳ cấp trên có mình được đánh giá."),
    ),
    retrieve=extend_schema(
        summary=_("Một kỳ đánh giá"), responses={200: EvaluationPeriodSerializer}
    ),
)
class EvaluationPeriodViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    lookup_value_regex = ID_REGEX
    model = EvaluationPeriod
    serializer_class = EvaluationPeriodSerializer
    filter_backends: list[Any] = []
    action_serializers = {
        "create": PeriodCreateSerializer,
        "finalize": FinalizeGroupSerializer,
        "reopen_finalization": ReopenFinalizationSerializer,
        "exceptions": QuotaExceptionInputSerializer,
        "withdraw_exception": WithdrawExceptionSerializer,
        "close": ClosePeriodSerializer,
        "self_assess_many": EvaluationManySerializer,
        "propose_many": EvaluationManySerializer,
        "decide_many": EvaluationManySerializer,
    }

    def base_queryset(self) -> QuerySet[EvaluationPeriod]:
        return EvaluationPeriod.objects.select_related("organization")

    def get_queryset(self) -> QuerySet[EvaluationPeriod]:
        return periods_visible_to(self.request.user).select_related("organization")

    def get_object(self) -> EvaluationPeriod:
        try:
            period = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        except (ValueError, TypeError) as exc:
            raise Http404 from exc
        if period is None:
            raise Http404
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and not may_write_in(
            self.request.user, period
        ):
            raise PermissionDenied
        return period

    def input(self, serializer_class: type[Any]) -> dict[str, Any]:
        return parsed(serializer_class, self.request.data, self.get_serializer_context())

    def row(self, period: EvaluationPeriod) -> dict[str, Any]:
        data: dict[str, Any] = EvaluationPeriodSerializer(period).data
        return data

    @extend_schema(
        summary=_("Mở kỳ đánh giá, xếp loại"),
        description=_(
            "Quy định áp dụng chọn theo năm; danh sách đối tượng lấy từ hồ sơ vào ngày cuối kỳ "
            "(đảng viên miễn sinh hoạt, mới kết nạp chưa đủ thời gian: không đánh giá, có lý do)."
        ),
        request=PeriodCreateSerializer,
        responses={201: EvaluationPeriodSerializer, **_WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.input(PeriodCreateSerializer)
        organization = data.pop("organization")
        self.require_edit_at(organization.path)
        period = services.open_period(
            request.user,
            organization=organization,
            year=data.pop("year"),
            quarter=data.pop("quarter"),
            plan_reference=data.pop("plan_reference", ""),
            note=data.pop("note", ""),
            **given(data),
        )
        return Response(self.row(period), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Tỷ lệ HTXSNV theo từng đảng bộ"),
        description=_(
            "Số xếp loại theo mức, giới hạn HTXSNV, số vượt, văn bản cho phép và tình trạng chốt. "
            "proposed=true: tính cả đề xuất của chi bộ khi chưa có quyết định."
        ),
        parameters=[QuotaQuerySerializer],
        responses={200: QuotaRowSerializer(many=True), 400: _BAD_INPUT, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def quota(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        proposed = parsed(QuotaQuerySerializer, request.query_params, {})["proposed"]
        rows = [
            quota_item(row)
            for row in quota_rows(period, proposed=proposed)
            if scope.can_in_subtree(request.user, scope.ALL_ROLES, row.organization.path)
        ]
        return Response(rows)

    @extend_schema(
        summary=_("Bổ sung đối tượng mới phát sinh"),
        request=None,
        responses={200: _COUNT, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def refresh(self, request: Request, pk: str | None = None) -> Response:
        return Response({"count": services.refresh_subjects(request.user, self.get_object())})

    @extend_schema(
        summary=_("Kết thúc kỳ đánh giá"),
        request=ClosePeriodSerializer,
        responses={200: EvaluationPeriodSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        on = self.input(ClosePeriodSerializer).get("on")
        return Response(self.row(services.close_period(request.user, period, on=on)))

    @extend_schema(
        summary=_("Chốt kết quả xếp loại của một đảng bộ"),
        description=_(
            "Mọi đối tượng được đánh giá của nhóm đã có quyết định; số HTXSNV không vượt giới "
            "hạn, hoặc đã ghi nhận văn bản cho phép vượt tỷ lệ."
        ),
        request=FinalizeGroupSerializer,
        responses={201: FinalizationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def finalize(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        data = self.input(FinalizeGroupSerializer)
        finalization = services.finalize(
            request.user,
            period,
            deciding_org=data["deciding_org"],
            kind=data["kind"],
            on=data.get("on"),
            decision_number=data.get("decision_number", ""),
        )
        body = FinalizationSerializer(finalization).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Mở lại kết quả đã chốt"),
        request=ReopenFinalizationSerializer,
        responses={200: FinalizationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="reopen-finalization")
    def reopen_finalization(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        data = self.input(ReopenFinalizationSerializer)
        finalization = Finalization.objects.filter(
            period=period, pk=data["finalization"], active=True
        ).first()
        if finalization is None:
            raise ValidationError({"finalization": [_("Không tìm thấy lần chốt còn hiệu lực.")]})
        reopened = services.reopen_finalization(
            request.user, finalization, data["reason"], on=data.get("on")
        )
        return Response(FinalizationSerializer(reopened).data)

    @extend_schema(
        summary=_("Ghi nhận văn bản cho phép vượt tỷ lệ HTXSNV"),
        request=QuotaExceptionInputSerializer,
        responses={201: QuotaExceptionSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def exceptions(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        data = self.input(QuotaExceptionInputSerializer)
        exception = services.record_exception(request.user, period, **data)
        body = QuotaExceptionSerializer(exception).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Thu hồi văn bản cho phép vượt tỷ lệ"),
        request=WithdrawExceptionSerializer,
        responses={200: QuotaExceptionSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="withdraw-exception")
    def withdraw_exception(self, request: Request, pk: str | None = None) -> Response:
        period = self.get_object()
        data = self.input(WithdrawExceptionSerializer)
        exception = QuotaException.objects.filter(
            period=period, pk=data["exception"], withdrawn=False
        ).first()
        if exception is None:
            raise ValidationError({"exception": [_("Không tìm thấy văn bản còn hiệu lực.")]})
        withdrawn = services.withdraw_exception(request.user, exception, data["reason"])
        return Response(QuotaExceptionSerializer(withdrawn).data)

    def many(self, write: Any) -> Response:
        period = self.get_object()
        entries = [given(entry) for entry in self.input(EvaluationManySerializer)["entries"]]
        return Response({"count": write(self.request.user, period, entries)})

    @extend_schema(
        summary=_("Tự đánh giá nhiều đối tượng (nhập từ bản giấy)"),
        description=_("Tất cả hoặc không: một dòng sai thì không ghi dòng nào."),
        request=EvaluationManySerializer,
        responses={200: _COUNT, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="self-assess-many")
    def self_assess_many(self, request: Request, pk: str | None = None) -> Response:
        return self.many(services.self_assess_many)

    @extend_schema(
        summary=_("Chi bộ đề xuất xếp loại nhiều đảng viên"),
        description=_("Tất cả hoặc không: một dòng sai thì không ghi dòng nào."),
        request=EvaluationManySerializer,
        responses={200: _COUNT, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="propose-many")
    def propose_many(self, request: Request, pk: str | None = None) -> Response:
        return self.many(services.propose_many)

    @extend_schema(
        summary=_("Cấp ủy quyết định xếp loại nhiều đối tượng"),
        description=_("Tất cả hoặc không: một dòng sai thì không ghi dòng nào."),
        request=EvaluationManySerializer,
        responses={200: _COUNT, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="decide-many")
    def decide_many(self, request: Request, pk: str | None = None) -> Response:
        return self.many(services.decide_many)


# ---------------------------------------------------------------------------
# Evaluations


class EvaluationFilterSet(django_filters.FilterSet):
    """period, unit, deciding_org, kind, stage, member."""

    period = django_filters.NumberFilter(label=_("Kỳ đánh giá"), max_value=MAX_ID)
    unit = django_filters.NumberFilter(label=_("Chi bộ / tổ chức"), max_value=MAX_ID)
    deciding_org = django_filters.NumberFilter(label=_("Cấp quyết định"), max_value=MAX_ID)
    member = django_filters.NumberFilter(label=_("Đảng viên"), max_value=MAX_ID)
    kind = django_filters.ChoiceFilter(label=_("Đối tượng"), choices=SubjectKind.choices)
    stage = django_filters.ChoiceFilter(label=_("Bước"), choices=Stage.choices)

    class Meta:
        model = Evaluation
        fields = ["period", "unit", "deciding_org", "member", "kind", "stage"]


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách đánh giá, xếp loại"),
        description=_("Lọc theo kỳ, chi bộ, cấp quyết định, đối tượng, bước."),
    ),
    retrieve=extend_schema(
        summary=_("Một kết quả đánh giá, xếp loại"), responses={200: EvaluationSerializer}
    ),
)
class EvaluationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    lookup_value_regex = ID_REGEX
    model = Evaluation
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet
    action_serializers = {
        "self_assess": SelfAssessInputSerializer,
        "propose": EvaluationStepSerializer,
        "decide": EvaluationStepSerializer,
        "reopen": EvaluationReopenSerializer,
        "exclude": EvaluationExcludeSerializer,
    }

    def base_queryset(self) -> QuerySet[Evaluation]:
        return Evaluation.objects.select_related(
            "period", "member", "subject_org", "unit", "deciding_org"
        ).order_by("period", "kind", "org_path", "id")

    def input(self, serializer_class: type[Any]) -> dict[str, Any]:
        return parsed(serializer_class, self.request.data, self.get_serializer_context())

    def row(self, evaluation: Evaluation) -> Response:
        fresh = self.base_queryset().get(pk=evaluation.pk)
        return Response(EvaluationSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Tự đánh giá, xếp loại"),
        description=_(
            "Theo Quy định 366-QĐ/TW: criteria {general ≤ 30, results ≤ 70}, xếp loại theo "
            "tổng điểm; trước đó: level. Tổ chức ghi thêm tỷ lệ chỉ tiêu hoàn thành, vượt."
        ),
        request=SelfAssessInputSerializer,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"], url_path="self-assess")
    def self_assess(self, request: Request, pk: str | None = None) -> Response:
        evaluation = self.get_object()
        data = self.input(SelfAssessInputSerializer)
        note = data.pop("note", "")
        return self.row(services.self_assess(request.user, evaluation, note=note, **given(data)))

    @extend_schema(
        summary=_("Chi bộ đề xuất xếp loại"),
        request=EvaluationStepSerializer,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: str | None = None) -> Response:
        evaluation = self.get_object()
        data = self.input(EvaluationStepSerializer)
        note = data.pop("note", "")
        return self.row(services.propose(request.user, evaluation, note=note, **given(data)))

    @extend_schema(
        summary=_("Cấp ủy quyết định xếp loại"),
        description=_(
            "Chỉ cấp ủy có thẩm quyền; các trường hợp buộc xếp loại Không hoàn thành nhiệm vụ "
            "(kỷ luật trong kỳ, chỉ tiêu dưới 50%…) được kiểm tra và giải thích theo quy định."
        ),
        request=EvaluationStepSerializer,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        evaluation = self.get_object()
        data = self.input(EvaluationStepSerializer)
        note = data.pop("note", "")
        return self.row(services.decide(request.user, evaluation, note=note, **given(data)))

    @extend_schema(
        summary=_("Mở lại bước đã làm"),
        description=_("Chỉ bước gần nhất, chỉ người có quyền làm bước đó, phải ghi lý do."),
        request=EvaluationReopenSerializer,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        evaluation = self.get_object()
        data = self.input(EvaluationReopenSerializer)
        return self.row(services.reopen(request.user, evaluation, data["step"], data["reason"]))

    @extend_schema(
        summary=_("Không đánh giá, xếp loại (ghi lý do)"),
        request=EvaluationExcludeSerializer,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def exclude(self, request: Request, pk: str | None = None) -> Response:
        evaluation = self.get_object()
        reason = self.input(EvaluationExcludeSerializer)["reason"]
        return self.row(services.exclude(request.user, evaluation, reason))

    @extend_schema(
        summary=_("Đưa lại vào danh sách đánh giá"),
        request=None,
        responses={200: EvaluationSerializer, **_WRITE},
    )
    @action(detail=True, methods=["post"])
    def include(self, request: Request, pk: str | None = None) -> Response:
        return self.row(services.include(request.user, self.get_object()))


# ---------------------------------------------------------------------------
# Discipline records and commendations


@extend_schema_view(
    list=extend_schema(summary=_("Danh sách kỷ luật")),
    retrieve=extend_schema(summary=_("Một quyết định kỷ luật")),
)
class DisciplineRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    lookup_value_regex = ID_REGEX
    model = DisciplineRecord
    serializer_class = DisciplineRecordSerializer
    filter_backends: list[Any] = []
    action_serializers = {"create": DisciplineInputSerializer}

    def base_queryset(self) -> QuerySet[DisciplineRecord]:
        return DisciplineRecord.objects.select_related("member", "organization")

    @extend_schema(
        summary=_("Ghi quyết định kỷ luật"),
        description=_("Đúng một trong hai: member (đảng viên) hoặc organization (tổ chức đảng)."),
        request=DisciplineInputSerializer,
        responses={201: DisciplineRecordSerializer, **_WRITE},
    )
    def create(self, request: Request) -> Response:
        data = parsed(DisciplineInputSerializer, request.data, self.get_serializer_context())
        member = data.get("member")
        self.require_edit_at(member.org_path if member is not None else data["organization"].path)
        record = services.record_discipline(request.user, **data)
        return Response(DisciplineRecordSerializer(record).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("Danh sách khen thưởng")),
    retrieve=extend_schema(summary=_("Một quyết định khen thưởng")),
)
class CommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    lookup_value_regex = ID_REGEX
    model = Commendation
    serializer_class = CommendationSerializer
    filter_backends: list[Any] = []
    action_serializers = {"create": CommendationInputSerializer}

    def base_queryset(self) -> QuerySet[Commendation]:
        return Commendation.objects.select_related(
            "evaluation__period", "evaluation__member", "evaluation__subject_org"
        )

    @extend_schema(
        summary=_("Ghi khen thưởng"),
        description=_("Chỉ đối tượng được quyết định xếp loại Hoàn thành xuất sắc nhiệm vụ."),
        request=CommendationInputSerializer,
        responses={201: CommendationSerializer, **_WRITE},
    )
    def create(self, request: Request) -> Response:
        data = parsed(CommendationInputSerializer, request.data, self.get_serializer_context())
        evaluation = data.pop("evaluation")
        self.require_edit_at(evaluation.org_path)
        commendation = services.commend(request.user, evaluation, **data)
        fresh = self.base_queryset().get(pk=commendation.pk)
        return Response(CommendationSerializer(fresh).data, status=status.HTTP_201_CREATED)


router.register(
    r"organizations/(?P<organization_pk>[0-9]{1,18})/evaluation-summary",
    EvaluationSummaryViewSet,
    basename="evaluation-summary",
)
router.register("evaluation-periods", EvaluationPeriodViewSet, basename="evaluation-period")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("discipline-records", DisciplineRecordViewSet, basename="discipline-record")
router.register("commendations", CommendationViewSet, basename="commendation")
