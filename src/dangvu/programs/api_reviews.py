"""API of targets and reviews, registered on the /api/v1/ router (issue 8).

* ``targets``: an organisation's targets of a year with the latest actual
  value, how much of the plan it is and whether it is met; create one; record
  a value (``values``); compute the ones dangvu knows (``refresh``);
* ``reviews``: the reviews (sơ kết) in scope; open one; its figures (frozen
  when closed), notes and the next period's key tasks; change it (PATCH),
  add a note, ``close`` (freeze the figures), ``reopen``; the Word draft of
  the report (``docx``).

Every write goes through ``programs.services`` / ``services_reviews``; every
read through the scope rule.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.core.api import NOT_FOUND, WRITE, ScopedViewSet
from dangvu.core.docx_layout import DOCX_TYPE, docx_response
from dangvu.programs import services, services_reviews
from dangvu.programs.filters import ReviewFilterSet, TargetFilterSet
from dangvu.programs.models import Review, ReviewNote, Target
from dangvu.programs.review_report import key_tasks, review_docx, review_filename
from dangvu.programs.serializers_reviews import (
    ReviewCloseInputSerializer,
    ReviewDetailSerializer,
    ReviewInputSerializer,
    ReviewNoteInputSerializer,
    ReviewNoteSerializer,
    ReviewReopenInputSerializer,
    ReviewSerializer,
    ReviewUpdateSerializer,
    TargetInputSerializer,
    TargetRefreshInputSerializer,
    TargetSerializer,
    TargetValueInputSerializer,
    TargetValueSerializer,
    figures_data,
)
from dangvu.programs.targets import target_rows

# ---------------------------------------------------------------------------
# Targets


def target_data(request: Request, targets: list[Target]) -> Any:
    """Targets with their latest values (``target_rows``: one query for all the values)."""
    rows = {row.target.pk: row for row in target_rows(targets)}
    context = {"request": request, "rows": rows}
    return TargetSerializer(targets, many=True, context=context).data


@extend_schema_view(
    list=extend_schema(
        summary=_("Chỉ tiêu"),
        description=_(
            "Chỉ tiêu của một tổ chức (organization=) trong một năm (year=): kế hoạch, thực hiện "
            "mới nhất và ngày tính, tỷ lệ so với kế hoạch, đạt hay chưa (null: chưa có số liệu)."
        ),
    ),
)
class TargetViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Target
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "create": TargetInputSerializer,
        "values": TargetValueInputSerializer,
        "refresh": TargetRefreshInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Target]:
        return Target.objects.select_related("document").order_by("org_path", "year", "order", "id")

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        targets = list(queryset if page is None else page)
        data = target_data(request, targets)
        return Response(data) if page is None else self.get_paginated_response(data)

    def answer(self, target: Target, code: int = status.HTTP_200_OK) -> Response:
        target = self.base_queryset().get(pk=target.pk)
        return Response(target_data(self.request, [target])[0], status=code)

    @extend_schema(
        summary=_("Thêm chỉ tiêu"),
        description=_(
            "source khác manual: dangvu tự tính số thực hiện (kết nạp đảng viên, tỷ lệ dự sinh "
            "hoạt, tỷ lệ xếp loại) bằng refresh."
        ),
        request=TargetInputSerializer,
        responses={201: TargetSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(TargetInputSerializer)
        organization = data.pop("organization")
        self.require_edit_at(organization.path)
        target = services.add_target(request.user, organization=organization, **data)
        return self.answer(target, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Ghi số thực hiện chỉ tiêu"),
        description=_(
            "Chỉ với chỉ tiêu nhập tay; ngày tính trong năm của chỉ tiêu, không sau hôm nay."
        ),
        request=TargetValueInputSerializer,
        responses={201: TargetSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def values(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        data = self.parsed(TargetValueInputSerializer)
        services.record_target_value(request.user, target, **data)
        return self.answer(target, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Tính các chỉ tiêu từ dữ liệu"),
        description=_(
            "Tính số thực hiện của các chỉ tiêu có nguồn dữ liệu (kết nạp, dự sinh hoạt, xếp loại) "
            "của tổ chức trong năm, đến ngày as_of (mặc định hôm nay)."
        ),
        request=TargetRefreshInputSerializer,
        responses={200: TargetValueSerializer(many=True), **WRITE},
    )
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def refresh(self, request: Request) -> Response:
        data = self.parsed(TargetRefreshInputSerializer)
        organization = data["organization"]
        self.require_edit_at(organization.path)
        as_of = data.get("as_of") or timezone.localdate()
        written = services.refresh_computed(request.user, organization, data["year"], as_of=as_of)
        return Response(TargetValueSerializer(written, many=True).data)


# ---------------------------------------------------------------------------
# Reviews


@extend_schema_view(
    list=extend_schema(
        summary=_("Sơ kết, tổng kết chương trình công tác"),
        description=_("Lọc theo tổ chức (cả cấp dưới), chương trình, năm."),
    ),
)
class ReviewViewSet(mixins.ListModelMixin, ScopedViewSet):
    model = Review
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "retrieve": ReviewDetailSerializer,
        "create": ReviewInputSerializer,
        "partial_update": ReviewUpdateSerializer,
        "notes": ReviewNoteInputSerializer,
        "close": ReviewCloseInputSerializer,
        "reopen": ReviewReopenInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Review]:
        return Review.objects.select_related("programme").order_by("-held_on", "-id")

    def detail_data(self, review: Review) -> dict[str, Any]:
        """The review with its figures, notes and the next key tasks (fixed queries)."""
        review = (
            Review.objects.select_related("programme", "next_programme")
            .prefetch_related(Prefetch("notes", ReviewNote.objects.order_by("kind", "order", "id")))
            .get(pk=review.pk)
        )
        following, _is_key = key_tasks(review.next_programme)
        context = {
            "request": self.request,
            "figures": figures_data(services_reviews.current_figures(review)),
            "next_key_tasks": following,
        }
        data: dict[str, Any] = ReviewDetailSerializer(review, context=context).data
        return data

    def answer(self, review: Review, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.detail_data(review), status=code)

    @extend_schema(
        summary=_("Một sơ kết: số liệu, nội dung, nhiệm vụ trọng tâm kỳ sau"),
        description=_(
            "Số liệu tính từ các nhiệm vụ (chỉ nhiệm vụ cấp trên) đến ngày sơ kết; đã chốt thì "
            "giữ nguyên số liệu lúc chốt."
        ),
        responses={200: ReviewDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.answer(self.get_object())

    @extend_schema(
        summary=_("Mở sơ kết một chương trình"),
        description=_("Mỗi chương trình một sơ kết; hội nghị và chương trình kỳ sau cùng tổ chức."),
        request=ReviewInputSerializer,
        responses={201: ReviewDetailSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(ReviewInputSerializer)
        programme = data.pop("programme")
        self.require_edit_at(programme.org_path)
        review = services_reviews.open_review(request.user, programme, **data)
        return self.answer(review, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa sơ kết (chưa chốt)"),
        request=ReviewUpdateSerializer,
        responses={200: ReviewDetailSerializer, **WRITE},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        data = self.parsed(ReviewUpdateSerializer, partial=True)
        return self.answer(services_reviews.update_review(request.user, review, **data))

    @extend_schema(
        summary=_("Ghi một nội dung sơ kết"),
        description=_("Kết quả đạt được, hạn chế, nguyên nhân hoặc phương hướng."),
        request=ReviewNoteInputSerializer,
        responses={201: ReviewNoteSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        data = self.parsed(ReviewNoteInputSerializer)
        note = services_reviews.add_review_note(request.user, review, **data)
        return Response(ReviewNoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Chốt số liệu sơ kết"),
        description=_("Số liệu đến ngày sơ kết được giữ nguyên từ đây (mặc định chốt hôm nay)."),
        request=ReviewCloseInputSerializer,
        responses={200: ReviewDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        closed_on = self.parsed(ReviewCloseInputSerializer).get("closed_on")
        closed_on = closed_on or timezone.localdate()
        return self.answer(services_reviews.close_review(request.user, review, closed_on=closed_on))

    @extend_schema(
        summary=_("Mở lại sơ kết đã chốt"),
        request=ReviewReopenInputSerializer,
        responses={200: ReviewDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        reason = self.parsed(ReviewReopenInputSerializer)["reason"]
        return self.answer(services_reviews.reopen_review(request.user, review, reason=reason))

    @extend_schema(
        summary=_("Dự thảo báo cáo sơ kết (Word)"),
        description=_(
            "Báo cáo theo thể thức văn bản của Đảng: số liệu thành câu, kết quả, hạn chế, "
            "nguyên nhân, bảng nhiệm vụ, bảng theo nơi chủ trì, nhiệm vụ trọng tâm kỳ sau; "
            "để văn phòng hoàn thiện."
        ),
        responses={(200, DOCX_TYPE): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def docx(self, request: Request, pk: str | None = None) -> HttpResponse:
        review: Review = self.get_object()
        return docx_response(review_docx(review, request.user), review_filename(review))


router.register("targets", TargetViewSet, basename="target")
router.register("reviews", ReviewViewSet, basename="review")
