"""The admission date rules, exhaustively (Quy định 24-QĐ/TW; Hướng dẫn 01-HD/TW)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.admissions import rules
from dangvu.admissions.choices import STAGE_ORDER, Stage
from dangvu.core.workdays import is_working_day, working_days_between


@pytest.mark.parametrize(
    ("ceremony", "end"),
    [
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2023, 2, 28), date(2024, 2, 28)),
        (date(2024, 1, 31), date(2025, 1, 31)),
        (date(2024, 12, 31), date(2025, 12, 31)),
        (date(2021, 5, 19), date(2022, 5, 19)),
        (date(2023, 3, 1), date(2024, 3, 1)),
    ],
)
def test_it_ends_probation_twelve_months_after_the_ceremony(ceremony: date, end: date) -> None:
    assert rules.probation_end(ceremony) == end
    assert rules.official_date(ceremony) == end


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_it_keeps_the_probation_end_within_a_year_and_a_day(ceremony: date) -> None:
    end = rules.probation_end(ceremony)
    assert 365 <= (end - ceremony).days <= 366
    assert end.month == ceremony.month


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2020, 2, 29), 48, date(2024, 2, 29)),
        (date(2024, 5, 15), 60, date(2029, 5, 15)),
    ],
)
def test_it_adds_months_at_month_ends(day: date, months: int, expected: date) -> None:
    assert rules.add_months(day, months) == expected


def test_it_counts_age_in_months_to_the_day() -> None:
    birth = date(2008, 3, 15)
    assert rules.is_under_age(birth, date(2026, 3, 14))
    assert not rules.is_under_age(birth, date(2026, 3, 15))


def test_it_turns_eighteen_on_the_28th_for_a_leap_day_birth() -> None:
    birth = date(2008, 2, 29)
    assert rules.is_under_age(birth, date(2026, 2, 28))
    assert not rules.is_under_age(birth, date(2026, 3, 1))


def test_it_is_over_sixty_from_the_first_month_past_sixty() -> None:
    birth = date(1966, 6, 10)
    assert not rules.is_over_age(birth, date(2026, 6, 10))
    assert not rules.is_over_age(birth, date(2026, 7, 9))
    assert rules.is_over_age(birth, date(2026, 7, 10))


def test_it_keeps_a_certificate_valid_sixty_months() -> None:
    issued = date(2020, 6, 15)
    assert rules.certificate_expires(issued) == date(2025, 6, 14)
    assert rules.certificate_valid_on(issued, date(2025, 6, 14))
    assert not rules.certificate_valid_on(issued, date(2025, 6, 15))
    assert not rules.certificate_valid_on(issued, date(2020, 6, 14))


def test_it_takes_another_certificate_validity() -> None:
    assert rules.certificate_expires(date(2020, 6, 15), 24) == date(2022, 6, 14)


@pytest.mark.django_db  # the calendar reads the recorded day swaps
def test_it_counts_thirty_working_days_for_the_ceremony() -> None:
    decision = date(2025, 3, 3)
    due = rules.ceremony_due(decision)
    assert working_days_between(decision, due) == 30
    assert is_working_day(due)


@pytest.mark.django_db  # the calendar reads the recorded day swaps
def test_it_skips_tet_for_the_ceremony() -> None:
    # Tết 2025: 25/01 to 02/02 off; 30 working days from 20/01 reach into March.
    decision = date(2025, 1, 20)
    due = rules.ceremony_due(decision)
    assert due > decision + timedelta(days=42)
    assert working_days_between(decision, due) == 30
    assert not is_working_day(date(2025, 1, 29))


@pytest.mark.django_db  # the calendar reads the recorded day swaps
def test_it_dues_recognition_thirty_working_days_after_the_probation() -> None:
    ceremony = date(2025, 1, 27)
    due = rules.recognition_due(ceremony)
    assert working_days_between(date(2026, 1, 27), due) == 30


@pytest.mark.django_db  # the calendar reads the recorded day swaps
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)))
def test_it_always_gives_thirty_working_days(decision: date) -> None:
    due = rules.ceremony_due(decision)
    assert working_days_between(decision, due) == 30
    assert is_working_day(due)


def test_it_moves_one_stage_at_a_time() -> None:
    for current, following in pairwise(STAGE_ORDER):
        assert rules.next_stage(current) == following
        assert rules.may_move(current, following)
    assert not rules.may_move(Stage.PROPOSED, Stage.COURSE_COMPLETED)
    assert not rules.may_move(Stage.FILE_PREPARED, Stage.COURSE_SENT)
    assert rules.next_stage(Stage.CEREMONY_HELD) is None


def test_it_withdraws_from_any_stage_before_the_ceremony() -> None:
    for stage in STAGE_ORDER[:-1]:
        assert rules.may_move(stage, Stage.WITHDRAWN)
    assert not rules.may_move(Stage.CEREMONY_HELD, Stage.WITHDRAWN)
    assert not rules.may_move(Stage.WITHDRAWN, Stage.WITHDRAWN)
    assert not rules.may_move(Stage.WITHDRAWN, Stage.COURSE_SENT)
