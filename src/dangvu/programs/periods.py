"""Periods of a programme and deadlines of a task, as people write them; no database.

A programme covers a year, a half, a quarter or a month ("quý 1/2022"); a
task's deadline is given as a day, a month, a quarter, a half or a year
("trong tháng 4/2022") and stored as the last day of that span with its
precision kept, so it is shown the way it was given (issue 8).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from dangvu.core.text import cited_day, fold
from dangvu.programs.choices import OPEN_STATUSES, PeriodKind, Precision, TaskStatus

# How many periods of each kind a year has.
PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}
# Months in one period of each kind.
MONTHS = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
# A task is "due soon" this many days before its deadline.
DUE_SOON_DAYS = 7
MIN_YEAR, MAX_YEAR = 1930, 2100  # The Party was founded in 1930.


@dataclass(frozen=True)
class Period:
    """A year (number 0), a half (1–2), a quarter (1–4) or a month (1–12) of a year."""

    kind: str
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        if self.kind not in PER_YEAR:
            raise ValueError(_("Loại kỳ không hợp lệ."))
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(_("Năm %(year)s không hợp lệ.") % {"year": self.year})
        low = 0 if self.kind == PeriodKind.YEAR else 1
        high = 0 if self.kind == PeriodKind.YEAR else PER_YEAR[PeriodKind(self.kind)]
        if not low <= self.number <= high:
            raise ValueError(_("Kỳ số %(number)s không hợp lệ.") % {"number": self.number})

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        if self.kind == PeriodKind.HALF:
            return f"{self.year}-H{self.number}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def _first_month(self) -> int:
        size = MONTHS[PeriodKind(self.kind)]
        return 1 if self.kind == PeriodKind.YEAR else (self.number - 1) * size + 1

    @property
    def starts_on(self) -> date:
        return date(self.year, self._first_month, 1)

    @property
    def ends_on(self) -> date:
        last_month = self._first_month + MONTHS[PeriodKind(self.kind)] - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        values = {"n": self.number, "year": self.year}
        if self.kind == PeriodKind.YEAR:
            return _("năm %(year)s") % values
        if self.kind == PeriodKind.HALF:
            if self.number == 1:
                return _("6 tháng đầu năm %(year)s") % values
            return _("6 tháng cuối năm %(year)s") % values
        if self.kind == PeriodKind.QUARTER:
            return _("quý %(n)s/%(year)s") % values
        return _("tháng %(n)s/%(year)s") % values

    def next(self) -> Period:
        """The following period of the same kind (quý 4/2022 → quý 1/2023)."""
        if self.kind == PeriodKind.YEAR:
            return Period(self.kind, self.year + 1, 0)
        if self.number == PER_YEAR[PeriodKind(self.kind)]:
            return Period(self.kind, self.year + 1, 1)
        return Period(self.kind, self.year, self.number + 1)

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def __str__(self) -> str:
        return self.label


def period_of(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == PeriodKind.YEAR:
        return Period(kind, day.year, 0)
    return Period(kind, day.year, (day.month - 1) // MONTHS[PeriodKind(kind)] + 1)


# Folded text (no marks, lower case) → (kind, number group, year group).
_YEAR = r"(\d{4})"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:nam )?{_YEAR}$"), PeriodKind.YEAR),
    (re.compile(rf"^{_YEAR}-h([12])$"), PeriodKind.HALF),
    (re.compile(rf"^h([12])/{_YEAR}$"), PeriodKind.HALF),
    (re.compile(rf"^6 thang (dau|cuoi) nam {_YEAR}$"), PeriodKind.HALF),
    (re.compile(rf"^{_YEAR}-q(\d{{1,2}})$"), PeriodKind.QUARTER),
    (re.compile(rf"^(?:q|quy ?)(\d{{1,2}})/{_YEAR}$"), PeriodKind.QUARTER),
    (re.compile(rf"^{_YEAR}-(\d{{1,2}})$"), PeriodKind.MONTH),
    (re.compile(rf"^(?:thang )?(\d{{1,2}})/{_YEAR}$"), PeriodKind.MONTH),
]


def _folded(text: str) -> str:
    """Folded, with no space around the separators ("quý 2 / 2022" → "quy 2/2022")."""
    return re.sub(r"\s*([/-])\s*", r"\1", fold(text))


def _match_period(text: str) -> Period | None:
    folded = _folded(text)
    for pattern, kind in _PATTERNS:
        found = pattern.match(folded)
        if found is None:
            continue
        groups = found.groups()
        if kind == PeriodKind.YEAR:
            return Period(kind, int(groups[0]), 0)
        year_first = groups[0].isdigit() and len(groups[0]) == 4
        year, number = (groups[0], groups[1]) if year_first else (groups[1], groups[0])
        if number in ("dau", "cuoi"):
            number = "1" if number == "dau" else "2"
        return Period(kind, int(year), int(number))
    return None


def parse_period(text: str) -> Period:
    """A period from "2022-Q1", "quý 1/2022", "Q1/2022", "2022-H1", "6 tháng đầu năm 2022",
    "2022-04", "tháng 4/2022", "4/2022", "2022", "năm 2022" (any case, marks optional)."""
    try:
        found = _match_period(str(text or ""))
    except ValueError:
        found = None
    if found is None:
        raise ValueError(
            _(
                "Không hiểu kỳ “%(text)s”. Ghi theo dạng: 2022, năm 2022, 2022-H1, "
                "6 tháng đầu năm 2022, 2022-Q1, quý 1/2022, 2022-04, tháng 4/2022."
            )
            % {"text": str(text or "").strip()}
        )
    return found


@dataclass(frozen=True)
class Deadline:
    """A deadline as given: the last day of the span and how it was given."""

    day: date
    precision: str = Precision.DAY

    @property
    def text(self) -> str:
        return deadline_text(self.day, self.precision)


_DAY_PATTERNS = [
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
]


def _match_day(text: str) -> date | None:
    folded = _folded(text)
    folded = re.sub(r"^(?:cham nhat )?(?:ngay )?", "", folded)
    for pattern, (y, m, d) in _DAY_PATTERNS:
        found = pattern.match(folded)
        if found is not None:
            year = int(found.group(y))
            if not MIN_YEAR <= year <= MAX_YEAR:
                return None
            try:
                return date(year, int(found.group(m)), int(found.group(d)))
            except ValueError:
                return None
    return None


def parse_deadline(text: str) -> Deadline:
    """A deadline from a day ("20/4/2022", "2022-04-20") or a period ("tháng 4/2022",
    "quý 2/2022", "2022-H1", "năm 2022"); a period gives its last day."""
    raw = str(text or "").strip()
    day = _match_day(raw)
    if day is not None:
        return Deadline(day, Precision.DAY)
    try:
        period = _match_period(raw)
    except ValueError:
        period = None
    if period is None:
        raise ValueError(
            _(
                "Không hiểu thời hạn “%(text)s”. Ghi theo dạng: 20/4/2022, tháng 4/2022, "
                "quý 2/2022, 6 tháng đầu năm 2022, năm 2022."
            )
            % {"text": raw}
        )
    return Deadline(period.ends_on, Precision(str(period.kind)))


def deadline_text(day: date, precision: str) -> str:
    """ "chậm nhất ngày 20/4/2022", "trong tháng 4/2022", "trong quý 2/2022",
    "trong 6 tháng đầu năm 2022", "trong năm 2022"."""
    if precision == Precision.DAY or precision not in PER_YEAR:
        return _("chậm nhất ngày %(day)s") % {"day": cited_day(day)}
    return _("trong %(period)s") % {"period": period_of(precision, day).label}


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    """An open task (not started, in progress) whose deadline has passed."""
    return deadline is not None and status in OPEN_STATUSES and today > deadline


def due_soon(status: str, deadline: date | None, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """An open task due today or within ``days`` days (not yet overdue)."""
    if deadline is None or status not in OPEN_STATUSES:
        return False
    return today <= deadline <= today + timedelta(days=days)


def completion_status(deadline: date, completed_on: date) -> TaskStatus:
    """Done on or before the deadline, otherwise done late."""
    return TaskStatus.DONE if completed_on <= deadline else TaskStatus.DONE_LATE


def rolled_progress(children: Iterable[tuple[int, int]]) -> int:
    """The weighted progress of sub-tasks ``(weight, progress)``, rounded half up; 0 for none."""
    total_weight = 0
    weighted = 0
    for weight, progress in children:
        total_weight += weight
        weighted += weight * progress
    if total_weight <= 0:
        return 0
    return min(100, (2 * weighted + total_weight) // (2 * total_weight))
