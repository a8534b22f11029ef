"""The meeting deadlines of the inbox (``core.deadlines`` provider; issue 5, item 4).

For the users who keep meetings (staff of the subtree, the cell's secretary):

* ``meeting_regular_due``: a cell without its regular meeting this month, due
  at the month's end; last month's, overdue (RULES.md: a meeting every month);
* ``meeting_thematic_due``: a cell without a thematic meeting this quarter,
  due at the quarter's end; last quarter's, overdue (one a quarter at least);
* ``meeting_attendance_missing``: a cell's meeting more than 3 days past
  without attendance, due 3 days after it;
* ``absence_streak``: a member absent without reason from 3 meetings in a
  row, for the cell to consider (the removal rule of RULES.md), due a month
  after the last absence.

A fixed number of grouped queries whatever the number of cells: the cells in
scope, their meetings grouped by cell, kind and month, the meetings without
attendance, and two queries for the streaks per root the user keeps.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core import scope
from dangvu.core.deadlines import DeadlineItem
from dangvu.meetings.choices import Kind, Status
from dangvu.meetings.compliance import HELD_STATUSES, Period, month_end, quarter_period
from dangvu.meetings.models import MEETING_EDIT_ROLES, Meeting
from dangvu.meetings.rates import absence_streaks
from dangvu.organizations.choices import Level
from dangvu.organizations.models import Organization

# Attendance is due within 3 days of the meeting (issue 5: taken on the spot, on a phone).
ATTENDANCE_DAYS = 3
# How far back a meeting without attendance is still reminded.
ATTENDANCE_LOOKBACK = timedelta(days=365)
# A member's streak is considered at the next monthly meeting.
STREAK_REVIEW = timedelta(days=30)


def items(user: Any, root: Any, today: date, horizon: date) -> list[DeadlineItem]:
    paths = scope.role_subtrees(user, MEETING_EDIT_ROLES, root)
    if paths == []:
        return []
    return [
        *_missing(paths, today, horizon),
        *_without_attendance(paths, today, horizon),
        *_streaks(paths, today, horizon),
    ]


def _periods(today: date) -> list[Period]:
    """This month and quarter, and the previous ones (already overdue)."""
    this_month = Period(Kind.REGULAR, today.replace(day=1), month_end(today.year, today.month))
    last_end = this_month.start - timedelta(days=1)
    last_month = Period(Kind.REGULAR, last_end.replace(day=1), last_end)
    quarter = (today.month - 1) // 3 + 1
    this_quarter = quarter_period(today.year, quarter)
    previous = this_quarter.start - timedelta(days=1)
    last_quarter = quarter_period(previous.year, (previous.month - 1) // 3 + 1)
    return [last_month, this_month, last_quarter, this_quarter]


def _held(paths: list[str] | None, periods: list[Period]) -> set[tuple[int, str, int, int]]:
    """(cell id, kind, year, month) of the regular and thematic meetings held in the periods."""
    when = Q(pk__in=[])
    for period in periods:
        when |= Q(kind=period.kind, date__gte=period.start, date__lte=period.end)
    rows = (
        Meeting.objects.filter(scope.subtrees_q("org_path", paths), when, status__in=HELD_STATUSES)
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values_list("organization_id", "kind", "year", "month")
        .distinct()
    )
    return set(rows)


def _missing(paths: list[str] | None, today: date, horizon: date) -> list[DeadlineItem]:
    periods = [p for p in _periods(today) if p.end <= horizon]
    if not periods:
        return []
    cells = (
        Organization.objects.filter(scope.subtrees_q("path", paths))
        .cells()
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=today))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .order_by("path")
        .values_list("pk", "code", "name", "path", "founded_on")
    )
    held = _held(paths, periods)
    create_url = reverse("meetings:create")
    found = []
    for pk, code, name, path, founded_on in cells:
        for period in periods:
            if founded_on is not None and founded_on > period.start:
                continue
            if any((pk, period.kind, y, m) in held for y, m in period.months):
                continue
            found.append(_gap_item(pk, code, name, path, period, create_url))
    return found


def _gap_item(
    pk: int, code: str, name: str, path: str, period: Period, create_url: str
) -> DeadlineItem:
    if period.kind == Kind.REGULAR:
        kind, label = "meeting_regular_due", _("Sinh hoạt chi bộ thường kỳ hằng tháng")
    else:
        kind, label = "meeting_thematic_due", _("Sinh hoạt chuyên đề hằng quý")
    return DeadlineItem(
        kind=kind,
        label=label,
        due_on=period.end,
        name=f"{name} — {period.label}",
        org_path=path,
        url=f"{create_url}?organization={code}&kind={period.kind}",
    )


def _without_attendance(paths: list[str] | None, today: date, horizon: date) -> list[DeadlineItem]:
    latest = min(today, horizon) - timedelta(days=ATTENDANCE_DAYS)
    meetings = (
        Meeting.objects.filter(scope.subtrees_q("org_path", paths))
        .filter(
            Q(organization__level=Level.CELL)
            | Q(organization__level=Level.GRASSROOTS, organization__is_cell=True),
            attendance_taken=False,
            status__in=[Status.PLANNED, Status.HELD],
            date__lte=latest,
            date__gt=today - ATTENDANCE_LOOKBACK,
        )
        .select_related("organization")
        .only("pk", "title", "date", "org_path", "organization__name")
        .order_by("date", "pk")
    )
    return [
        DeadlineItem(
            kind="meeting_attendance_missing",
            label=_("Điểm danh cuộc họp"),
            due_on=meeting.date + timedelta(days=ATTENDANCE_DAYS),
            name=f"{meeting.title} — {meeting.organization.name}",
            org_path=meeting.org_path,
            url=reverse("meetings:attendance", args=[meeting.pk]),
        )
        for meeting in meetings
    ]


def _streak_roots(paths: list[str] | None) -> list[Organization]:
    if paths is None:
        return list(Organization.objects.filter(parent__isnull=True))
    return list(Organization.objects.filter(path__in=paths).order_by("path"))


def _streaks(paths: list[str] | None, today: date, horizon: date) -> list[DeadlineItem]:
    found = []
    for root in _streak_roots(paths):
        for streak in absence_streaks(root, today):
            due = streak.last + STREAK_REVIEW
            if due > horizon:
                continue
            found.append(
                DeadlineItem(
                    kind="absence_streak",
                    label=_("Xem xét đảng viên vắng sinh hoạt 3 kỳ liên tiếp không lý do"),
                    due_on=due,
                    name=streak.member.full_name,
                    org_path=streak.member.org_path,
                    url=reverse("members:detail", args=[streak.member.pk]),
                    member_id=streak.member.pk,
                )
            )
    return found
