"""Attendance rates: per meeting, per cell and subtree per period, per member (issue 5, item 3).

The rate is present ÷ expected (RULES.md, Meetings): members exempt or
temporarily away are not expected, and a member who attends without being
expected is not counted. Each meeting keeps its four counts
(``services.record_attendance`` writes them), so the rate of a subtree over a
period is one grouped query on ``meetings_meeting``; only meetings whose
attendance was taken count, cancelled ones never. A member's own rate and the
absence streaks read the per-member rows (``meetings_attendance``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, RowRange, Sum, When, Window
from django.db.models.functions import ExtractMonth, FirstValue, RowNumber, Substr

from dangvu.core.scope import subtree_q
from dangvu.core.tree import SEGMENT_WIDTH, ancestor_ids, depth
from dangvu.meetings.choices import CELL_MEETING_KINDS, AttendanceState, Status
from dangvu.meetings.models import Attendance, Meeting
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

PERIODS = ("month", "quarter", "year")
# How far back an absence streak is looked for: three monthly meetings fit well inside.
STREAK_WINDOW = timedelta(days=366)


@dataclass(frozen=True)
class Rate:
    """The attendance of some meetings: how many, and the summed counts."""

    meetings: int = 0
    expected: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0

    @property
    def rate(self) -> float | None:
        """present ÷ expected, None when nobody was expected."""
        return self.present / self.expected if self.expected else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(
            self.meetings + other.meetings,
            self.expected + other.expected,
            self.present + other.present,
            self.excused + other.excused,
            self.absent + other.absent,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "meetings": self.meetings,
            "expected": self.expected,
            "present": self.present,
            "excused": self.excused,
            "absent": self.absent,
            "rate": self.rate,
        }


SUMS = {
    "n": Count("id"),
    "expected": Sum("expected_count"),
    "present": Sum("present_count"),
    "excused": Sum("excused_count"),
    "absent": Sum("absent_count"),
}


def _rate(row: dict[str, Any]) -> Rate:
    return Rate(
        int(row["n"] or 0),
        int(row["expected"] or 0),
        int(row["present"] or 0),
        int(row["excused"] or 0),
        int(row["absent"] or 0),
    )


def counted_meetings(
    root: Organization, start: date, end: date, kinds: Iterable[str] = CELL_MEETING_KINDS
) -> QuerySet[Meeting]:
    """Meetings of the subtree in [start, end] whose attendance was taken."""
    return (
        Meeting.objects.filter(subtree_q("org_path", root.path))
        .filter(date__gte=start, date__lte=end, kind__in=list(kinds), attendance_taken=True)
        .exclude(status=Status.CANCELLED)
    )


def subtree_rate(
    root: Organization, start: date, end: date, kinds: Iterable[str] = CELL_MEETING_KINDS
) -> Rate:
    """The rate of every counted meeting of ``root``'s subtree in [start, end] (one query)."""
    return _rate(counted_meetings(root, start, end, kinds).aggregate(**SUMS))


def period_of(day: date, period: str) -> int:
    """The month (1–12), quarter (1–4) or year of ``day``."""
    if period == "month":
        return day.month
    if period == "quarter":
        return (day.month - 1) // 3 + 1
    return day.year


