"""API of the congress records, registered on the /api/v1/ router (issue 7).

* ``congress-campaigns``: the plans (list by organisation and term, detail with
  each cell's progress and guides, create; ``guides`` assigns a committee
  member to a cell);
* ``congresses``: the congress records (list by campaign, organisation, term;
  detail with the steps, the convened list, the documents, the elections and
  the new committee; plan one; the actions ``step``, ``convene``,
  ``exclusion``, ``presence``, ``documents``, ``elections``, ``hold``,
  ``install-committee``, ``approve``, ``cancel``);
* ``elections/{id}``: one stored round, in ``api_elections.py``.

Every write goes through ``congresses.services``; every read through the
scope rule (404 out of scope, 403 read-only).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, ClassVar

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.api_router import router
from dangvu.congresses import services
from dangvu.congresses.api_common import MAX_ID, Parsing
from dangvu.congresses.api_delegates import (
    DelegateInputSerializer,
    DelegateReplaceInputSerializer,
    DelegatesMixin,
)
from dangvu.congresses.api_elections import election_detail
from dangvu.congresses.choices import STEP_ORDER, Status
from dangvu.congresses.models import (
    Campaign,
    Congress,
    Convened,
    Guide,
)
from dangvu.congresses.progress import ProgressError, cell_progress, parse_term
from dangvu.congresses.serializers import (
    CampaignDetailQuerySerializer,
    CampaignDetailSerializer,
    CampaignGuideInputSerializer,
    CampaignGuideSerializer,
    CampaignInputSerializer,
    CampaignSerializer,
    CongressApproveInputSerializer,
    CongressCancelInputSerializer,
    CongressConveneInputSerializer,
    CongressDetailSerializer,
    CongressDocumentInputSerializer,
    CongressDocumentSerializer,
    CongressExclusionInputSerializer,
    CongressHoldInputSerializer,
    CongressInputSerializer,
    CongressInstallInputSerializer,
    CongressPresenceInputSerializer,
    CongressSerializer,
    CongressStepInputSerializer,
    StoredElectionDetailSerializer,
    StoredElectionInputSerializer,
)
from dangvu.core.api import BAD_INPUT, NOT_FOUND, WRITE
from dangvu.core.scope import subtree_q
from dangvu.members.models import Member
from dangvu.organizations.models import Committee, Organization, Position

# ---------------------------------------------------------------------------
# Filters (the API's; the pages read the same fields)


def _subtree(queryset: QuerySet[Any], pk: int) -> QuerySet[Any]:
    path = Organization.objects.filter(pk=pk).values_list("path", flat=True).first()
    if path is None:
        return queryset.none()
    return queryset.filter(subtree_q("org_path", path))


class _TermFilterMixin(django_filters.FilterSet):
    organization = django_filters.NumberFilter(
        label=_("Tổ chức (cả cấp dưới)"), method="filter_organization", max_value=MAX_ID
    )
    term = django_filters.CharFilter(label=_("Nhiệm kỳ (2022-2025)"), method="filter_term")

    def filter_organization(self, queryset: QuerySet[Any], name: str, value: int) -> Any:
        return _subtree(queryset, value)

    def filter_term(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        try:
            start, end = parse_term(value)
        except ProgressError as error:
            raise ValidationError({"term": [str(error)]}) from error
        return queryset.filter(term_start=start, term_end=end)


class CampaignFilterSet(_TermFilterMixin):
    """organization (subtree), term, target_level."""

    target_level = django_filters.ChoiceFilter(
        label=_("Đại hội cấp"), choices=[("cell", _("Chi bộ")), ("grassroots", _("Cơ sở"))]
    )

    class Meta:
        model = Campaign
        fields = ["organization", "term", "target_level"]


class CongressFilterSet(_TermFilterMixin):
    """campaign, organization (subtree), term, status."""

    campaign = django_filters.NumberFilter(label=_("Kế hoạch"), max_value=MAX_ID)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Status.choices)

    class Meta:
        model = Congress
        fields = ["campaign", "organization", "term", "status"]


# ---------------------------------------------------------------------------
# Campaigns


def _dates_until(row: dict[str, Any], as_of: date) -> dict[str, date | None]:
    """Each step's date, or None when it is not recorded by ``as_of``."""
    steps: dict[str, date | None] = {}
    for step in STEP_ORDER:
        on = row.get(f"{step}_on")
        steps[step] = on if on is not None and on <= as_of else None
    return steps


