"""Congress pages: the campaigns, one campaign's progress per cell, planning a congress.

Thin views (STYLE.md): every read starts from ``visible_to``/``for_user``, every
write goes through ``congresses.services``, and the templates only display.
The congress page is in ``views_congress``, the election page in
``views_election``; the helpers they share are here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from dangvu.congresses import services
from dangvu.congresses.choices import STEP_ORDER, Status, Step
from dangvu.congresses.forms import CampaignForm, GuideForm, PlanForm
from dangvu.congresses.models import CONGRESS_EDIT_ROLES, Campaign, Congress, Election, Guide
from dangvu.congresses.progress import CellProgress, cell_progress
from dangvu.core import scope
from dangvu.core.forms import DATE_INPUT_FORMATS, add_service_errors
from dangvu.core.paging import bounded_page, page_number
from dangvu.core.tree import ancestor_ids
from dangvu.members.models import Member
from dangvu.organizations.choices import Level, PositionRole
from dangvu.organizations.models import Organization, Position

CAMPAIGN_ROLES = frozenset({"staff"})
CHOICES_LIMIT = 300
MEMBER_CHOICES_LIMIT = 1000
# A campaign of a whole province lists its first cells; its counts cover them all.
CELL_ROWS_LIMIT = 1000
RECENT_CONGRESSES = 20
CAMPAIGNS_PAGE = 50
OWN_CELLS = 20
KIND_LABELS = dict(Organization._meta.get_field("kind").flatchoices)


# ---------------------------------------------------------------------------
# Shared helpers


def campaign_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Campaign:
    queryset = Campaign.objects.select_related("organization__parent", "parent")
    campaign: Campaign = scope.for_user(request.user, queryset, pk, action)
    return campaign


def congress_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Congress:
    queryset = Congress.objects.select_related("organization__parent", "campaign")
    congress: Congress = scope.for_user(request.user, queryset, pk, action)
    return congress


def election_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Election:
    queryset = Election.objects.select_related(
        "congress__organization__parent", "congress__campaign"
    )
    election: Election = scope.for_user(request.user, queryset, pk, action)
    return election


def may_plan_campaigns(user: Any) -> bool:
    return bool(user.is_superuser) or any(g.role in CAMPAIGN_ROLES for g in scope.grants(user))


def refuse(request: HttpRequest, errors: list[str]) -> None:
    for error in errors:
        messages.error(request, error)


def form_errors(form: Any) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


def parse_day(text: str) -> date | None:
    """A day typed in the address (``?as_of=``): dd/mm/yyyy or yyyy-mm-dd; None if not a day."""
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------
# The list


@dataclass
class OwnCell:
    """A cell of the user (as its secretary), the latest plan covering it and its congress."""

    cell: Organization
    campaign: Campaign | None
    congress: Congress | None


def own_cells(user: Any) -> list[OwnCell]:
    """The cells the user is secretary of (bounded), each with its latest campaign: 3 queries.

    A secretary cannot see the committee's plan page, so this is where they plan
    their own cell's congress.
    """
    ids = [g.organization_id for g in scope.grants(user) if g.role == "cell_secretary"]
    if not ids:
        return []
    cells = list(
        Organization.objects.filter(pk__in=ids[:OWN_CELLS], ended_on__isnull=True)
        .cells()
        .order_by("path")
    )
    above = {pk for cell in cells for pk in ancestor_ids(cell.path)}
    campaigns = list(
        Campaign.objects.filter(organization_id__in=above).order_by("-term_start", "-org_path")
    )
    congresses = {
        (c.organization_id, c.term_start): c
        for c in Congress.objects.filter(organization__in=cells).exclude(status=Status.CANCELLED)
    }
    found = []
    for cell in cells:
        level = services.target_level_of(cell)
        campaign = next(
            (c for c in campaigns if cell.path.startswith(c.org_path) and c.target_level == level),
            None,
        )
        congress = congresses.get((cell.pk, campaign.term_start)) if campaign else None
        found.append(OwnCell(cell, campaign, congress))
    return found


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    campaigns = (
        Campaign.objects.visible_to(user)
        .select_related("organization", "parent")
        .order_by("-term_start", "org_path", "target_level")
    )
    congresses = (
        Congress.objects.visible_to(user)
        .select_related("organization", "campaign")
        .order_by("-term_start", "-id")[:RECENT_CONGRESSES]
    )
    context = {
        "page": bounded_page(campaigns, page_number(request), CAMPAIGNS_PAGE),
        "congresses": list(congresses),
        "own_cells": own_cells(user),
        "may_create": may_plan_campaigns(user),
    }
    return render(request, "congresses/list.html", context)


# ---------------------------------------------------------------------------
# Creating a campaign


def _staff_q(user: Any, field: str) -> Q:
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for grant in scope.grants(user):
        if grant.role in CAMPAIGN_ROLES:
            query |= scope.subtree_q(field, grant.path)
    return query


def campaign_organizations(user: Any) -> QuerySet[Organization]:
    """Where the user may plan congresses: the committees (not cells) where they are staff."""
    return (
        Organization.objects.filter(_staff_q(user, "path"), ended_on__isnull=True)
        .exclude(Q(level=Level.CELL) | Q(level=Level.GRASSROOTS, is_cell=True))
        .order_by("path")
    )


def parent_campaigns(user: Any) -> QuerySet[Campaign]:
    """Plans from above that a new plan may implement: of the user's organisations or above."""
    if user.is_superuser:
        return Campaign.objects.select_related("organization").order_by("-term_start", "org_path")
    above: set[int] = set()
    for grant in scope.grants(user):
        if grant.role in CAMPAIGN_ROLES:
            above.update(ancestor_ids(grant.path))
    query = Q(organization_id__in=above) | _staff_q(user, "org_path")
    return Campaign.objects.filter(query).select_related("organization").order_by("-term_start")


