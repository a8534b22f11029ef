"""Working days: weekends, public holidays (Tết included), month ends, leap days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.workdays import add_working_days, is_working_day, working_days_between

# The calendar reads the recorded swaps (core.models_workdays) from the database.
pytestmark = pytest.mark.django_db

TET_2025 = [date(2025, 1, 27) + timedelta(days=i) for i in range(6)]  # 27/01–01/02/2025
TET_2026 = [date(2026, 2, 16) + timedelta(days=i) for i in range(5)]  # 16–20/02/2026

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize("day", TET_2025 + TET_2026)
def test_it_treats_every_tet_day_as_a_holiday(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [date(2025, 4, 30), date(2025, 5, 1), date(2025, 9, 2), date(2025, 9, 1), date(2026, 9, 2)],
)
def test_it_treats_national_holidays_as_days_off(day: date) -> None:
    assert not is_working_day(day)


def test_it_treats_the_substituted_and_observed_days_as_days_off() -> None:
    assert not is_working_day(date(2025, 5, 2))  # moved from Saturday 26/04/2025
    assert not is_working_day(date(2026, 4, 27))  # Hùng Kings' day observed
    assert not is_working_day(date(2026, 8, 31))


def test_it_counts_a_made_up_saturday_as_a_working_day() -> None:
    assert is_working_day(date(2025, 4, 26))


def test_it_treats_weekends_as_days_off_and_weekdays_as_working() -> None:
    assert not is_working_day(date(2025, 3, 8))  # Saturday
    assert not is_working_day(date(2025, 3, 9))  # Sunday
    assert is_working_day(date(2025, 3, 10))
    assert is_working_day(date(2024, 2, 29))  # leap day, a Thursday


def test_it_skips_tet_2025_when_adding_working_days() -> None:
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 3)) == 1


def test_it_skips_tet_2026_when_adding_working_days() -> None:
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)


def test_it_skips_30_april_1_may_and_the_substituted_day() -> None:
    assert add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)


def test_it_skips_national_day() -> None:
    assert add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)


def test_it_crosses_month_ends() -> None:
    assert add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 3)
    # 1/1 is a holiday, 02/01/2026 a day off by swap (công văn 12729/VPCP-KGVX).
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)


def test_it_crosses_the_leap_day() -> None:
    assert add_working_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert add_working_days(date(2024, 2, 29), 1) == date(2024, 3, 1)
    assert working_days_between(date(2024, 2, 27), date(2024, 3, 1)) == 3


def test_it_counts_30_working_days_across_tet_2026() -> None:
    # From Monday 2/2/2026: 9 working days to 13/2, Tết 16–20/2, then 21 more from 23/2.
    assert add_working_days(date(2026, 2, 2), 30) == date(2026, 3, 23)


def test_it_starts_counting_the_day_after_a_weekend_or_holiday_start() -> None:
    assert add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)  # Saturday start
    assert add_working_days(date(2025, 1, 29), 1) == date(2025, 2, 3)  # Tết start
    assert add_working_days(date(2025, 1, 29), 0) == date(2025, 1, 29)


def test_it_goes_backwards_for_a_negative_count() -> None:
    assert add_working_days(date(2025, 2, 3), -1) == date(2025, 1, 24)
    assert working_days_between(date(2025, 2, 3), date(2025, 1, 24)) == -1


def test_it_counts_nothing_between_a_day_and_itself() -> None:
    assert working_days_between(date(2025, 5, 5), date(2025, 5, 5)) == 0


@given(start=days, n=st.integers(min_value=0, max_value=90))
def test_it_inverts_adding_by_counting(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)


@given(start=days, n=st.integers(min_value=1, max_value=90))
def test_it_never_takes_fewer_calendar_days_than_working_days(start: date, n: int) -> None:
    assert (add_working_days(start, n) - start).days >= n


@given(a=days, b=days)
def test_it_counts_antisymmetrically(a: date, b: date) -> None:
    assert working_days_between(a, b) == -working_days_between(b, a)
