"""API viewsets of this app, registered on the /api/v1/ router.

``/api/v1/members/``: the registry as the user may see it, in Vietnamese name
order; a profile (sensitive fields for staff and leaders only, and logged when
read by anyone but the member); create and change through ``services.py``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import ScopedViewSet
from dangvu.core.http import client_ip
from dangvu.core.models import AccessLog, log_access
from dangvu.members import services
from dangvu.members.filters import MemberFilterSet
from dangvu.members.models import Member
from dangvu.members.serializers import (
    MemberCreateSerializer,
    MemberDetailSerializer,
    MemberSerializer,
    MemberUpdateSerializer,
)

_BAD_INPUT = OpenApiResponse(description=_("Dữ liệu không hợp lệ: lỗi theo từng trường."))
_FORBIDDEN = OpenApiResponse(description=_("Không có quyền sửa (chỉ cán bộ văn phòng - staff)."))
_NOT_FOUND = OpenApiResponse(description=_("Không tìm thấy (hoặc ngoài phạm vi được xem)."))


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách đảng viên"),
        description=_(
            "Đảng viên trong phạm vi người dùng, xếp theo tên (tên trước, rồi họ và đệm). "
            "Tìm kiếm không phân biệt dấu: search=nguyen van an."
        ),
    ),
    retrieve=extend_schema(
        summary=_("Hồ sơ đảng viên"),
        description=_(
            "Các trường nhạy cảm (CCCD, địa chỉ, điện thoại, dân tộc, tôn giáo, sức khỏe) "
            "chỉ có với cán bộ văn phòng và lãnh đạo. Mỗi lần xem hồ sơ người khác được ghi "
            "nhật ký."
        ),
        responses={200: MemberDetailSerializer, 404: _NOT_FOUND},
    ),
)
class MemberViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Member
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    action_serializers = {
        "retrieve": MemberDetailSerializer,
        "create": MemberCreateSerializer,
        "partial_update": MemberUpdateSerializer,
    }

    def base_queryset(self) -> QuerySet[Member]:
        return Member.objects.select_related("cell").name_ordered()

    def profile(self, member: Member) -> dict[str, Any]:
        context = {**self.get_serializer_context()}
        context["sees_sensitive"] = scope.sees_sensitive(self.request.user, member)
        data: dict[str, Any] = MemberDetailSerializer(member, context=context).data
        return data

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        member = self.get_object()
        if request.user.member_id != member.pk:  # type: ignore[union-attr]
            log_access(
                request.user,  # type: ignore[arg-type]
                AccessLog.Action.API_PROFILE,
                org_path=member.org_path,
                member=member,
                organization=member.cell,
                ip_address=client_ip(request),
            )
        return Response(self.profile(member))

    @extend_schema(
        summary=_("Thêm đảng viên"),
        request=MemberCreateSerializer,
        responses={201: MemberDetailSerializer, 400: _BAD_INPUT, 403: _FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        cell = data.pop("cell")
        self.require_edit_at(cell.path)
        member = services.create_member(actor=request.user, cell=cell, data=data)
        return Response(self.profile(member), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa hồ sơ đảng viên"),
        request=MemberUpdateSerializer,
        responses={200: MemberDetailSerializer, 400: _BAD_INPUT, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        member = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        member = services.update_member(
            member, actor=request.user, changes=dict(serializer.validated_data)
        )
        return Response(self.profile(member))


router.register("members", MemberViewSet, basename="member")