def _bounded(queryset: QuerySet[Any], limit: int = CHOICES_LIMIT) -> QuerySet[Any]:
    return queryset.filter(pk__in=list(queryset.values_list("pk", flat=True)[:limit]))


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not may_plan_campaigns(user):
        raise PermissionDenied
    choices = {
        "organizations": _bounded(campaign_organizations(user)),
        "parents": _bounded(parent_campaigns(user)),
    }
    if request.method == "POST":
        form = CampaignForm(request.POST, **choices)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                campaign = services.create_campaign(user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lập kế hoạch “%(title)s”.") % {"title": campaign})
                return redirect("congresses:campaign", pk=campaign.pk)
    else:
        today = timezone.localdate()
        initial = {"term_start": today.year, "term_end": today.year + 3, "target_level": "cell"}
        form = CampaignForm(initial=initial, **choices)
    return render(request, "congresses/campaign_form.html", {"form": form})


# ---------------------------------------------------------------------------
# One campaign


@dataclass
class CellRow:
    """A cell of the campaign: its progress, its congress's dated steps, its guides."""

    progress: CellProgress
    congress: dict[str, Any] | None
    guides: list[str]
    steps: list[date | None]
    late: bool


STEP_COLUMNS = [f"{step.value}_on" for step in STEP_ORDER]
# Column heads of the progress table, short enough for one table on a screen.
STEP_SHORT = {
    Step.PREPARATION: _lazy("Họp chuẩn bị"),
    Step.POLITICAL_REPORT: _lazy("Báo cáo chính trị"),
    Step.PERSONNEL_PLAN: _lazy("Phương án nhân sự"),
    Step.CONVENING_NOTICE: _lazy("Thông báo triệu tập"),
    Step.HELD: _lazy("Ngày đại hội"),
    Step.APPROVED: _lazy("Chuẩn y"),
}
STEP_HEADERS = [STEP_SHORT[step] for step in STEP_ORDER]


def _congress_rows(campaign: Campaign, as_of: date) -> dict[int, dict[str, Any]]:
    """The term's congresses in the campaign's subtree (not cancelled), by organisation."""
    rows = (
        Congress.objects.filter(
            scope.subtree_q("org_path", campaign.org_path), term_start=campaign.term_start
        )
        .exclude(status=Status.CANCELLED)
        .values("pk", "organization_id", "status", "kind", "planned_on", *STEP_COLUMNS)
    )
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        for column in STEP_COLUMNS:
            if row[column] is not None and row[column] > as_of:
                row[column] = None
        found[row["organization_id"]] = row
    return found


def _guides(campaign: Campaign) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = Guide.objects.filter(campaign=campaign).select_related("member").order_by("id")
    for guide in rows:
        found.setdefault(guide.organization_id, []).append(guide.member.full_name)
    return found


def cell_rows(campaign: Campaign, as_of: date) -> tuple[list[CellRow], dict[str, Any]]:
    """A row per cell (bounded) and the counts over every cell, as of ``as_of``."""
    progress, _nearest = cell_progress(campaign.organization, campaign.term_start, as_of)
    congresses = _congress_rows(campaign, as_of)
    guides = _guides(campaign)
    rows = []
    for item in progress[:CELL_ROWS_LIMIT]:
        congress = congresses.get(item.id)
        steps = [congress[c] if congress else None for c in STEP_COLUMNS]
        rows.append(CellRow(item, congress, guides.get(item.id, []), steps, item.late(as_of)))
    return rows, _counts(progress, as_of)


def _counts(progress: list[CellProgress], as_of: date) -> dict[str, Any]:
    held = [row for row in progress if row.held]
    by_kind = Counter(row.kind for row in progress)
    held_by_kind = Counter(row.kind for row in held)
    kinds = [
        (KIND_LABELS.get(kind, kind or _("Khác")), held_by_kind.get(kind, 0), total)
        for kind, total in sorted(by_kind.items())
    ]
    return {
        "cells": len(progress),
        "held": len(held),
        "not_held": len(progress) - len(held),
        "late": sum(1 for row in progress if row.late(as_of)),
        "kinds": kinds,
        "truncated": len(progress) > CELL_ROWS_LIMIT,
    }


def _guide_members(campaign: Campaign, today: date) -> QuerySet[Member]:
    """Who may guide: the current committee members of the campaign's organisation.

    An organisation whose committee is not on record yet offers its active members
    (bounded), so the assignment does not wait for the committee to be entered.
    """
    current = Position.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=today),
        committee__organization=campaign.organization,
        committee__ended_on__isnull=True,
        role__in=PositionRole.values,
    ).values("member_id")
    members = Member.objects.filter(pk__in=current)
    if not members.exists():
        within = Member.objects.active().filter(scope.subtree_q("org_path", campaign.org_path))
        members = Member.objects.filter(
            pk__in=list(within.values_list("pk", flat=True)[:MEMBER_CHOICES_LIMIT])
        )
    return members.name_ordered()


