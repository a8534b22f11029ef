"""Which cells did not hold their meetings (issue 5, item 4).

A cell holds a regular meeting every month and a thematic meeting at least
once a quarter; the thematic meeting does not replace the monthly one
(RULES.md, Meetings). A period is judged only once it has ended (by ``on``,
today by default), and only for cells that existed for the whole period. A
meeting counts when it was held (held or minutes approved). Two queries:
the cells, and the meetings grouped by cell, kind and month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.meetings.choices import Kind, Status
from dangvu.meetings.models import Meeting
from dangvu.organizations.models import Organization

HELD_STATUSES = (Status.HELD, Status.APPROVED)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A month or a quarter: what a cell's meeting is judged over."""

    kind: str  # the meeting kind due in it: regular (a month) or thematic (a quarter)
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == Kind.REGULAR:
            return _("tháng %(m)s/%(y)s") % {"m": self.start.month, "y": self.start.year}
        quarter = (self.start.month - 1) // 3 + 1
        return _("quý %(q)s/%(y)s") % {"q": ROMAN[quarter], "y": self.start.year}

    @property
    def months(self) -> list[tuple[int, int]]:
        return [(self.start.year, m) for m in range(self.start.month, self.end.month + 1)]


@dataclass(frozen=True)
class Gap:
    """A cell that did not hold the meeting due in a period."""

    cell: Organization
    kind: str
    period_label: str
    period_end: date
    period_start: date

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


_ONE_DAY = timedelta(days=1)


def month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - _ONE_DAY


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(Kind.THEMATIC, date(year, first, 1), month_end(year, first + 2))


def periods_between(start: date, end: date) -> list[Period]:
    """The months and quarters that lie wholly within [start, end]."""
    found: list[Period] = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        regular = Period(Kind.REGULAR, date(year, month, 1), month_end(year, month))
        if regular.start >= start and regular.end <= end:
            found.append(regular)
        if month % 3 == 0:
            thematic = quarter_period(year, month // 3)
            if thematic.start >= start and thematic.end <= end:
                found.append(thematic)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def active_cells(root: Organization, start: date, end: date) -> Any:
    """The cells of the subtree that existed at some time in [start, end]."""
    return (
        Organization.objects.subtree(root)
        .cells()
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=end))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .order_by("path")
    )


def cells_without_meeting(
    root: Organization, period: Period, limit: int
) -> tuple[int, list[Organization]]:
    """How many cells of the subtree (there for the whole period) held no meeting of the
    period's kind in it, and the first ``limit`` of them in tree order: two queries,
    bounded whatever the size of the subtree (the organisation page's panel).
    """
    held = Meeting.objects.filter(
        organization=OuterRef("pk"),
        kind=period.kind,
        date__gte=period.start,
        date__lte=period.end,
        status__in=HELD_STATUSES,
    )
    cells = (
        Organization.objects.subtree(root)
        .cells()
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.start))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=period.end))
        .filter(~Exists(held))
    )
    return cells.count(), list(cells.order_by("path")[:limit])


def held_months(root: Organization, start: date, end: date) -> set[tuple[int, str, int, int]]:
    """(cell id, kind, year, month) of every regular or thematic meeting held in [start, end]."""
    rows = (
        Meeting.objects.filter(subtree_q("org_path", root.path))
        .filter(
            date__gte=start,
            date__lte=end,
            kind__in=[Kind.REGULAR, Kind.THEMATIC],
            status__in=HELD_STATUSES,
        )
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values_list("organization_id", "kind", "year", "month")
        .distinct()
    )
    return set(rows)


def _held_in(held: set[tuple[int, str, int, int]], cell_id: int, period: Period) -> bool:
    return any((cell_id, period.kind, year, month) in held for year, month in period.months)


def missing_meetings(
    root: Organization, start: date, end: date, on: date | None = None
) -> list[Gap]:
    """Every cell of the subtree without its regular meeting of a month, or thematic of a quarter.

    Only the months and quarters wholly within [start, end] that have ended by
    ``on`` are judged. Ordered by cell (tree order), then period, then kind.
    """
    on = on or timezone.localdate()
    periods = [p for p in periods_between(start, end) if p.end < on]
    if not periods:
        return []
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    held = held_months(root, first, last)
    gaps = []
    for cell in active_cells(root, first, last):
        for period in periods:
            if _existed(cell, period) and not _held_in(held, cell.pk, period):
                gaps.append(Gap(cell, period.kind, period.label, period.end, period.start))
    return gaps


def _existed(cell: Organization, period: Period) -> bool:
    return (cell.founded_on is None or cell.founded_on <= period.start) and (
        cell.ended_on is None or cell.ended_on > period.end
    )
