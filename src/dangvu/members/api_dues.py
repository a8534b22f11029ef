"""The dues API: ``dues-profiles``, ``dues-reductions``, ``dues-payments``, ``dues/unpaid``.

Lists are scoped (``visible_to``); creates go through ``members.dues``: profiles
and reductions by staff (``scope.for_user(..., EDIT)`` on the member), payments
by staff or the cell's secretary for a whole cell and month at once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import InputSerializer, ScopedPermission, ScopedViewSet
from dangvu.members import dues
from dangvu.members.models import DuesPayment, DuesProfile, DuesReduction, Member
from dangvu.members.models.dues import DuesCategory
from dangvu.organizations.models import Organization

MAX_ID = 2**31 - 1


# ---------------------------------------------------------------------------
# Serializers


class DuesProfileSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = DuesProfile
        fields = ["id", "member", "category", "category_label", "base_amount", "valid_from"]
        read_only_fields = fields


class DuesProfileCreateSerializer(InputSerializer):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    category = serializers.ChoiceField(choices=DuesCategory.choices)
    # Optional (only insured salary and pension need it): absent is None, never a
    # missing argument of set_dues_profile.
    base_amount = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None
    )
    valid_from = serializers.DateField()


class DuesReductionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesReduction
        fields = [
            "id",
            "member",
            "percent",
            "start_month",
            "end_month",
            "reason",
            "decided_by",
            "decision_number",
            "decision_date",
        ]
        read_only_fields = fields


class DuesReductionCreateSerializer(InputSerializer):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    percent = serializers.IntegerField()
    start_month = serializers.DateField(help_text=_("Ngày bất kỳ trong tháng bắt đầu."))
    end_month = serializers.DateField(help_text=_("Ngày bất kỳ trong tháng kết thúc."))
    reason = serializers.CharField(max_length=255, allow_blank=True)
    decided_by = serializers.CharField(max_length=255, required=False, allow_blank=True)
    decision_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    decision_date = serializers.DateField(required=False, allow_null=True)


class DuesPaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DuesPayment
        fields = ["id", "member", "month", "amount", "paid_on", "collected_by"]
        read_only_fields = fields


class PaymentLineSerializer(InputSerializer):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    amount = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Bỏ trống: số phải đóng.")
    )


class DuesSheetCreateSerializer(InputSerializer):
    cell = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=_("Mã số chi bộ."))
    month = serializers.DateField(help_text=_("Ngày bất kỳ trong tháng đóng."))
    paid_on = serializers.DateField(required=False, help_text=_("Mặc định hôm nay."))
    payments = PaymentLineSerializer(many=True)


class UnpaidQuerySerializer(InputSerializer):
    organization = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=9999)


class UnpaidRowSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    name = serializers.CharField()
    cell = serializers.IntegerField()
    cell_code = serializers.CharField()
    months = serializers.ListField(child=serializers.CharField(), help_text=_("YYYY-MM."))
    removal_due_on = serializers.DateField()


# ---------------------------------------------------------------------------
# Viewsets


def _member_to_edit(user: Any, pk: int) -> Member:
    member: Member = scope.for_user(user, Member.objects.all(), pk, action=scope.EDIT)
    return member


@extend_schema_view(list=extend_schema(summary=_("Căn cứ đóng đảng phí")))
class DuesProfileViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = DuesProfile
    serializer_class = DuesProfileSerializer
    action_serializers = {"create": DuesProfileCreateSerializer}

    def base_queryset(self) -> QuerySet[DuesProfile]:
        return DuesProfile.objects.order_by("member_id", "valid_from")

    @extend_schema(summary=_("Ghi căn cứ đóng đảng phí"), responses={201: DuesProfileSerializer})
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = _member_to_edit(request.user, data.pop("member"))
        profile = dues.set_dues_profile(member, actor=request.user, **data)
        return Response(DuesProfileSerializer(profile).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary=_("Giảm, miễn đảng phí")))
class DuesReductionViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = DuesReduction
    serializer_class = DuesReductionSerializer
    action_serializers = {"create": DuesReductionCreateSerializer}

    def base_queryset(self) -> QuerySet[DuesReduction]:
        return DuesReduction.objects.order_by("member_id", "start_month")

    @extend_schema(summary=_("Giảm, miễn đảng phí"), responses={201: DuesReductionSerializer})
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = _member_to_edit(request.user, data.pop("member"))
        reduction = dues.grant_reduction(member, actor=request.user, **data)
        return Response(DuesReductionSerializer(reduction).data, status=status.HTTP_201_CREATED)


class PaymentPermission(ScopedPermission):
    """Payments are written by staff and by cell secretaries (where: checked per cell)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if getattr(view, "action", "") != "create":
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated) and (
            bool(user.is_superuser) or any(g.role in dues.PAYMENT_ROLES for g in scope.grants(user))
        )