def _cells(campaign: Campaign) -> QuerySet[Organization]:
    return (
        Organization.objects.subtree(campaign.organization)
        .filter(level=Level.CELL, ended_on__isnull=True)
        .order_by("path")
    )


def _as_of(request: HttpRequest) -> tuple[date, str]:
    today = timezone.localdate()
    text = request.GET.get("as_of", "")
    if not text:
        return today, ""
    day = parse_day(text)
    if day is None:
        return today, _("Ngày “%(text)s” không hợp lệ (nhập theo dạng dd/mm/yyyy).") % {
            "text": text[:40]
        }
    return day, ""


def _campaign_context(
    request: HttpRequest, campaign: Campaign, guide_form: GuideForm | None = None
) -> dict[str, Any]:
    user: Any = request.user
    as_of, as_of_error = _as_of(request)
    rows, counts = cell_rows(campaign, as_of)
    may_guide = scope.can(user, scope.EDIT, campaign)
    today = timezone.localdate()
    if guide_form is None and may_guide:
        guide_form = GuideForm(
            initial={"assigned_on": today},
            cells=_bounded(_cells(campaign), CELL_ROWS_LIMIT),
            members=_guide_members(campaign, today),
        )
    return {
        "campaign": campaign,
        "rows": rows,
        "counts": counts,
        "as_of": as_of,
        "as_of_error": as_of_error,
        "is_today": as_of == today,
        "step_headers": STEP_HEADERS,
        "may_guide": may_guide,
        "may_plan": scope.can_in_subtree(user, CONGRESS_EDIT_ROLES, campaign.org_path),
        "guide_form": guide_form,
    }


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    return render(request, "congresses/campaign.html", _campaign_context(request, campaign))


@login_required
@require_POST
def assign_guide(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    campaign = campaign_for(request, pk, scope.EDIT)
    today = timezone.localdate()
    form = GuideForm(
        request.POST,
        cells=_cells(campaign),
        members=_guide_members(campaign, today),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            guide = services.assign_guide(
                user,
                campaign,
                cell=data["cell"],
                member=data["member"],
                assigned_on=data["assigned_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã phân công %(guide)s.") % {"guide": guide})
            return redirect("congresses:campaign", pk=campaign.pk)
    context = _campaign_context(request, campaign, form)
    return render(request, "congresses/campaign.html", context)


# ---------------------------------------------------------------------------
# Planning one cell's congress


def _cell_for(request: HttpRequest, campaign: Campaign, cell_pk: int) -> Organization:
    """A cell the campaign covers, visible to the user (404) and theirs to plan (403)."""
    user: Any = request.user
    cell = (
        Organization.objects.visible_to(user)
        .filter(scope.subtree_q("path", campaign.org_path), pk=cell_pk)
        .filter(Q(level=Level.CELL) | Q(level=Level.GRASSROOTS, is_cell=True))
        .select_related("parent")
        .first()
    )
    if cell is None:
        raise Http404
    if not scope.can_in_subtree(user, CONGRESS_EDIT_ROLES, cell.path):
        raise PermissionDenied
    return cell


def _campaign_above(pk: int) -> Campaign:
    """The campaign a cell's congress implements: its secretary may not see the committee's
    plan itself, so access is decided by the cell (``_cell_for``), not by the campaign."""
    campaign = Campaign.objects.select_related("organization").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


@login_required
def plan_congress(request: HttpRequest, pk: int, cell_pk: int) -> HttpResponse:
    user: Any = request.user
    campaign = _campaign_above(pk)
    cell = _cell_for(request, campaign, cell_pk)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                congress = services.plan_congress(
                    user,
                    cell=cell,
                    term_start=campaign.term_start,
                    term_end=campaign.term_end,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lập kế hoạch đại hội %(cell)s.") % {"cell": cell})
                return redirect("congresses:detail", pk=congress.pk)
    else:
        form = PlanForm()
    context = {"form": form, "campaign": campaign, "cell": cell}
    return render(request, "congresses/plan_form.html", context)
