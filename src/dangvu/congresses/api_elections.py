"""API of one stored election round: ``/api/v1/elections/{id}/`` (issue 7).

Detail with its list, ballots or tally and the stored count; the actions
``ballots``, ``tally``, ``count`` and ``next-round``. Ids are numbers only, so
``POST /api/v1/elections/count/`` (the pure count of ``api.py``) keeps its route.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.congresses import services
from dangvu.congresses.api_common import MAX_ID, Parsing
from dangvu.congresses.choices import ElectionKind, ElectionStatus
from dangvu.congresses.models import (
    Ballot,
    Candidate,
    Election,
)
from dangvu.congresses.serializers import (
    StoredBallotInputSerializer,
    StoredBallotSerializer,
    StoredCountInputSerializer,
    StoredElectionDetailSerializer,
    StoredElectionSerializer,
    StoredNextRoundInputSerializer,
    StoredTallyInputSerializer,
)
from dangvu.core.api import NOT_FOUND, WRITE


class StoredElectionFilterSet(django_filters.FilterSet):
    """congress, kind, status."""

    congress = django_filters.NumberFilter(label=_("Đại hội"), max_value=MAX_ID)
    kind = django_filters.ChoiceFilter(label=_("Bầu"), choices=ElectionKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ElectionStatus.choices)

    class Meta:
        model = Election
        fields = ["congress", "kind", "status"]


# ---------------------------------------------------------------------------
# Stored elections


def election_detail(election: Election) -> dict[str, Any]:
    """One round with its list and ballots: three queries."""
    election = (
        Election.objects.select_related("congress__organization")
        .prefetch_related(
            Prefetch("candidates", Candidate.objects.order_by("position")),
            Prefetch("ballots", Ballot.objects.order_by("number")),
        )
        .get(pk=election.pk)
    )
    data: dict[str, Any] = StoredElectionDetailSerializer(election).data
    return data


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách cuộc bầu cử"),
        description=_("Lọc theo đại hội, loại bầu cử, trạng thái."),
    ),
)
class StoredElectionViewSet(mixins.ListModelMixin, Parsing):
    model = Election
    serializer_class = StoredElectionSerializer
    filterset_class = StoredElectionFilterSet
    # Numbers only: ``elections/count/`` is the pure count of ``api.py``.
    lookup_value_regex = "[0-9]+"
    action_serializers: ClassVar[dict[str, Any]] = {
        "retrieve": StoredElectionDetailSerializer,
        "ballots": StoredBallotInputSerializer,
        "tally": StoredTallyInputSerializer,
        "count": StoredCountInputSerializer,
        "next_round": StoredNextRoundInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Election]:
        return Election.objects.select_related("congress").order_by(
            "congress_id", "kind", "round", "id"
        )

    @extend_schema(
        summary=_("Cuộc bầu cử: danh sách, phiếu bầu, kết quả kiểm phiếu"),
        responses={200: StoredElectionDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(election_detail(self.get_object()))

    @extend_schema(
        summary=_("Nhập một phiếu bầu"),
        description=_(
            "Phiếu gạch tên: kept = các tên không bị gạch; danh sách không có số dư có thể "
            "ghi marks (tên → agree, disagree, both, none). issued=false: phiếu không do Ban "
            "kiểm phiếu phát ra. Không nhập khi đã có biên bản tổng hợp."
        ),
        request=StoredBallotInputSerializer,
        responses={201: StoredBallotSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def ballots(self, request: Request, pk: str | None = None) -> Response:
        election = self.get_object()
        data = self.parsed(StoredBallotInputSerializer)
        ballot = services.add_ballot(
            request.user,
            election,
            kept=data.get("kept"),
            marks=data.get("marks"),
            issued=data["issued"],
        )
        return Response(StoredBallotSerializer(ballot).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Nhập biên bản kiểm phiếu tổng hợp"),
        description=_("Thay cho từng phiếu: số phiếu mỗi người, số phiếu hợp lệ, không hợp lệ."),
        request=StoredTallyInputSerializer,
        responses={200: StoredElectionDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def tally(self, request: Request, pk: str | None = None) -> Response:
        election = self.get_object()
        data = self.parsed(StoredTallyInputSerializer)
        election = services.enter_tally(request.user, election, **data)
        return Response(election_detail(election))

    @extend_schema(
        summary=_("Kiểm phiếu và lưu kết quả"),
        description=_(
            "Tính theo Quy định 190-QĐ/TW (như POST /api/v1/elections/count/) từ các phiếu "
            "hoặc biên bản đã nhập, đối chiếu phiếu phát ra = thu vào + không thu về, và lưu."
        ),
        request=StoredCountInputSerializer,
        responses={200: StoredElectionDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def count(self, request: Request, pk: str | None = None) -> Response:
        election = self.get_object()
        data = self.parsed(StoredCountInputSerializer)
        on = data.pop("on", None) or election.congress.held_on or timezone.localdate()
        election = services.count_election(request.user, election, on=on, **data)
        return Response(election_detail(election))

    @extend_schema(
        summary=_("Bầu lần sau"),
        description=_(
            "Khi có người bằng phiếu ở chỗ cuối hoặc còn thiếu người trúng cử: tạo lần bầu "
            "mới cho số chỗ còn lại, danh sách mặc định là những người bằng phiếu."
        ),
        request=StoredNextRoundInputSerializer,
        responses={201: StoredElectionDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"], url_path="next-round")
    def next_round(self, request: Request, pk: str | None = None) -> Response:
        election = self.get_object()
        names = self.parsed(StoredNextRoundInputSerializer).get("candidates")
        following = services.next_round(request.user, election, candidates=names)
        return Response(election_detail(following), status=status.HTTP_201_CREATED)


router.register("elections", StoredElectionViewSet, basename="election-record")
