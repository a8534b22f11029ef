"""API viewsets of meetings, registered on the /api/v1/ router.

``meetings`` (list, detail with the attendance counts and minutes, create,
change; ``roster``, ``attendance``, ``guests``, ``opinions``, ``resolutions``,
hand-off, ``approve``, ``held``, ``cancel``; ``rates`` and ``compliance`` of a
subtree) and ``oversight-assignments`` (with how many of the cell's meetings
the assigned committee member attended). Every write goes through
``meetings.services``; every read through the scope rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, DateField, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import BAD_INPUT, NOT_FOUND, WRITE, ScopedViewSet
from dangvu.meetings import services
from dangvu.meetings.attendance import roster
from dangvu.meetings.choices import AttendanceState
from dangvu.meetings.compliance import HELD_STATUSES, missing_meetings, quarter_period
from dangvu.meetings.filters import MeetingFilterSet, OversightAssignmentFilterSet
from dangvu.meetings.models import Attendance, Guest, Meeting, OversightAssignment, Resolution
from dangvu.meetings.rates import rates_by_child, rates_by_period, subtree_rate
from dangvu.meetings.serializers import (
    ApproveInputSerializer,
    AttendanceInputSerializer,
    CancelInputSerializer,
    ComplianceQuerySerializer,
    ComplianceSerializer,
    GuestInputSerializer,
    GuestSerializer,
    HandOffSerializer,
    MeetingCreateSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MeetingUpdateSerializer,
    OpinionInputSerializer,
    OpinionSerializer,
    OversightAssignmentSerializer,
    OversightEndSerializer,
    OversightInputSerializer,
    RatesQuerySerializer,
    RatesSerializer,
    ResolutionInputSerializer,
    ResolutionSerializer,
    RosterRowSerializer,
)
from dangvu.organizations.models import Committee, Organization


def _org_ref(org: Organization) -> dict[str, Any]:
    return {"id": org.pk, "code": org.code, "name": org.name}


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách cuộc họp"),
        description=_(
            "Lọc theo tổ chức (cả cấp dưới), loại, trạng thái, khoảng ngày; "
            "tìm kiếm theo tiêu đề hoặc tên tổ chức (không dấu)."
        ),
    ),
)
class MeetingViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    action_serializers = {
        "retrieve": MeetingDetailSerializer,
        "create": MeetingCreateSerializer,
        "partial_update": MeetingUpdateSerializer,
        "attendance": AttendanceInputSerializer,
        "guests": GuestInputSerializer,
        "opinions": OpinionInputSerializer,
        "resolutions": ResolutionInputSerializer,
        "approve": ApproveInputSerializer,
        "cancel": CancelInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Meeting]:
        return Meeting.objects.select_related("organization").order_by("-date", "-id")

    def detail_data(self, meeting: Meeting) -> dict[str, Any]:
        meeting = (
            Meeting.objects.select_related("organization", "chair", "secretary")
            .prefetch_related("attendance__member", "guests", "opinions", "resolutions")
            .get(pk=meeting.pk)
        )
        data: dict[str, Any] = MeetingDetailSerializer(meeting).data
        return data

    def visible_organization(self, pk: int) -> Organization:
        """The subtree a report is about: 404 when out of the user's scope."""
        found: Organization = scope.for_user(self.request.user, Organization.objects.all(), pk)
        return found

    @extend_schema(
        summary=_("Cuộc họp: chi tiết, điểm danh, biên bản"),
        responses={200: MeetingDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(self.detail_data(self.get_object()))

    @extend_schema(
        summary=_("Lên kế hoạch cuộc họp"),
        description=_(
            "Sinh hoạt thường kỳ và chuyên đề chỉ ở chi bộ; chuyên đề phải có chủ đề; "
            "hội nghị sơ kết phải có kỳ. Tiêu đề mặc định theo loại và ngày."
        ),
        request=MeetingCreateSerializer,
        responses={201: MeetingDetailSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(MeetingCreateSerializer)
        organization = data.pop("organization")
        self.require_edit_at(organization.path)
        meeting = services.create_meeting(
            request.user,
            organization=organization,
            kind=data.pop("kind"),
            date=data.pop("date"),
            **data,
        )
        return Response(self.detail_data(meeting), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa cuộc họp, biên bản"),
        request=MeetingUpdateSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        serializer = MeetingUpdateSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        meeting = services.update_meeting(request.user, meeting, **serializer.validated_data)
        return Response(self.detail_data(meeting))

    @extend_schema(
        summary=_("Danh sách điểm danh của cuộc họp"),
        description=_(
            "Đảng viên được điểm danh vào ngày họp: phải dự (dự bị, chính thức của chi bộ, "
            "sinh hoạt tạm thời tại chi bộ) và không phải dự (miễn sinh hoạt, đang sinh hoạt "
            "tạm thời nơi khác), kèm tình trạng đã ghi."
        ),
        responses={200: RosterRowSerializer(many=True), 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def roster(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        marks = {
            row.member_id: row
            for row in Attendance.objects.filter(meeting=meeting).only(
                "member_id", "state", "reason"
            )
        }
        rows = []
        for row in roster(meeting.organization, meeting.date):
            mark = marks.get(row.member.pk)
            rows.append(
                {
                    "member": row.member.pk,
                    "full_name": row.member.full_name,
                    "expected": row.expected,
                    "note": row.note,
                    "state": mark.state if mark else "",
                    "reason": mark.reason if mark else "",
                }
            )
        return Response(rows)

    @extend_schema(
        summary=_("Điểm danh"),
        description=_(
            'Thân: {"entries": [{member, state, reason}]} hoặc chỉ danh sách. '
            "state: present (có mặt), excused (vắng có lý do, phải ghi lý do), absent "
            "(vắng không lý do). Gửi lại cùng nội dung không tạo bản ghi mới; đảng viên "
            "không có trong danh sách giữ tình trạng đã ghi. Lỗi theo từng dòng, không ghi gì."
        ),
        request=AttendanceInputSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        body = request.data
        if isinstance(body, list):
            body = {"entries": body}
        serializer = AttendanceInputSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        entries = serializer.validated_data["entries"]
        meeting = services.record_attendance(request.user, meeting, entries)
        return Response(self.detail_data(meeting))

    @extend_schema(
        summary=_("Thêm khách mời"),
        request=GuestInputSerializer,
        responses={201: GuestSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def guests(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        guest = services.add_guest(request.user, meeting, **self.parsed(GuestInputSerializer))
        return Response(GuestSerializer(guest).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Thêm ý kiến phát biểu"),
        request=OpinionInputSerializer,
        responses={201: OpinionSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def opinions(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        opinion = services.add_opinion(request.user, meeting, **self.parsed(OpinionInputSerializer))
        return Response(OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Thêm nghị quyết, kết luận"),
        request=ResolutionInputSerializer,
        responses={201: ResolutionSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def resolutions(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        resolution = services.add_resolution(
            request.user, meeting, **self.parsed(ResolutionInputSerializer)
        )
        return Response(ResolutionSerializer(resolution).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Giao việc từ nghị quyết, kết luận"),
        description=_("Phải có người thực hiện và thời hạn. Gọi lại trả về cùng mã nhiệm vụ."),
        request=None,
        responses={200: HandOffSerializer, **WRITE},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"resolutions/(?P<resolution_pk>[0-9]+)/hand-off",
        url_name="hand-off",
    )
    def hand_off(
        self, request: Request, pk: str | None = None, resolution_pk: str | None = None
    ) -> Response:
        meeting = self.get_object()
        resolution = Resolution.objects.filter(meeting=meeting, pk=int(resolution_pk or 0)).first()
        if resolution is None:
            raise ValidationError({"resolution": [_("Không tìm thấy nghị quyết của cuộc họp.")]})
        reference = services.hand_off_resolution(request.user, resolution)
        resolution.refresh_from_db()
        data = {"task_reference": reference, "resolution": ResolutionSerializer(resolution).data}
        return Response(data)

    @extend_schema(
        summary=_("Duyệt biên bản (khóa kỳ họp)"),
        request=ApproveInputSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        on = self.parsed(ApproveInputSerializer)["approved_on"]
        return Response(self.detail_data(services.approve_minutes(request.user, meeting, on)))

    @extend_schema(
        summary=_("Ghi đã họp (cuộc họp không điểm danh theo chi bộ)"),
        request=None,
        responses={200: MeetingDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def held(self, request: Request, pk: str | None = None) -> Response:
        meeting = services.mark_held(request.user, self.get_object())
        return Response(self.detail_data(meeting))

    @extend_schema(
        summary=_("Hủy cuộc họp"),
        request=CancelInputSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        reason = self.parsed(CancelInputSerializer)["reason"]
        return Response(self.detail_data(services.cancel_meeting(request.user, meeting, reason)))

    @extend_schema(
        summary=_("Tỷ lệ tham gia sinh hoạt"),
        description=_(
            "Tỷ lệ = có mặt ÷ phải dự, trên các kỳ sinh hoạt thường kỳ và chuyên đề đã điểm "
            "danh của cả cây con, theo tháng, quý hoặc năm; kèm tỷ lệ cả năm của từng tổ chức "
            "trực thuộc. Năm mặc định là năm nay."
        ),
        parameters=[RatesQuerySerializer],
        responses={200: RatesSerializer, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def rates(self, request: Request) -> Response:
        query = RatesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        root = self.visible_organization(query.validated_data["organization"])
        year: int = query.validated_data.get("year") or timezone.localdate().year
        period: str = query.validated_data["period"]
        start, end = date(year, 1, 1), date(year, 12, 31)
        by_child = rates_by_child(root, start, end)
        children = Organization.objects.filter(pk__in=list(by_child)).order_by("path")
        data = {
            "organization": _org_ref(root),
            "year": year,
            "period": period,
            "total": subtree_rate(root, start, end).as_dict(),
            "periods": [
                {"period": key, **rate.as_dict()}
                for key, rate in rates_by_period(root, year, period).items()
            ],
            "children": [
                {"organization": _org_ref(child), **by_child[child.pk].as_dict()}
                for child in children
            ],
        }
        return Response(data)

    @extend_schema(
        summary=_("Chi bộ chưa sinh hoạt đúng quy định"),
        description=_(
            "Chi bộ không họp thường kỳ trong tháng hoặc không sinh hoạt chuyên đề trong quý "
            "(chỉ xét các kỳ đã kết thúc). Không ghi quý: cả năm."
        ),
        parameters=[ComplianceQuerySerializer],
        responses={200: ComplianceSerializer, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def compliance(self, request: Request) -> Response:
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        root = self.visible_organization(query.validated_data["organization"])
        year: int = query.validated_data.get("year") or timezone.localdate().year
        quarter: int | None = query.validated_data.get("quarter")
        if quarter:
            period = quarter_period(year, quarter)
            start, end = period.start, period.end
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
        gaps = [
            {
                "cell": _org_ref(gap.cell),
                "kind": gap.kind,
                "kind_label": gap.kind_label,
                "period_label": gap.period_label,
                "period_start": gap.period_start,
                "period_end": gap.period_end,
            }
            for gap in missing_meetings(root, start, end)
        ]
        data = {"organization": _org_ref(root), "year": year, "quarter": quarter, "gaps": gaps}
        return Response(ComplianceSerializer(data).data)


# ---------------------------------------------------------------------------
# Oversight assignments

FAR_FUTURE = date(9999, 12, 31)


def _count(queryset: QuerySet[Meeting]) -> Coalesce:
    rows = queryset.order_by().values("organization").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(rows), Value(0))


def with_attendance_counts(assignments: QuerySet[OversightAssignment]) -> QuerySet[Any]:
    """``meetings``: the cell's meetings held during the assignment; ``attended``: those
    where the assigned member was a guest or was marked present (two subqueries)."""
    held = Meeting.objects.filter(
        organization=OuterRef("cell"),
        status__in=HELD_STATUSES,
        date__gte=OuterRef("start_date"),
        date__lt=Coalesce(OuterRef("end_date"), Value(FAR_FUTURE, output_field=DateField())),
    )
    as_guest = Guest.objects.filter(meeting=OuterRef("pk"), member=OuterRef(OuterRef("member")))
    present = Attendance.objects.filter(
        meeting=OuterRef("pk"),
        member=OuterRef(OuterRef("member")),
        state=AttendanceState.PRESENT,
    )
    return assignments.annotate(
        meetings=_count(held), attended=_count(held.filter(Exists(as_guest) | Exists(present)))
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("Phân công cấp ủy viên dự sinh hoạt chi bộ"),
        description=_(
            "Lọc theo cấp ủy viên (member), chi bộ (cell) hoặc tổ chức (cả cấp dưới); "
            "meetings/attended: số kỳ họp của chi bộ trong thời gian phân công và số kỳ "
            "cấp ủy viên có dự."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Một phân công dự sinh hoạt"),
        responses={200: OversightAssignmentSerializer, 404: NOT_FOUND},
    ),
)
class OversightAssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = OversightAssignment
    serializer_class = OversightAssignmentSerializer
    filterset_class = OversightAssignmentFilterSet
    action_serializers = {"create": OversightInputSerializer, "end": OversightEndSerializer}

    def base_queryset(self) -> QuerySet[Any]:
        rows = OversightAssignment.objects.select_related("member", "cell").order_by(
            "org_path", "start_date", "id"
        )
        return with_attendance_counts(rows)

    def row(self, assignment: OversightAssignment) -> dict[str, Any]:
        fresh = self.base_queryset().get(pk=assignment.pk)
        data: dict[str, Any] = OversightAssignmentSerializer(fresh).data
        return data

    def committee(self, pk: int | None) -> Committee | None:
        if pk is None:
            return None
        found = Committee.objects.visible_to(self.request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError({"committee": [_("Không tìm thấy cấp ủy có mã số này.")]})
        return found

    @extend_schema(
        summary=_("Phân công cấp ủy viên dự sinh hoạt chi bộ"),
        request=OversightInputSerializer,
        responses={201: OversightAssignmentSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        self.require_edit_at(data["cell"].path)
        data["committee"] = self.committee(data.get("committee"))
        assignment = services.assign_oversight(request.user, **data)
        return Response(self.row(assignment), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Kết thúc phân công"),
        request=OversightEndSerializer,
        responses={200: OversightAssignmentSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.end_oversight(request.user, assignment, serializer.validated_data["end_date"])
        return Response(self.row(assignment))


router.register("meetings", MeetingViewSet, basename="meeting")
router.register(
    "oversight-assignments", OversightAssignmentViewSet, basename="oversight-assignment"
)
