"""The congress deadlines of the inbox (``core.deadlines`` provider; issue 7, item 1).

``congress_due``: a cell (or, for a campaign of grassroots congresses, a
grassroots organisation) whose congress of the term is not yet held while the
deadline of the nearest campaign covering it is within the horizon or past.
Shown to those who keep congresses: the committee staff of the subtree and the
cell's secretary (``models.CONGRESS_EDIT_ROLES``). Campaigns due more than a
year ago are not reminded any more.

Three queries whatever the number of cells: the campaigns that may cover the
user's subtrees, the organisations under them, and their congresses of those
terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.congresses.choices import Status
from dangvu.congresses.models import CONGRESS_EDIT_ROLES, Campaign, Congress
from dangvu.core import scope
from dangvu.core.deadlines import DeadlineItem
from dangvu.core.tree import ancestor_ids
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

KIND = "congress_due"
# A campaign is reminded up to a year after its deadline.
LOOKBACK = timedelta(days=365)
HELD_STATUSES = (Status.HELD, Status.APPROVED)


@dataclass(frozen=True)
class Unit:
    """An organisation whose congress a campaign covers."""

    pk: int
    name: str
    path: str
    level: str
    founded_on: date | None


def _campaigns(paths: list[str] | None, today: date, horizon: date) -> list[Campaign]:
    """Campaigns due in the window at, above or below the user's subtrees, deepest first."""
    window = Q(due_on__lte=horizon, due_on__gte=today - LOOKBACK)
    if paths is not None:
        above = {pk for path in paths for pk in ancestor_ids(path)}
        window &= Q(organization_id__in=above) | scope.subtrees_q("org_path", paths)
    return list(Campaign.objects.filter(window).order_by("-org_path"))


def _units(paths: list[str] | None, campaigns: list[Campaign], today: date) -> list[Unit]:
    inside = scope.subtrees_q("path", {c.org_path for c in campaigns})
    if paths is not None:
        inside &= scope.subtrees_q("path", paths)
    levels = {Level.CELL if c.target_level == Level.CELL else Level.GRASSROOTS for c in campaigns}
    rows = (
        Organization.objects.filter(inside, level__in=levels)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .order_by("path")
        .values_list("pk", "name", "path", "level", "founded_on")
    )
    return [Unit(*row) for row in rows]


def _nearest(unit: Unit, campaigns: list[Campaign], term_start: int) -> Campaign | None:
    target = Level.CELL if unit.level == Level.CELL else Level.GRASSROOTS
    for campaign in campaigns:  # deepest first
        if (
            campaign.term_start == term_start
            and campaign.target_level == target
            and unit.path.startswith(campaign.org_path)
            and unit.path != campaign.org_path
        ):
            return campaign
    return None


def items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    paths = scope.role_subtrees(user, CONGRESS_EDIT_ROLES, root)
    if paths == []:
        return []
    campaigns = _campaigns(paths, today, horizon)
    if not campaigns:
        return []
    units = _units(paths, campaigns, today)
    terms = {c.term_start for c in campaigns}
    scoped = scope.subtrees_q("org_path", paths)
    congresses = {
        (org_id, term): (pk, status)
        for org_id, term, pk, status in Congress.objects.filter(scoped, term_start__in=terms)
        .exclude(status=Status.CANCELLED)
        .values_list("organization_id", "term_start", "pk", "status")
    }
    found = []
    for unit in units:
        for term in sorted(terms):
            campaign = _nearest(unit, campaigns, term)
            if campaign is None or (unit.founded_on and unit.founded_on > campaign.due_on):
                continue
            congress = congresses.get((unit.pk, term))
            if congress is not None and congress[1] in HELD_STATUSES:
                continue
            found.append(_item(unit, campaign, congress[0] if congress else None, paths))
    return found


def _url(campaign: Campaign, congress_id: int | None, paths: list[str] | None) -> str:
    if congress_id is not None:
        return reverse("congresses:detail", args=[congress_id])
    if paths is None or any(campaign.org_path.startswith(p) for p in paths):
        return reverse("congresses:campaign", args=[campaign.pk])
    # A cell's secretary does not see the committee's plan: they plan from the list.
    return reverse("congresses:list")


def _item(
    unit: Unit, campaign: Campaign, congress_id: int | None, paths: list[str] | None
) -> DeadlineItem:
    label = (
        _("Tổ chức đại hội chi bộ")
        if unit.level == Level.CELL
        else _("Tổ chức đại hội đảng bộ cơ sở")
    )
    name = _("%(org)s — nhiệm kỳ %(start)s–%(end)s") % {
        "org": unit.name,
        "start": campaign.term_start,
        "end": campaign.term_end,
    }
    return DeadlineItem(
        kind=KIND,
        label=label,
        due_on=campaign.due_on,
        name=name,
        org_path=unit.path,
        url=_url(campaign, congress_id, paths),
    )
