"""Working days in Vietnam, for the legal deadlines counted in working days.

The calendar is the maintained ``holidays`` package (``country_holidays("VN")``),
never a hand-written list: it knows the lunar new year (Tết), Hùng Kings' day,
30/4, 1/5, 2/9 and the days off the government moves each year. A day is a
working day when it is not a public holiday (including the package's
substituted and observed days) and not a Saturday or Sunday — except the
Saturdays the government turns into working days to pay back a moved day off
(``weekend_workdays`` in the package, e.g. 26/04/2025), which are working days.

``add_working_days(start, n)`` is the date ``n`` working days after ``start``:
``start`` itself is not counted, so "within 30 working days of the decision"
ends on ``add_working_days(decision_date, 30)`` whatever day the decision was
signed on (a weekend or a holiday too). ``working_days_between(a, b)`` counts
the working days in ``(a, b]``, so that
``working_days_between(a, add_working_days(a, n)) == n``.

The package does not carry every swap the government announces (New Year 2026:
Friday 02/01 off, Saturday 10/01 worked). Those are recorded as data
(``core.models_workdays.WorkdayException``, decision 0012) and win over the
package. They are read once per process and kept: a deadline list costs no
query for them. A write empties the cache of the process that wrote it (the
model's signals); other worker processes re-read after ``EXCEPTIONS_TTL``
seconds, since a notice is recorded days before the day it moves.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "VN"
EXCEPTIONS_TTL = 300.0

# {day: True for a working day, False for a day off}, and when it was read.
_exceptions: dict[date, bool] | None = None
_read_at = 0.0


def forget_exceptions() -> None:
    """Drop this process's cached exceptions (called on every write of one)."""
    global _exceptions
    _exceptions = None


def exceptions() -> dict[date, bool]:
    """The recorded swaps, read at most once per ``EXCEPTIONS_TTL`` seconds per process."""
    global _exceptions, _read_at
    now = time.monotonic()
    if _exceptions is None or now - _read_at > EXCEPTIONS_TTL:
        from dangvu.core.models_workdays import WorkdayException

        # A withdrawn row (recorded by mistake) no longer counts.
        rows = WorkdayException.objects.filter(withdrawn_at__isnull=True).values_list("day", "kind")
        _exceptions = {day: kind == WorkdayException.Kind.WORKING_DAY for day, kind in rows}
        _read_at = now
    return _exceptions


@lru_cache(maxsize=64)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(COUNTRY, years=year)


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a weekend day (not made up) or a public holiday in Vietnam,
    with the swaps recorded by notice deciding first."""
    recorded = exceptions().get(day)
    if recorded is not None:
        return recorded
    return calendar_is_working_day(day)


def calendar_is_working_day(day: date) -> bool:
    """The package's answer alone, without the recorded swaps."""
    calendar = _calendar(day.year)
    if day in calendar:
        return False
    if day in calendar.weekend_workdays:
        return True
    return day.weekday() not in calendar.weekend


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative)."""
    step = timedelta(days=1 if n >= 0 else -1)
    day = start
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days in ``(a, b]``; negative (the count in ``(b, a]``) when ``b`` is before ``a``."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
