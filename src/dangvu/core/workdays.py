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
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "VN"


@lru_cache(maxsize=64)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(COUNTRY, years=year)


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a weekend day (not made up) or a public holiday in Vietnam."""
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
