"""Party age: from the admission decision, minus the periods outside the Party."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from dangvu.members.models import MembershipEvent, Transfer
from dangvu.members.party_age import (
    date_reaching,
    membership_gaps,
    party_age,
    party_ages,
)
from tests.fixtures.cast import Cast

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))


def event(kind: str, day: date, cancelled: bool = False, pk: int = 0) -> Any:
    return SimpleNamespace(kind=kind, effective_date=day, cancelled=cancelled, pk=pk)


def transfer(moved: date, started: date | None, state: str = "completed") -> Any:
    return SimpleNamespace(moved_on=moved, started_on=started, state=state)


def test_it_counts_whole_years_months_and_days() -> None:
    age = party_age(date(1995, 5, 19), [], date(2026, 11, 21))
    assert (age.years, age.months, age.days) == (31, 6, 2)


def test_it_is_zero_before_admission() -> None:
    assert party_age(date(2020, 1, 1), [], date(2019, 1, 1)).total_days == 0


def test_it_deducts_a_removal_until_readmission() -> None:
    gaps = membership_gaps(
        [event("removal", date(2001, 1, 1)), event("readmission", date(2003, 1, 1))]
    )
    assert gaps == [(date(2001, 1, 1), date(2003, 1, 1))]
    assert party_age(date(1990, 1, 1), gaps, date(2020, 1, 1)).years == 28


def test_it_ignores_cancelled_events() -> None:
    gaps = membership_gaps([event("expulsion", date(2000, 1, 1), cancelled=True)])
    assert gaps == []


def test_it_stops_counting_while_a_gap_is_open() -> None:
    gaps = membership_gaps([event("lost_contact", date(2010, 1, 1))])
    assert party_age(date(2000, 1, 1), gaps, date(2030, 1, 1)).years == 10


def test_it_ignores_an_out_event_while_already_outside() -> None:
    events = [
        event("lost_contact", date(2010, 1, 1)),
        event("removal", date(2010, 6, 1)),
        event("readmission", date(2012, 1, 1)),
    ]
    assert membership_gaps(events) == [(date(2010, 1, 1), date(2012, 1, 1))]


def test_it_merges_overlapping_gaps() -> None:
    gaps = [(date(2001, 1, 1), date(2001, 3, 1)), (date(2001, 2, 1), date(2001, 4, 1))]
    age = party_age(date(2000, 1, 1), gaps, date(2002, 1, 1))
    assert age.total_days == (date(2002, 1, 1) - date(2000, 1, 1)).days - 90


def test_it_clips_gaps_before_admission() -> None:
    gaps = [(date(1990, 1, 1), date(2000, 1, 11))]
    assert party_age(date(2000, 1, 1), gaps, date(2000, 2, 1)).total_days == 21


def test_it_deducts_only_the_transfer_time_beyond_60_working_days() -> None:
    # Moved 2/2/2026: the 60th working day after it is 7/5/2026 (Tết, 27/4–1/5 skipped).
    gaps = membership_gaps([], [transfer(date(2026, 2, 2), date(2026, 6, 1))])
    assert gaps == [(date(2026, 5, 7), date(2026, 6, 1))]


def test_it_ignores_a_transfer_started_in_time_or_cancelled() -> None:
    assert membership_gaps([], [transfer(date(2026, 2, 2), date(2026, 3, 1))]) == []
    late_but_cancelled = transfer(date(2026, 2, 2), date(2026, 9, 1), state="cancelled")
    assert membership_gaps([], [late_but_cancelled]) == []
    assert membership_gaps([], [transfer(date(2026, 2, 2), None)]) == []


def test_it_finds_the_day_the_party_age_reaches_a_milestone_after_a_gap() -> None:
    gaps = [(date(2000, 1, 1), date(2000, 1, 31))]
    assert date_reaching(date(1990, 1, 1), gaps, 30) == date(2020, 1, 31)
    assert date_reaching(date(1990, 1, 1), [(date(2000, 1, 1), date.max)], 30) is None


def test_it_reads_party_ages_of_many_members_in_three_queries(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    an = cast.member("Nguyễn Văn An")
    MembershipEvent.objects.create(
        member=an, org_path=an.org_path, kind="lost_contact", effective_date=date(2000, 5, 19)
    )
    MembershipEvent.objects.create(
        member=an, org_path=an.org_path, kind="contact_restored", effective_date=date(2002, 5, 19)
    )
    ids = [an.pk, cast.member("Trần Thị Bích").pk]
    with django_assert_num_queries(3):
        ages = party_ages(ids, date(2026, 5, 19))
    assert ages[an.pk].years == 29
    assert ages[ids[1]].years == 20


def test_it_shows_the_party_age_with_gaps_on_the_member(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    Transfer.objects.create(
        member=an,
        from_cell=an.cell,
        from_path=an.org_path,
        to_external="Đảng bộ khác",
        moved_on=date(2026, 2, 2),
        started_on=date(2027, 6, 1),
        state="completed",
    )
    assert an.party_age_years(date(2026, 5, 6)) == 30
    assert an.party_age_years(date(2026, 5, 19)) == 30  # 12 days late by then
    assert an.party_age_years(date(2027, 6, 20)) == 31  # 7/5/2026–1/6/2027 deducted


@given(admitted=days, on=days, later=st.integers(min_value=0, max_value=4000))
def test_it_is_never_negative_and_grows_with_the_date(admitted: date, on: date, later: int) -> None:
    gaps = [(date(2000, 1, 1), date(2003, 1, 1))]
    first = party_age(admitted, gaps, on)
    second = party_age(admitted, gaps, on + timedelta(days=later))
    assert first.total_days >= 0
    assert second >= first
    assert (first.years, first.months, first.days) <= (second.years, second.months, second.days)


@given(
    admitted=days,
    start=st.integers(min_value=0, max_value=5000),
    length=st.integers(min_value=0, max_value=3000),
    after=st.integers(min_value=0, max_value=3000),
)
def test_it_deducts_exactly_the_length_of_a_gap_inside_the_membership(
    admitted: date, start: int, length: int, after: int
) -> None:
    gap_start = admitted + timedelta(days=start)
    gap = (gap_start, gap_start + timedelta(days=length))
    on = gap[1] + timedelta(days=after)
    assert (
        party_age(admitted, [], on).total_days - party_age(admitted, [gap], on).total_days == length
    )


@given(admitted=days, years=st.integers(min_value=1, max_value=90))
@example(admitted=date(2000, 2, 29), years=1)  # a leap day: one year on 28/02/2001
def test_it_reaches_the_milestone_exactly_on_the_computed_day(admitted: date, years: int) -> None:
    gaps = [(admitted + timedelta(days=400), admitted + timedelta(days=700))]
    reached = date_reaching(admitted, gaps, years)
    assert reached is not None
    assert party_age(admitted, gaps, reached).years == years
    assert party_age(admitted, gaps, reached - timedelta(days=1)).years == years - 1
