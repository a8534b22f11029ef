"""API viewsets of admissions, registered on the /api/v1/ router.

``candidates`` (list, profile, create, change; ``advance`` and ``admit``
actions), ``recognitions`` (the end of a probation: recognised or not),
``admission-targets`` and ``awareness-courses``. Every write goes through
``admissions.services``; every read through the scope rule.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.admissions import services
from dangvu.admissions.filters import CandidateFilterSet
from dangvu.admissions.models import AdmissionTarget, AwarenessCourse, Candidate
from dangvu.admissions.serializers import (
    AdmissionTargetInputSerializer,
    AdmissionTargetSerializer,
    AdmitSerializer,
    AdvanceSerializer,
    AwarenessCourseInputSerializer,
    AwarenessCourseSerializer,
    CandidateCreateSerializer,
    CandidateDetailSerializer,
    CandidateSerializer,
    CandidateUpdateSerializer,
    RecognitionSerializer,
)
from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, ScopedViewSet
from dangvu.members.models import Member, MembershipEvent


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách quần chúng ưu tú"),
        description=_("Tìm kiếm không dấu (search=), lọc theo tổ chức, chi bộ và bước."),
    ),
)
class CandidateViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Candidate
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilterSet
    action_serializers = {
        "retrieve": CandidateDetailSerializer,
        "create": CandidateCreateSerializer,
        "partial_update": CandidateUpdateSerializer,
        "advance": AdvanceSerializer,
        "admit": AdmitSerializer,
    }

    def base_queryset(self) -> QuerySet[Candidate]:
        return Candidate.objects.select_related("cell").order_by("sort_key", "id")

    def profile(self, candidate: Candidate) -> dict[str, Any]:
        context = {
            **self.get_serializer_context(),
            "sees_sensitive": scope.can_in_subtree(
                self.request.user, scope.SENSITIVE_ROLES, candidate.org_path
            ),
        }
        candidate = Candidate.objects.prefetch_related("steps", "introducers").get(pk=candidate.pk)
        data: dict[str, Any] = CandidateDetailSerializer(candidate, context=context).data
        return data

    @extend_schema(
        summary=_("Hồ sơ quần chúng"), responses={200: CandidateDetailSerializer, 404: NOT_FOUND}
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(self.profile(self.get_object()))

    @extend_schema(
        summary=_("Chi bộ đề nghị quần chúng"),
        request=CandidateCreateSerializer,
        responses={201: CandidateDetailSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        cell = data.pop("cell")
        self.require_edit_at(cell.path)
        introducers = data.pop("introducers", [])
        previous_member = data.pop("previous_member", None)
        proposed_on = data.pop("proposed_on", None)
        candidate = services.propose_candidate(
            actor=request.user,
            cell=cell,
            data=data,
            introducers=introducers,
            previous_member=previous_member,
            proposed_on=proposed_on,
        )
        return Response(self.profile(candidate), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa hồ sơ quần chúng"),
        request=CandidateUpdateSerializer,
        responses={200: CandidateDetailSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes: dict[str, Any] = dict(serializer.validated_data)
        introducers = changes.pop("introducers", None)
        services.update_candidate(
            candidate, actor=request.user, changes=changes, introducers=introducers
        )
        return Response(self.profile(candidate))

    @extend_schema(
        summary=_("Ghi bước tiếp theo"),
        request=AdvanceSerializer,
        responses={200: CandidateDetailSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def advance(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.advance_candidate(candidate, actor=request.user, **serializer.validated_data)
        return Response(self.profile(candidate))

    @extend_schema(
        summary=_("Ghi lễ kết nạp (thành đảng viên dự bị)"),
        request=AdmitSerializer,
        responses={201: CandidateDetailSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def admit(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.admit_candidate(candidate, actor=request.user, **serializer.validated_data)
        return Response(self.profile(candidate), status=status.HTTP_201_CREATED)


class RecognitionViewSet(ScopedViewSet):
    """The end of a probation: ``recognised`` true (full from the end of the 12 months) or not."""

    model = Member
    serializer_class = RecognitionSerializer

    @extend_schema(
        summary=_("Xét công nhận đảng viên chính thức"),
        request=RecognitionSerializer,
        responses={201: OpenApiResponse(description=_("Đã ghi.")), 400: BAD_INPUT},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = scope.for_user(request.user, Member.objects.all(), data.pop("member"), scope.EDIT)
        recognised, reason = data.pop("recognised"), data.pop("reason", "")
        event: MembershipEvent
        if recognised:
            event = services.recognise_member(member, actor=request.user, **data)
        else:
            event = services.refuse_recognition(member, actor=request.user, reason=reason, **data)
        member.refresh_from_db()
        body = {
            "member": member.pk,
            "kind": event.kind,
            "status": member.status,
            "official_date": member.official_date,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class AdmissionTargetViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Admission targets per cell and year (``?year=``); POST sets one."""

    model = AdmissionTarget
    serializer_class = AdmissionTargetSerializer
    action_serializers = {"create": AdmissionTargetInputSerializer}

    def base_queryset(self) -> QuerySet[AdmissionTarget]:
        return AdmissionTarget.objects.select_related("cell").order_by("org_path", "year")

    def get_queryset(self) -> QuerySet[AdmissionTarget]:
        queryset = super().get_queryset()
        year = self.request.query_params.get("year", "")
        return queryset.filter(year=int(year)) if year.isdigit() else queryset

    @extend_schema(
        summary=_("Đặt chỉ tiêu kết nạp của chi bộ"),
        request=AdmissionTargetInputSerializer,
        responses={201: AdmissionTargetSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        self.require_edit_at(data["cell"].path)
        row = services.set_admission_target(
            data["cell"], data["year"], data["target"], actor=request.user
        )
        return Response(AdmissionTargetSerializer(row).data, status=status.HTTP_201_CREATED)


class AwarenessCourseViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = AwarenessCourse
    serializer_class = AwarenessCourseSerializer
    action_serializers = {"create": AwarenessCourseInputSerializer}

    def base_queryset(self) -> QuerySet[AwarenessCourse]:
        return AwarenessCourse.objects.order_by("-start_date", "id")

    @extend_schema(
        summary=_("Thêm lớp nhận thức về Đảng"),
        request=AwarenessCourseInputSerializer,
        responses={201: AwarenessCourseSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.require_edit_at(serializer.validated_data["organization"].path)
        course = services.create_awareness_course(actor=request.user, **serializer.validated_data)
        return Response(AwarenessCourseSerializer(course).data, status=status.HTTP_201_CREATED)


router.register("candidates", CandidateViewSet, basename="candidate")
router.register("recognitions", RecognitionViewSet, basename="recognition")
router.register("admission-targets", AdmissionTargetViewSet, basename="admission-target")
router.register("awareness-courses", AwarenessCourseViewSet, basename="awareness-course")
