"""The lifecycle API: ``/api/v1/transfers/`` and ``/api/v1/membership-events/``.

Transfers are seen from both ends; each step is an action on one transfer,
checked by ``scope.for_user`` (404 out of scope, 403 read-only) and done by
``members.transfers``. A decision is created by ``kind`` through
``members.decisions``. Service errors come back as Vietnamese 400s.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core import scope
from dangvu.core.api import ScopedViewSet
from dangvu.members import transfers
from dangvu.members.decisions import DECISIONS
from dangvu.members.lifecycle_serializers import (
    CancelSerializer,
    DecisionCreateSerializer,
    MembershipEventSerializer,
    ReceiveSerializer,
    StepSerializer,
    TransferCreateSerializer,
    TransferSerializer,
)
from dangvu.members.models import Member, MembershipEvent, Transfer
from dangvu.members.services import PROFILE_FIELDS

STEP_SERVICES: dict[str, tuple[Any, str]] = {
    "present": (transfers.present_letter, "presented_on"),
    "start": (transfers.start_at_destination, "started_on"),
    "return": (transfers.return_from_temporary, "returned_on"),
}


def _member_to_edit(user: Any, pk: int) -> Member:
    member: Member = scope.for_user(user, Member.objects.all(), pk, action=scope.EDIT)
    return member


class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = Transfer
    serializer_class = TransferSerializer
    action_serializers = {
        "create": TransferCreateSerializer,
        "present": StepSerializer,
        "start": StepSerializer,
        "return_": StepSerializer,
        "cancel": CancelSerializer,
        "receive": ReceiveSerializer,
    }

    def base_queryset(self) -> QuerySet[Transfer]:
        return Transfer.objects.select_related("member")

    def _answer(self, transfer: Transfer, code: int = status.HTTP_200_OK) -> Response:
        return Response(TransferSerializer(transfer).data, status=code)

    @extend_schema(summary=_("Cấp giấy giới thiệu chuyển sinh hoạt"))
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = _member_to_edit(request.user, data.pop("member"))
        transfer = transfers.issue_transfer(member, actor=request.user, **data)
        return self._answer(transfer, status.HTTP_201_CREATED)

    def _step(self, request: Request, step: str) -> Response:
        transfer = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service, day_field = STEP_SERVICES[step]
        day = serializer.validated_data["day"]
        return self._answer(service(transfer, actor=request.user, **{day_field: day}))

    @extend_schema(summary=_("Ghi ngày nộp giấy giới thiệu"))
    @action(detail=True, methods=["post"])
    def present(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "present")

    @extend_schema(summary=_("Ghi ngày bắt đầu sinh hoạt tại nơi đến"))
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "start")

    @extend_schema(summary=_("Ghi ngày trở về sau sinh hoạt tạm thời"))
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, "return")

    @extend_schema(summary=_("Hủy giấy giới thiệu chưa dùng"))
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        transfer = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        return self._answer(transfers.cancel_transfer(transfer, actor=request.user, reason=reason))

    @extend_schema(summary=_("Tiếp nhận đảng viên chuyển đến từ ngoài hệ thống"))
    @action(detail=False, methods=["post"])
    def receive(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        cell = data.pop("cell")
        self.require_edit_at(cell.path)
        profile = {k: v for k, v in data.items() if k in PROFILE_FIELDS}
        letter = {k: v for k, v in data.items() if k not in PROFILE_FIELDS}
        transfer = transfers.receive_from_outside(
            actor=request.user, cell=cell, data=profile, **letter
        )
        return self._answer(transfer, status.HTTP_201_CREATED)


class MembershipEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    model = MembershipEvent
    serializer_class = MembershipEventSerializer
    action_serializers = {"create": DecisionCreateSerializer}

    def base_queryset(self) -> QuerySet[MembershipEvent]:
        return MembershipEvent.objects.select_related("member").order_by("-effective_date", "-id")

    @extend_schema(summary=_("Ghi một quyết định về đảng viên (miễn sinh hoạt, xóa tên …)"))
    def create(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        member = _member_to_edit(request.user, data.pop("member"))
        event = DECISIONS[data.pop("kind")](member, actor=request.user, **data)
        return Response(MembershipEventSerializer(event).data, status=status.HTTP_201_CREATED)


router.register("transfers", TransferViewSet, basename="transfer")
router.register("membership-events", MembershipEventViewSet, basename="membership-event")
