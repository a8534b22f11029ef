"""API viewsets of this area, registered on the /api/v1/ router.

``/api/v1/deadlines/``: the deadline inbox ("Việc cần làm") of the user, soonest
first, under an organisation of their scope, within a horizon, of one kind.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import deadlines, scope
from dangvu.core.api import InputSerializer, ScopedViewSet
from dangvu.organizations.models import Organization

MAX_ID = 2**31 - 1


class DeadlineQuerySerializer(InputSerializer):
    organization = serializers.IntegerField(
        label=_("tổ chức"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Mã số (id) tổ chức: chỉ các việc trong cây con của tổ chức này."),
    )
    horizon = serializers.IntegerField(
        label=_("số ngày tới"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_(
            "Các việc đến hạn trong bấy nhiêu ngày tới (mặc định 60); việc quá hạn luôn có."
        ),
    )
    kind = serializers.CharField(
        label=_("loại việc"), required=False, max_length=40, help_text=_("Chỉ một loại việc.")
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in ("organization", "horizon"):
            fields[name].error_messages["min_value"] = _("Phải lớn hơn hoặc bằng {min_value}.")
            fields[name].error_messages["max_value"] = _("Phải nhỏ hơn hoặc bằng {max_value}.")
        return fields


class DeadlineItemSerializer(serializers.Serializer):
    """One thing due (output only)."""

    kind = serializers.CharField(help_text=_("Loại việc."))
    title = serializers.CharField(help_text=_("Tên loại việc."))
    label = serializers.CharField(help_text=_("Việc phải làm."))  # type: ignore[assignment]
    member = serializers.IntegerField(allow_null=True, help_text=_("Mã số đảng viên (nếu có)."))
    candidate = serializers.IntegerField(
        allow_null=True, help_text=_("Mã số quần chúng ưu tú (nếu có).")
    )
    name = serializers.CharField(help_text=_("Họ và tên."))
    due_on = serializers.DateField(help_text=_("Hạn."))
    overdue = serializers.BooleanField(help_text=_("Đã quá hạn."))
    days_overdue = serializers.IntegerField(help_text=_("Số ngày quá hạn (0 nếu chưa)."))
    url = serializers.CharField(help_text=_("Trang để xử lý việc này."))


def item_data(row: deadlines.InboxRow) -> dict[str, Any]:
    item = row.item
    return {
        "kind": item.kind,
        "title": deadlines.kind_title(item.kind, item),
        "label": item.label,
        "member": item.member_id,
        "candidate": item.candidate_id,
        "name": item.name,
        "due_on": item.due_on.isoformat(),
        "overdue": row.overdue,
        "days_overdue": row.days_overdue,
        "url": item.url,
    }


@extend_schema_view(
    list=extend_schema(
        summary=_("Việc cần làm"),
        description=_(
            "Mọi việc đến hạn trong phạm vi người dùng, hạn sớm nhất trước: lễ kết nạp, "
            "hết thời gian dự bị, xét công nhận chính thức, chuyển sinh hoạt, huy hiệu Đảng, "
            "giấy chứng nhận lớp nhận thức, đảng phí. Việc quá hạn luôn có (overdue=true)."
        ),
        parameters=[DeadlineQuerySerializer],
        responses={
            200: DeadlineItemSerializer(many=True),
            400: OpenApiResponse(description=_("Tham số không hợp lệ.")),
            404: OpenApiResponse(description=_("Tổ chức không có hoặc ngoài phạm vi được xem.")),
        },
    )
)
class DeadlineViewSet(ScopedViewSet):
    model = Organization
    serializer_class = DeadlineItemSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        org_id = params.get("organization")
        root = scope.for_user(request.user, Organization.objects.all(), org_id) if org_id else None
        inbox = deadlines.inbox(
            request.user,
            root,
            timezone.localdate(),
            params.get("horizon") or deadlines.DEFAULT_HORIZON,
            params.get("kind", ""),
        )
        page: list[Any] | None = self.paginate_queryset(inbox.rows)  # type: ignore[arg-type]
        rows = inbox.rows if page is None else page
        data = [item_data(row) for row in rows]
        return self.get_paginated_response(data) if page is not None else Response(data)


router.register("deadlines", DeadlineViewSet, basename="deadline")
