"""API viewsets of this app, registered on the /api/v1/ router.

``/api/v1/organizations/``: the party tree as the user may see it, one node,
its statistics on a date, and create / change through ``services.py``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core.api import ScopedViewSet
from dangvu.organizations import services
from dangvu.organizations.filters import OrganizationFilterSet
from dangvu.organizations.models import Organization
from dangvu.organizations.serializers import (
    OrganizationCreateSerializer,
    OrganizationSerializer,
    OrganizationStatsSerializer,
    OrganizationUpdateSerializer,
    StatsQuerySerializer,
)
from dangvu.organizations.stats import stats_for

_BAD_INPUT = OpenApiResponse(description=_("Dữ liệu không hợp lệ: lỗi theo từng trường."))
_FORBIDDEN = OpenApiResponse(description=_("Không có quyền sửa (chỉ cán bộ văn phòng - staff)."))
_NOT_FOUND = OpenApiResponse(description=_("Không tìm thấy (hoặc ngoài phạm vi được xem)."))


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách tổ chức đảng"),
        description=_("Các tổ chức trong phạm vi người dùng, theo thứ tự cây."),
    ),
    retrieve=extend_schema(summary=_("Một tổ chức đảng"), responses={200: OrganizationSerializer}),
)
class OrganizationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = Organization
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    action_serializers = {
        "create": OrganizationCreateSerializer,
        "partial_update": OrganizationUpdateSerializer,
    }

    @extend_schema(
        summary=_("Tạo tổ chức đảng"),
        request=OrganizationCreateSerializer,
        responses={201: OrganizationSerializer, 400: _BAD_INPUT, 403: _FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        parent = data.get("parent")
        self.require_edit_at(parent.path if parent else "")
        org = services.create_organization(actor=request.user, **data)
        return Response(OrganizationSerializer(org).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa tổ chức đảng"),
        request=OrganizationUpdateSerializer,
        responses={200: OrganizationSerializer, 400: _BAD_INPUT, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        org = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        org = services.update_organization(org, actor=request.user, **serializer.validated_data)
        return Response(OrganizationSerializer(org).data)

    @extend_schema(
        summary=_("Thống kê của tổ chức đảng"),
        description=_(
            "Số tổ chức, chi bộ và đảng viên của cả cây con vào ngày as_of (mặc định hôm nay). "
            "Đảng viên được tính nơi sinh hoạt chính thức, không tính nơi sinh hoạt tạm thời. "
            "Với year=YYYY có thêm số liệu của năm đó: admitted, sent_to_course, recognised, "
            "transferred_in, transferred_out, removed, expelled, left, deceased, "
            "attendance_rate (tỷ lệ tham gia sinh hoạt), meetings_held (số kỳ sinh hoạt "
            "thường kỳ, chuyên đề đã họp), admission_targets. Số theo dân tộc, tôn giáo "
            "chỉ có khi người dùng là cán bộ văn phòng hoặc lãnh đạo của tổ chức hay cấp trên."
        ),
        parameters=[StatsQuerySerializer],
        responses={200: OrganizationStatsSerializer, 400: _BAD_INPUT, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def stats(self, request: Request, pk: str | None = None) -> Response:
        org = self.get_object()
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        year = query.validated_data.get("year")
        return Response(stats_for(request.user, org, as_of, year))


router.register("organizations", OrganizationViewSet, basename="organization")
