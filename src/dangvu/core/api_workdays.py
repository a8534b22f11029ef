"""``/api/v1/workday-exceptions/``: the government's working-day swaps (decision 0012).

Everyone signed in reads them with their source notice; only a superuser
records one (``services_workdays.can_record``). Not scoped to an organisation:
the calendar is national.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.accounts.authentication import SessionAuthentication, TokenAuthentication
from dangvu.api_router import router
from dangvu.core import services_workdays
from dangvu.core.api import BAD_INPUT, NOT_FOUND, InputSerializer, ScopedPagination
from dangvu.core.models_workdays import WorkdayException


class WorkdayExceptionSerializer(serializers.ModelSerializer):
    """One recorded day (output)."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_active = serializers.BooleanField(
        read_only=True, help_text=_("false khi đã thu hồi: ngày này không còn được tính.")
    )

    class Meta:
        model = WorkdayException
        fields = [
            "id",
            "day",
            "kind",
            "kind_display",
            "name",
            "source_number",
            "source_date",
            "source_issuer",
            "is_active",
            "withdrawn_at",
            "withdrawn_reason",
        ]


class WorkdayExceptionInputSerializer(InputSerializer):
    day = serializers.DateField(label=_("ngày"))
    kind = serializers.ChoiceField(
        label=_("loại"),
        choices=WorkdayException.Kind.choices,
        help_text=_("day_off hoặc working_day."),
    )
    name = serializers.CharField(label=_("nội dung"), max_length=200)
    source_number = serializers.CharField(label=_("số văn bản"), max_length=60)
    source_date = serializers.DateField(label=_("ngày văn bản"))
    source_issuer = serializers.CharField(
        label=_("cơ quan ban hành"), max_length=200, required=False, allow_blank=True
    )


class WithdrawInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("lý do thu hồi"), max_length=255)


class MayRecord(permissions.IsAuthenticated):
    message = _("Chỉ quản trị hệ thống được ghi ngày hoán đổi.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or services_workdays.can_record(
            request.user
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Ngày hoán đổi"),
        description=_(
            "Các ngày nghỉ, ngày làm việc bù do Chính phủ hoán đổi, kèm văn bản nguồn; "
            "mọi hạn tính theo ngày làm việc đều theo danh sách này."
        ),
    ),
    retrieve=extend_schema(summary=_("Một ngày hoán đổi")),
    create=extend_schema(
        summary=_("Ghi một ngày hoán đổi (chỉ quản trị hệ thống)"),
        request=WorkdayExceptionInputSerializer,
        responses={
            201: WorkdayExceptionSerializer,
            400: BAD_INPUT,
            403: OpenApiResponse(description=_("Chỉ quản trị hệ thống được ghi.")),
        },
    ),
    withdraw=extend_schema(
        summary=_("Thu hồi một ngày hoán đổi ghi nhầm (chỉ quản trị hệ thống)"),
        description=_(
            "Ngày đã thu hồi vẫn ở trong danh sách kèm lý do nhưng không còn được tính "
            "vào các hạn; sau đó có thể ghi lại ngày đó cho đúng."
        ),
        request=WithdrawInputSerializer,
        responses={
            200: WorkdayExceptionSerializer,
            400: BAD_INPUT,
            403: OpenApiResponse(description=_("Chỉ quản trị hệ thống được thu hồi.")),
            404: NOT_FOUND,
        },
    ),
)
class WorkdayExceptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [MayRecord]
    pagination_class = ScopedPagination
    serializer_class = WorkdayExceptionSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[WorkdayException]:
        return services_workdays.listed()

    def create(self, request: Request) -> Response:
        serializer = WorkdayExceptionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services_workdays.record_exception(request.user, dict(serializer.validated_data))
        return Response(WorkdayExceptionSerializer(row).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        row = self._row(pk)
        serializer = WithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services_workdays.withdraw_exception(
            request.user, row, serializer.validated_data["reason"]
        )
        return Response(WorkdayExceptionSerializer(row).data)

    def _row(self, pk: str | None) -> WorkdayException:
        # A number too large for the database is as absent as an unknown one (not a 500).
        if not re.fullmatch(r"[0-9]{1,12}", pk or ""):
            raise Http404
        row = WorkdayException.objects.filter(pk=int(str(pk))).first()
        if row is None:
            raise Http404
        return row


router.register("workday-exceptions", WorkdayExceptionViewSet, basename="workday-exception")