def campaign_progress(campaign: Campaign, as_of: date) -> dict[str, Any]:
    """Each cell of the campaign's subtree as of a day: five queries whatever its size."""
    rows, _nearest = cell_progress(campaign.organization, campaign.term_start, as_of)
    columns = [f"{step}_on" for step in STEP_ORDER]
    congresses = {
        row["organization_id"]: row
        for row in Congress.objects.filter(
            subtree_q("org_path", campaign.org_path), term_start=campaign.term_start
        )
        .exclude(status=Status.CANCELLED)
        .values("id", "organization_id", "status", *columns)
    }
    guides: dict[int, list[str]] = {}
    for cell_id, name in (
        Guide.objects.filter(campaign=campaign)
        .order_by("id")
        .values_list("organization_id", "member__full_name")
    ):
        guides.setdefault(cell_id, []).append(name)
    cells = []
    for row in rows:
        congress = congresses.get(row.id, {})
        steps = _dates_until(congress, as_of)
        done = [step for step in STEP_ORDER if steps[step] is not None]
        cells.append(
            {
                "id": row.id,
                "name": row.name,
                "kind": row.kind,
                "due_on": row.due_on,
                "congress": congress.get("id"),
                "status": row.status,
                "last_step": str(done[-1]) if done else "",
                "steps": {str(step): on for step, on in steps.items()},
                "held_on": row.held_on,
                "late": row.late(as_of),
                "guides": guides.get(row.id, []),
            }
        )
    held = [row for row in rows if row.held]
    by_kind = Counter(row.kind for row in held)
    return {
        "as_of": as_of,
        "cells": len(cells),
        "held": len(held),
        "held_by_kind": dict(sorted(by_kind.items())),
        "late": [row.id for row in rows if row.late(as_of)],
        "rows": cells,
    }


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách kế hoạch đại hội"),
        description=_("Lọc theo tổ chức (cả cấp dưới), nhiệm kỳ (2022-2025) và cấp đại hội."),
    ),
)
class CampaignViewSet(mixins.ListModelMixin, Parsing):
    model = Campaign
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "retrieve": CampaignDetailSerializer,
        "create": CampaignInputSerializer,
        "guides": CampaignGuideInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Campaign]:
        return Campaign.objects.select_related("organization", "parent").order_by(
            "-term_start", "org_path", "id"
        )

    def detail_data(self, campaign: Campaign, as_of: date) -> dict[str, Any]:
        data: dict[str, Any] = CampaignSerializer(campaign).data
        children = Campaign.objects.filter(parent=campaign).order_by("org_path")
        data["children"] = list(children.values_list("pk", flat=True))
        data["guides"] = CampaignGuideSerializer(
            Guide.objects.filter(campaign=campaign).select_related("member").order_by("id"),
            many=True,
        ).data
        progress = campaign_progress(campaign, as_of)
        data["progress"] = CampaignDetailSerializer().fields["progress"].to_representation(progress)
        return data

    @extend_schema(
        summary=_("Kế hoạch đại hội: tiến độ từng chi bộ"),
        description=_(
            "Kế hoạch, các kế hoạch cấp dưới, phân công chỉ đạo, và tiến độ từng chi bộ "
            "trong cây con đến ngày as_of (mặc định hôm nay): ngày của từng bước, ngày đại "
            "hội, quá hạn."
        ),
        parameters=[CampaignDetailQuerySerializer],
        responses={200: CampaignDetailSerializer, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        campaign = self.get_object()
        query = CampaignDetailQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        return Response(self.detail_data(campaign, as_of))

    def parent_campaign(self, pk: int | None) -> Campaign | None:
        if pk is None:
            return None
        found = Campaign.objects.visible_to(self.request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError({"parent": [_("Không tìm thấy kế hoạch có mã số này.")]})
        return found

    @extend_schema(
        summary=_("Tạo kế hoạch đại hội"),
        description=_(
            "Kế hoạch của một cấp ủy cho một nhiệm kỳ (số, ngày, hạn hoàn thành), có thể cụ "
            "thể hóa kế hoạch của cấp trên (parent). Chỉ cán bộ văn phòng cấp ủy."
        ),
        request=CampaignInputSerializer,
        responses={201: CampaignDetailSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(CampaignInputSerializer)
        organization: Organization = data.pop("organization")
        self.require_edit_at(organization.path)
        data["parent"] = self.parent_campaign(data.get("parent"))
        campaign = services.create_campaign(request.user, organization=organization, **data)
        campaign = self.base_queryset().get(pk=campaign.pk)
        as_of = timezone.localdate()
        return Response(self.detail_data(campaign, as_of), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Phân công cấp ủy viên chỉ đạo đại hội chi bộ"),
        request=CampaignGuideInputSerializer,
        responses={201: CampaignGuideSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def guides(self, request: Request, pk: str | None = None) -> Response:
        campaign = self.get_object()
        data = self.parsed(CampaignGuideInputSerializer)
        member = self.visible_member(data["member"])
        guide = services.assign_guide(
            request.user,
            campaign,
            cell=data["cell"],
            member=member,
            assigned_on=data["assigned_on"],
        )
        return Response(CampaignGuideSerializer(guide).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------------------
# Congresses


def _steps(congress: Congress) -> list[dict[str, Any]]:
    return [
        {"step": step.value, "step_label": str(step.label), "on": getattr(congress, f"{step}_on")}
        for step in STEP_ORDER
    ]


def _committee_body(organization: Organization) -> str:
    return "cell_committee" if organization.is_member_unit else "executive"


def new_committee(congress: Congress) -> dict[str, Any] | None:
    """The committee of the congress's term, with every position (two queries)."""
    committee = Committee.objects.filter(
        organization_id=congress.organization_id,
        body=_committee_body(congress.organization),
        term_start=congress.term_start,
    ).first()
    if committee is None:
        return None
    positions = (
        Position.objects.filter(committee=committee)
        .select_related("member")
        .order_by("start_date", "id")
    )
    return {
        "id": committee.pk,
        "body": committee.body,
        "body_label": committee.get_body_display(),
        "term_start": committee.term_start,
        "term_end": committee.term_end,
        "elected_on": committee.elected_on,
        "positions": [
            {
                "member": p.member_id,
                "full_name": p.member.full_name,
                "role": p.role,
                "role_label": p.get_role_display(),
                "start_date": p.start_date,
                "end_date": p.end_date,
            }
            for p in positions
        ],
    }


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách đại hội"),
        description=_(
            "Lọc theo kế hoạch, tổ chức (cả cấp dưới), nhiệm kỳ (2022-2025), trạng thái."
        ),
    ),
)
class CongressViewSet(mixins.ListModelMixin, DelegatesMixin):
    model = Congress
    serializer_class = CongressSerializer
    filterset_class = CongressFilterSet
    action_serializers: ClassVar[dict[str, Any]] = {
        "retrieve": CongressDetailSerializer,
        "create": CongressInputSerializer,
        "step": CongressStepInputSerializer,
        "convene": CongressConveneInputSerializer,
        "exclusion": CongressExclusionInputSerializer,
        "presence": CongressPresenceInputSerializer,
        "documents": CongressDocumentInputSerializer,
        "elections": StoredElectionInputSerializer,
        "hold": CongressHoldInputSerializer,
        "install_committee": CongressInstallInputSerializer,
        "approve": CongressApproveInputSerializer,
        "cancel": CongressCancelInputSerializer,
        "delegates": DelegateInputSerializer,
        "replace_delegate": DelegateReplaceInputSerializer,
    }

    def base_queryset(self) -> QuerySet[Congress]:
        return Congress.objects.select_related("organization").order_by(
            "-term_start", "org_path", "id"
        )

    def detail_data(self, congress: Congress) -> dict[str, Any]:
        congress = (
            Congress.objects.select_related("organization")
            .prefetch_related(
                Prefetch("convened", Convened.objects.select_related("member").order_by("id")),
                "documents",
                "elections",
            )
            .get(pk=congress.pk)
        )
        congress.steps = _steps(congress)  # type: ignore[attr-defined]
        congress.committee = new_committee(congress)  # type: ignore[attr-defined]
        data: dict[str, Any] = CongressDetailSerializer(congress).data
        return data

    def answer(self, congress: Congress, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.detail_data(congress), status=code)

    @extend_schema(
        summary=_("Đại hội: các bước, danh sách triệu tập, tài liệu, bầu cử"),
        responses={200: CongressDetailSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.answer(self.get_object())

    @extend_schema(
        summary=_("Lập kế hoạch đại hội của một chi bộ"),
        description=_(
            "Gắn với kế hoạch gần nhất ở cấp trên chi bộ cho nhiệm kỳ; mỗi chi bộ chỉ một "
            "đại hội (chưa hủy) mỗi nhiệm kỳ."
        ),
        request=CongressInputSerializer,
        responses={201: CongressDetailSerializer, **WRITE},
    )
    def create(self, request: Request) -> Response:
        data = self.parsed(CongressInputSerializer)
        cell: Organization = data.pop("cell")
        self.require_edit_at(cell.path)
        congress = services.plan_congress(request.user, cell=cell, **data)
        return self.answer(congress, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Ghi một bước chuẩn bị đại hội"),
        description=_(
            "Các bước theo thứ tự: họp chuẩn bị, dự thảo báo cáo chính trị, phương án nhân "
            "sự, thông báo triệu tập; ngày của bước sau không trước bước trước."
        ),
        request=CongressStepInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(CongressStepInputSerializer)
        return self.answer(services.record_step(request.user, congress, data["step"], data["on"]))

    @extend_schema(
        summary=_("Lập (lại) danh sách triệu tập"),
        description=_(
            "Tính từ hồ sơ vào ngày đại hội: đảng viên sinh hoạt chính thức tại chi bộ; đảng "
            "viên dự bị dự nhưng không biểu quyết; đang sinh hoạt tạm thời nơi khác, miễn sinh "
            "hoạt vắng mặt: không tính. Không làm lại sau khi đại hội đã tổ chức."
        ),
        request=CongressConveneInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def convene(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        day = self.parsed(CongressConveneInputSerializer).get("day")
        services.convene(request.user, congress, day)
        return self.answer(congress)

    @extend_schema(
        summary=_("Ghi (hoặc bỏ) trường hợp không tính vào số triệu tập"),
        request=CongressExclusionInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def exclusion(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(CongressExclusionInputSerializer)
        row = Convened.objects.filter(congress=congress, pk=data["convened"]).first()
        if row is None:
            raise ValidationError(
                {"convened": [_("Không có dòng này trong danh sách triệu tập của đại hội.")]}
            )
        services.set_exclusion(request.user, row, data["exclusion"], data["note"])
        return self.answer(congress)

    @extend_schema(
        summary=_("Điểm danh đại hội"),
        description=_("Danh sách mã số đảng viên có mặt; những người khác là vắng mặt."),
        request=CongressPresenceInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def presence(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        present = self.parsed(CongressPresenceInputSerializer)["present"]
        return self.answer(services.record_presence(request.user, congress, present))

    @extend_schema(
        summary=_("Thêm tài liệu đại hội"),
        description=_("JSON (nội dung là văn bản) hoặc multipart/form-data (tệp đính kèm)."),
        request=CongressDocumentInputSerializer,
        responses={201: CongressDocumentSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def documents(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(CongressDocumentInputSerializer)
        document = services.add_document(
            request.user,
            congress,
            kind=data["kind"],
            title=data["title"],
            on=data["on"],
            file=data.get("file"),
            text=data["text"],
        )
        return Response(CongressDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Tạo cuộc bầu cử tại đại hội"),
        description=_(
            "Danh sách bầu cử: mã số đảng viên hoặc họ và tên; số dư không quá 30% (3–5 "
            "người: không quá 1). Số triệu tập (mẫu số) lấy của đại hội."
        ),
        request=StoredElectionInputSerializer,
        responses={201: StoredElectionDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def elections(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(StoredElectionInputSerializer)
        candidates = self.candidates(data.pop("candidates"))
        election = services.create_election(request.user, congress, candidates=candidates, **data)
        return Response(election_detail(election), status=status.HTTP_201_CREATED)

    def candidates(self, refs: list[int | str]) -> list[Member | str]:
        """Member ids become the members (among those visible), names stay names."""
        ids = [ref for ref in refs if isinstance(ref, int)]
        found = {m.pk: m for m in Member.objects.visible_to(self.request.user).filter(pk__in=ids)}
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise ValidationError(
                {"candidates": [_("Không tìm thấy đảng viên có mã số: ") + ", ".join(missing)]}
            )
        return [found[ref] if isinstance(ref, int) else ref for ref in refs]

    @extend_schema(
        summary=_("Ghi đại hội đã tổ chức"),
        request=CongressHoldInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(CongressHoldInputSerializer)
        return self.answer(services.hold_congress(request.user, congress, **data))

    @extend_schema(
        summary=_("Kiện toàn cấp ủy nhiệm kỳ mới"),
        description=_(
            "Sau khi đại hội đã tổ chức và đã kiểm phiếu bầu cấp ủy: lập cấp ủy nhiệm kỳ mới "
            "với bí thư, phó bí thư, ủy viên trúng cử; kết thúc cấp ủy và chức vụ nhiệm kỳ cũ "
            "cùng ngày (giữ lịch sử)."
        ),
        request=CongressInstallInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"], url_path="install-committee")
    def install_committee(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        on = self.parsed(CongressInstallInputSerializer).get("on")
        services.install_committee(request.user, congress, on=on)
        return self.answer(congress)

    @extend_schema(
        summary=_("Cấp trên chuẩn y kết quả bầu cử"),
        request=CongressApproveInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        data = self.parsed(CongressApproveInputSerializer)
        return self.answer(services.approve_congress(request.user, congress, **data))

    @extend_schema(
        summary=_("Hủy đại hội"),
        request=CongressCancelInputSerializer,
        responses={200: CongressDetailSerializer, **WRITE},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        congress = self.get_object()
        reason = self.parsed(CongressCancelInputSerializer)["reason"]
        return self.answer(services.cancel_congress(request.user, congress, reason))


router.register("congress-campaigns", CampaignViewSet, basename="congress-campaign")
router.register("congresses", CongressViewSet, basename="congress")