@extend_schema_view(list=extend_schema(summary=_("Các khoản đảng phí đã nộp")))
class DuesPaymentViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = DuesPayment
    serializer_class = DuesPaymentSerializer
    permission_classes = [PaymentPermission]
    action_serializers = {"create": DuesSheetCreateSerializer}

    def base_queryset(self) -> QuerySet[DuesPayment]:
        return DuesPayment.objects.order_by("-month", "member_id")

    @extend_schema(
        summary=_("Ghi đảng phí một tháng của chi bộ"),
        responses={201: DuesPaymentSerializer(many=True)},
    )
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        user: Any = request.user
        cell = scope.for_user(user, Organization.objects.cells(), data["cell"])
        if not dues.may_record_payments(user, cell):
            raise PermissionDenied
        created = dues.record_payments(
            cell,
            data["month"],
            actor=user,
            payments=self._lines(user, data["payments"]),
            paid_on=data.get("paid_on"),
        )
        return Response(
            DuesPaymentSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )

    def _lines(self, user: Any, lines: list[dict[str, Any]]) -> list[tuple[Member, int | None]]:
        ids = [line["member"] for line in lines]
        members = Member.objects.visible_to(user).in_bulk(ids)
        missing = [pk for pk in ids if pk not in members]
        if missing:
            message = gettext_now("Không tìm thấy đảng viên có mã số %(ids)s.")
            raise ValidationError({"payments": [message % {"ids": missing}]})
        return [(members[line["member"]], line.get("amount")) for line in lines]


@extend_schema_view(
    list=extend_schema(
        summary=_("Đảng viên không đóng đảng phí từ 3 tháng trở lên trong năm"),
        parameters=[UnpaidQuerySerializer],
        responses={200: UnpaidRowSerializer(many=True)},
    )
)
class DuesUnpaidViewSet(ScopedViewSet):
    model = Organization
    serializer_class = UnpaidRowSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        query = UnpaidQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        org_id = params.get("organization")
        root = scope.for_user(request.user, Organization.objects.all(), org_id) if org_id else None
        year = params.get("year") or timezone.localdate().year
        rows = dues.members_with_unpaid_months(request.user, root, year)
        data = [
            {
                "member": row.member.pk,
                "name": row.member.full_name,
                "cell": row.cell.pk,
                "cell_code": row.cell.code,
                "months": [month.strftime("%Y-%m") for month in row.months],
                "removal_due_on": row.removal_due_on,
            }
            for row in rows
        ]
        page: list[Any] | None = self.paginate_queryset(data)  # type: ignore[arg-type]
        if page is not None:
            return self.get_paginated_response(UnpaidRowSerializer(page, many=True).data)
        return Response(UnpaidRowSerializer(data, many=True).data)


router.register("dues-profiles", DuesProfileViewSet, basename="dues-profile")
router.register("dues-reductions", DuesReductionViewSet, basename="dues-reduction")
router.register("dues-payments", DuesPaymentViewSet, basename="dues-payment")
router.register("dues/unpaid", DuesUnpaidViewSet, basename="dues-unpaid")