def rates_by_period(root: Organization, year: int, period: str) -> dict[int, Rate]:
    """The year's rate per month (1–12), quarter (1–4) or for the year (one query).

    Every period of the year is present, with an empty ``Rate`` when nothing was held.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    rows = (
        counted_meetings(root, date(year, 1, 1), date(year, 12, 31))
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(**SUMS)
        .order_by("month")
    )
    keys = {"month": range(1, 13), "quarter": range(1, 5), "year": [year]}[period]
    result = {key: Rate() for key in keys}
    for row in rows:
        key = period_of(date(year, row["month"], 1), period)
        result[key] = result[key] + _rate(row)
    return result


def rates_by_child(root: Organization, start: date, end: date) -> dict[int, Rate]:
    """The rate of each direct child's subtree of ``root`` (organisation id -> Rate; one query).

    Grouped by the child's part of the materialised path, so a commune's
    cells or a district's communes come out of one scan of the meetings.
    """
    width = (depth(root.path) + 1) * (SEGMENT_WIDTH + 1)
    rows = (
        counted_meetings(root, start, end)
        .exclude(org_path=root.path)
        .annotate(child_path=Substr("org_path", 1, width))
        .values("child_path")
        .annotate(**SUMS)
        .order_by("child_path")
    )
    return {ancestor_ids(row["child_path"])[-1]: _rate(row) for row in rows}


def member_rate(member: Member, start: date, end: date) -> Rate:
    """One member's own rate over the meetings where they were expected (one query).

    ``meetings`` counts the meetings where the member was marked while expected.
    """
    rows = (
        Attendance.objects.filter(
            member=member,
            expected=True,
            meeting_date__gte=start,
            meeting_date__lte=end,
            meeting__kind__in=list(CELL_MEETING_KINDS),
        )
        .exclude(meeting__status=Status.CANCELLED)
        .aggregate(
            n=Count("id"),
            present=Count("id", filter=Q(state=AttendanceState.PRESENT)),
            excused=Count("id", filter=Q(state=AttendanceState.EXCUSED)),
            absent=Count("id", filter=Q(state=AttendanceState.ABSENT)),
        )
    )
    return Rate(rows["n"], rows["n"], rows["present"], rows["excused"], rows["absent"])


@dataclass(frozen=True)
class Streak:
    """A member absent without reason from their last ``count`` meetings in a row."""

    member: Member
    first: date
    last: date
    count: int


def absence_streaks(root: Organization, on: date, length: int = 3) -> list[Streak]:
    """Members of the subtree whose last ``length`` meetings up to ``on`` were unexcused absences.

    Only meetings where the member was expected count, most recent first; the
    streak feeds the removal rule (RULES.md, "quitting activities"). Two
    queries: window functions rank each member's marks and count the absences
    among the last ``length`` (one row per member found), then the members.
    """
    newest_first = [F("meeting_date").desc(), F("id").desc()]
    by_member = [F("member_id")]
    absent = Case(When(state=AttendanceState.ABSENT, then=1), default=0)
    in_window = Q(
        subtree_q("org_path", root.path),
        expected=True,
        meeting_date__lte=on,
        meeting_date__gt=on - STREAK_WINDOW,
    )
    # Only members with ``length`` absences in the window can have a streak: a few,
    # found by the (state, org_path) index, before the window functions rank their marks.
    candidates = (
        Attendance.objects.filter(in_window, state=AttendanceState.ABSENT)
        .values("member_id")
        .annotate(absences=Count("id"))
        .filter(absences__gte=length)
        .values("member_id")
    )
    rows = (
        Attendance.objects.filter(
            in_window,
            member_id__in=candidates,
            meeting__kind__in=list(CELL_MEETING_KINDS),
        )
        .exclude(meeting__status=Status.CANCELLED)
        .annotate(
            rank=Window(RowNumber(), partition_by=by_member, order_by=newest_first),
            absences=Window(
                Sum(absent),
                partition_by=by_member,
                order_by=newest_first,
                frame=RowRange(start=None, end=0),
            ),
            latest=Window(
                FirstValue("meeting_date"), partition_by=by_member, order_by=newest_first
            ),
        )
        .filter(rank=length, absences=length)
        .values_list("member_id", "meeting_date", "latest")
    )
    found = {member_id: (first, last) for member_id, first, last in rows}
    if not found:
        return []
    members = Member.objects.filter(pk__in=list(found)).select_related("cell").name_ordered()
    return [Streak(member, *found[member.pk], length) for member in members]


def year_figures(root: Organization, year: int) -> dict[str, Any]:
    """The meeting keys of the organisation statistics for ``year`` (one grouped query).

    ``attendance_rate``: present ÷ expected over the subtree's regular and
    thematic meetings of the year whose attendance was taken (None when there
    are none); ``meetings_held``: how many regular and thematic meetings were
    held (held or minutes approved).
    """
    taken = Q(attendance_taken=True)
    rows = (
        Meeting.objects.filter(subtree_q("org_path", root.path))
        .filter(
            date__gte=date(year, 1, 1),
            date__lte=date(year, 12, 31),
            kind__in=list(CELL_MEETING_KINDS),
            status__in=[Status.HELD, Status.APPROVED],
        )
        .values("kind")
        .annotate(
            n=Count("id"),
            expected=Sum("expected_count", filter=taken),
            present=Sum("present_count", filter=taken),
        )
        .order_by("kind")
    )
    held = {str(kind): 0 for kind in CELL_MEETING_KINDS}
    expected = present = 0
    for row in rows:
        held[row["kind"]] = row["n"]
        expected += row["expected"] or 0
        present += row["present"] or 0
    return {
        "attendance_rate": present / expected if expected else None,
        "meetings_held": held,
    }
