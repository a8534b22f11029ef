"""A year of cell meetings with per-member attendance for the synthetic Party.

Each cell holds a regular meeting every month of the year before the reference
date and a thematic meeting every quarter. The expected members of a meeting
follow the rule of ``meetings/attendance.py``: probationary and full members
placed in the cell on the day (admitted by then), not exempt by then, not
temporarily away; members temporarily hosted by the cell are expected there.
Each expected member gets one ``Attendance`` row (present, excused with a
reason, or absent, from a personal habit so some members miss often) and the
meeting keeps its four counts, as ``record_attendance`` would write them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dangvu.meetings.choices import AttendanceState, Kind, Status, Topic

MEETING_FIELDS = (
    "id", "organization_id", "org_path", "kind", "topic", "title", "date", "status",
    "expected_count", "present_count", "excused_count", "absent_count", "attendance_taken",
)  # fmt: skip
ATTENDANCE_FIELDS = (
    "id", "meeting_id", "member_id", "org_path", "expected", "state", "reason", "meeting_date",
)  # fmt: skip
EXCUSE_REASONS = (
    "Ốm", "Đi làm ăn xa", "Việc gia đình", "Đi công tác", "Điều trị tại bệnh viện",
    "Con nhỏ ốm", "Đi học tập trung",
)  # fmt: skip
ACTIVE_AT_MEETINGS = ("probationary", "full")
THEMATIC_TOPICS = (Topic.NEW_RURAL, Topic.SECURITY, Topic.HEALTH_INSURANCE, Topic.FOOD_SAFETY)
# Month names are numbers in Vietnamese titles: "Sinh hoạt chi bộ thường kỳ tháng 3/2026".
REGULAR_TITLE = "Sinh hoạt chi bộ thường kỳ tháng {month}/{year}"
THEMATIC_TITLE = "Sinh hoạt chuyên đề quý {quarter}/{year}: {topic}"


@dataclass
class Person:
    """What the expected list needs of one member placed in a cell."""

    pk: int
    status: str
    admitted: date  # the ceremony: on the cell's list from that day
    exempt_from: date | None
    away_from: date | None = None  # temporarily placed elsewhere from that day
    habit: float = 0.0  # 0 = always comes; larger = misses more often


@dataclass
class Unit:
    pk: int
    path: str
    people: list[Person] = field(default_factory=list)
    hosted: list[tuple[Person, date]] = field(default_factory=list)


def months_before(as_of: date, count: int) -> list[date]:
    """The first days of the ``count`` whole months before ``as_of``'s month, oldest first."""
    first = as_of.replace(day=1)
    months = []
    for _n in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]


def meeting_day(month: date, rng: random.Random) -> date:
    """A working day between the 3rd and the 25th of ``month``."""
    day = month.replace(day=3 + int(rng.random() * 23))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _expected(unit: Unit, day: date) -> list[Person]:
    at_home = [
        p
        for p in unit.people
        if p.status in ACTIVE_AT_MEETINGS
        and p.admitted <= day
        and (p.exempt_from is None or p.exempt_from > day)
        and (p.away_from is None or p.away_from > day)
    ]
    hosted = [p for p, start in unit.hosted if start <= day and p.status in ACTIVE_AT_MEETINGS]
    return at_home + hosted


def write_unit(
    unit: Unit,
    months: Sequence[date],
    rng: random.Random,
    next_id: Callable[[str], int],
    meetings: list[tuple[Any, ...]],
    attendance: list[tuple[Any, ...]],
) -> None:
    """Append the rows of one cell's year of meetings to ``meetings`` and ``attendance``."""
    for index, month in enumerate(months):
        plan: list[tuple[Kind, date, str]] = [(Kind.REGULAR, meeting_day(month, rng), "")]
        if month.month % 3 == 0:
            quarter_topic = THEMATIC_TOPICS[(month.month // 3 + unit.pk) % len(THEMATIC_TOPICS)]
            plan.append((Kind.THEMATIC, meeting_day(month, rng), quarter_topic.value))
        for kind, day, topic in plan:
            meeting_id = next_id("meetings")
            counts = {AttendanceState.PRESENT: 0, AttendanceState.EXCUSED: 0,
                      AttendanceState.ABSENT: 0}  # fmt: skip
            expected = _expected(unit, day)
            for person in expected:
                roll = rng.random()
                reason = ""
                if roll >= person.habit:
                    state = AttendanceState.PRESENT
                elif roll < person.habit * 0.7:
                    state = AttendanceState.EXCUSED
                    reason = EXCUSE_REASONS[int(rng.random() * len(EXCUSE_REASONS))]
                else:
                    state = AttendanceState.ABSENT
                counts[state] += 1
                attendance.append(
                    (next_id("attendance"), meeting_id, person.pk, unit.path, True, state.value,
                     reason, day)
                )  # fmt: skip
            if kind == Kind.REGULAR:
                title = REGULAR_TITLE.format(month=month.month, year=month.year)
            else:
                label = Topic(topic).label
                title = THEMATIC_TITLE.format(quarter=(month.month + 2) // 3, year=month.year,
                                              topic=label)  # fmt: skip
            meetings.append(
                (meeting_id, unit.pk, unit.path, kind.value, topic, title, day,
                 Status.APPROVED.value if index < len(months) - 1 else Status.HELD.value,
                 len(expected), counts[AttendanceState.PRESENT],
                 counts[AttendanceState.EXCUSED], counts[AttendanceState.ABSENT], True)
            )  # fmt: skip


def habit(rng: random.Random) -> float:
    """How often a member misses: most rarely, a few often (an 88–90% rate overall)."""
    roll = rng.random()
    if roll < 0.75:
        return 0.05
    if roll < 0.95:
        return 0.2
    return 0.55
