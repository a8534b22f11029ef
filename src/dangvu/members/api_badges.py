"""The badge API: ``badges/due`` (members due at an award date) and ``badge-awards``.

Lists are scoped (``visible_to``); an award is created through
``members.badges.record_badge_award`` by staff (``scope.for_user(..., EDIT)`` on
the member), with the same Vietnamese errors as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import InputSerializer, ScopedViewSet
from dangvu.members import badge_rules, badges
from dangvu.members.models import BadgeAward, Member
from dangvu.organizations.models import Organization

MAX_ID = 2**31 - 1


class BadgeAwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = BadgeAward
        fields = [
            "id",
            "member",
            "milestone",
            "award_date",
            "badge_number",
            "decided_by",
            "decision_number",
            "decision_date",
            "early",
            "early_reason",
        ]
        read_only_fields = fields


class BadgeAwardCreateSerializer(InputSerializer):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    milestone = serializers.ChoiceField(choices=list(badge_rules.MILESTONES))
    award_date = serializers.DateField()
    decision_number = serializers.CharField(max_length=60)
    decided_by = serializers.CharField(max_length=255, required=False, allow_blank=True)
    decision_date = serializers.DateField(required=False, allow_null=True)
    badge_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    early = serializers.BooleanField(required=False, default=False)
    early_reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


class DueQuerySerializer(InputSerializer):
    organization = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    award_date = serializers.DateField(
        required=False, help_text=_("YYYY-MM-DD; mặc định đợt trao tiếp theo.")
    )


class DueRowSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    full_name = serializers.CharField()
    cell = serializers.IntegerField()
    cell_code = serializers.CharField()
    milestone = serializers.IntegerField()
    party_age_years = serializers.IntegerField()
    party_age_months = serializers.IntegerField()
    award_date = serializers.DateField()
    first_due_on = serializers.DateField()


def due_row(row: badges.DueBadge) -> dict[str, Any]:
    return {
        "member": row.member.pk,
        "full_name": row.member.full_name,
        "cell": row.member.cell.pk,
        "cell_code": row.member.cell.code,
        "milestone": row.milestone,
        "party_age_years": row.party_age.years,
        "party_age_months": row.party_age.months,
        "award_date": row.award_date,
        "first_due_on": row.first_due_on,
    }


@extend_schema_view(
    list=extend_schema(
        summary=_("Đảng viên đến hạn Huy hiệu Đảng tại một đợt trao"),
        parameters=[DueQuerySerializer],
        responses={200: DueRowSerializer(many=True)},
    )
)
class BadgeDueViewSet(ScopedViewSet):
    model = Organization
    serializer_class = DueRowSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        query = DueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        org_id = params.get("organization")
        root = scope.for_user(request.user, Organization.objects.all(), org_id) if org_id else None
        award_date = params.get("award_date") or badge_rules.next_award_date(timezone.localdate())
        data = [due_row(row) for row in badges.due_badges(request.user, root, award_date)]
        page: list[Any] | None = self.paginate_queryset(data)  # type: ignore[arg-type]
        if page is not None:
            return self.get_paginated_response(DueRowSerializer(page, many=True).data)
        return Response(DueRowSerializer(data, many=True).data)


@extend_schema_view(list=extend_schema(summary=_("Huy hiệu Đảng đã trao")))
class BadgeAwardViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = BadgeAward
    serializer_class = BadgeAwardSerializer
    action_serializers = {"create": BadgeAwardCreateSerializer}

    def base_queryset(self) -> QuerySet[BadgeAward]:
        return BadgeAward.objects.order_by("-award_date", "member_id", "milestone")

    @extend_schema(summary=_("Ghi nhận trao Huy hiệu Đảng"), responses={201: BadgeAwardSerializer})
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = scope.for_user(request.user, Member.objects.all(), data.pop("member"), scope.EDIT)
        award = badges.record_badge_award(member, actor=request.user, **data)
        return Response(BadgeAwardSerializer(award).data, status=status.HTTP_201_CREATED)


router.register("badges/due", BadgeDueViewSet, basename="badge-due")
router.register("badge-awards", BadgeAwardViewSet, basename="badge-award")
