"""``GET /api/v1/organizations/{id}/congress-progress/``: a campaign's progress on a day."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.congresses.progress import ProgressError, congress_progress
from dangvu.core.api_schema import ObjectAnswerSchema
from dangvu.core.scope import for_user
from dangvu.organizations.models import Organization


class ProgressQuerySerializer(serializers.Serializer):
    term = serializers.CharField(help_text=_("Nhiệm kỳ, ví dụ 2022-2025."))
    as_of = serializers.DateField(required=False, help_text=_("Tính đến ngày (mặc định hôm nay)."))


class CampaignRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    plan = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    term = serializers.CharField()
    as_of = serializers.DateField()
    campaign = CampaignRefSerializer(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    cells = serializers.IntegerField()
    held = serializers.IntegerField()
    not_held = serializers.IntegerField()
    held_by_kind = serializers.DictField(child=serializers.IntegerField())
    cells_by_kind = serializers.DictField(child=serializers.IntegerField())
    late = serializers.ListField(child=serializers.IntegerField())


class CongressProgressViewSet(viewsets.ViewSet):
    """Tiến độ đại hội chi bộ trong cây con của một tổ chức."""

    # ``list`` answers one object (the progress), not an array.
    schema = ObjectAnswerSchema()

    @extend_schema(
        summary=_("Tiến độ đại hội chi bộ"),
        description=_(
            "Số chi bộ, số đã đại hội đến ngày as_of (theo loại hình chi bộ), hạn hoàn thành "
            "của kế hoạch gần nhất và các chi bộ đã quá hạn mà chưa đại hội."
        ),
        parameters=[
            OpenApiParameter("organization_pk", int, OpenApiParameter.PATH),
            ProgressQuerySerializer,
        ],
        responses={200: ProgressSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def list(self, request: Request, organization_pk: str) -> Response:
        root = for_user(request.user, Organization.objects.all(), organization_pk)
        query = ProgressQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        try:
            data = congress_progress(root, query.validated_data["term"], as_of)
        except ProgressError as error:
            raise ValidationError({"term": [str(error)]}) from error
        return Response(data)


router.register(
    r"organizations/(?P<organization_pk>[0-9]+)/congress-progress",
    CongressProgressViewSet,
    basename="congress-progress",
)
