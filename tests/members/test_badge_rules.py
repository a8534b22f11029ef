"""Badge rules: milestones, award dates, due badges, early award, cash multiples."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dangvu.members.badge_rules import (
    MILESTONES,
    cash_multiple,
    due_milestone,
    early_allowed,
    is_award_date,
    next_award_date,
    next_award_dates,
    next_milestone,
)
from dangvu.members.party_age import date_reaching, party_age

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))


def test_it_gives_the_next_award_date_on_or_after_a_day() -> None:
    assert next_award_date(date(2026, 2, 3)) == date(2026, 2, 3)
    assert next_award_date(date(2026, 2, 4)) == date(2026, 5, 19)
    assert next_award_date(date(2026, 11, 21)) == date(2027, 2, 3)
    assert next_award_date(date(2026, 9, 2)) == date(2026, 9, 2)


def test_it_lists_the_next_four_award_dates() -> None:
    assert next_award_dates(date(2026, 11, 21), 4) == [
        date(2027, 2, 3),
        date(2027, 5, 19),
        date(2027, 9, 2),
        date(2027, 11, 7),
    ]


def test_it_is_due_the_highest_milestone_reached_and_not_held() -> None:
    assert due_milestone(29, []) is None
    assert due_milestone(30, []) == 30
    assert due_milestone(42, [30]) == 40
    assert due_milestone(44, [40]) is None
    assert due_milestone(95, [85]) == 90


def test_it_names_the_next_milestone() -> None:
    assert next_milestone(12, []) == 30
    assert next_milestone(31, [30]) == 40
    assert next_milestone(31, []) == 30
    assert next_milestone(91, [90]) is None


def test_it_allows_early_awards_within_12_or_24_months() -> None:
    assert early_allowed(30, 29 * 12)
    assert not early_allowed(30, 29 * 12 - 1)
    assert early_allowed(65, 64 * 12)
    assert early_allowed(70, 68 * 12)
    assert not early_allowed(70, 68 * 12 - 1)
    assert not early_allowed(31, 40 * 12)


def test_it_gives_the_cash_multiples_and_none_for_the_unconfirmed() -> None:
    assert cash_multiple(30) == Decimal("1.5")
    assert cash_multiple(80) == Decimal("15")
    assert cash_multiple(45) is None
    assert cash_multiple(45, {45: Decimal("2.5")}) == Decimal("2.5")


@given(day=days)
def test_it_never_skips_an_award_date(day: date) -> None:
    award = next_award_date(day)
    assert is_award_date(award)
    assert 0 <= (award - day).days <= 108
    assert all(not is_award_date(day + timedelta(days=i)) for i in range((award - day).days))


@given(
    admitted=days,
    milestone=st.sampled_from(MILESTONES),
    gap_start=st.integers(min_value=0, max_value=9000),
    gap_length=st.integers(min_value=0, max_value=2000),
)
def test_it_makes_a_badge_due_at_the_first_award_date_reaching_it(
    admitted: date, milestone: int, gap_start: int, gap_length: int
) -> None:
    start = admitted + timedelta(days=gap_start)
    gaps = [(start, start + timedelta(days=gap_length))]
    reached = date_reaching(admitted, gaps, milestone)
    assert reached is not None
    award = next_award_date(reached)
    assert due_milestone(party_age(admitted, gaps, award).years, []) == milestone
    before = next_award_date(reached - timedelta(days=120))
    if before < reached:
        assert party_age(admitted, gaps, before).years < milestone
