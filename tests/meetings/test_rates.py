"""Attendance rates per subtree, period, child and member; absence streaks (issue 5, item 3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.meetings import services
from dangvu.meetings.rates import (
    Rate,
    absence_streaks,
    member_rate,
    rates_by_child,
    rates_by_period,
    subtree_rate,
)
from tests.fixtures.cast import Cast
from tests.meetings.helpers import held, meeting

AN, BICH, CUONG = "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"
MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def _march(cast: Cast) -> None:
    """Thôn Đông: 2 of 3 present; Trường Tiểu học: its one member present."""
    held(cast, date(2024, 3, 5), {AN: "present", BICH: "present", CUONG: "absent"})
    held(cast, date(2024, 3, 6), cell="XA-TH")


def test_it_sums_a_subtree_over_a_period(cast: Cast) -> None:
    _march(cast)
    meeting(cast, date(2024, 3, 20), cell="XA-TH", kind="thematic", topic="security")
    rate = subtree_rate(cast.org("XA"), *MARCH)
    assert rate == Rate(meetings=2, expected=4, present=3, excused=0, absent=1)
    assert rate.rate == 0.75


def test_it_reads_a_subtree_rate_in_one_query(cast: Cast, django_assert_num_queries: Any) -> None:
    _march(cast)
    commune = cast.org("XA")
    with django_assert_num_queries(1):
        subtree_rate(commune, *MARCH)


def test_it_leaves_out_other_kinds_and_cancelled_meetings(cast: Cast) -> None:
    _march(cast)
    extra = held(cast, date(2024, 3, 25), kind="extraordinary")
    assert extra.attendance_taken
    services.cancel_meeting(cast.user("alice"), meeting(cast, date(2024, 4, 2)), "Bão")
    assert subtree_rate(cast.org("XA"), date(2024, 3, 1), date(2024, 4, 30)).meetings == 2


def test_it_gives_every_month_and_quarter_of_the_year(cast: Cast) -> None:
    _march(cast)
    held(cast, date(2024, 5, 7), {AN: "present", BICH: "excused", CUONG: "present"})
    months = rates_by_period(cast.org("XA"), 2024, "month")
    quarters = rates_by_period(cast.org("XA"), 2024, "quarter")
    assert list(months) == list(range(1, 13)) and months[1].rate is None
    assert (months[3].rate, months[5].rate) == (0.75, 2 / 3)
    assert quarters[1].rate == 0.75 and quarters[2].excused == 1
    assert rates_by_period(cast.org("XA"), 2024, "year")[2024].rate == 5 / 7


def test_it_groups_by_child_of_the_root(cast: Cast, django_assert_num_queries: Any) -> None:
    _march(cast)
    commune, district = cast.org("XA"), cast.org("H01")
    with django_assert_num_queries(1):
        by_cell = rates_by_child(commune, *MARCH)
    assert by_cell == {
        cast.org("XA-DONG").pk: Rate(1, 3, 2, 0, 1),
        cast.org("XA-TH").pk: Rate(1, 1, 1, 0, 0),
    }
    assert rates_by_child(district, *MARCH) == {commune.pk: Rate(2, 4, 3, 0, 1)}


def test_it_computes_a_members_own_rate(cast: Cast) -> None:
    _march(cast)
    held(cast, date(2024, 4, 5), {CUONG: "present"})
    rate = member_rate(cast.member(CUONG), date(2024, 1, 1), date(2024, 12, 31))
    assert (rate.meetings, rate.present, rate.absent, rate.rate) == (2, 1, 1, 0.5)


def _months(cast: Cast, *states: str) -> None:
    for month, state in enumerate(states, start=1):
        held(cast, date(2024, month, 5), {AN: state, BICH: "present"})


def test_it_flags_three_unexcused_absences_in_a_row(cast: Cast) -> None:
    _months(cast, "present", "absent", "absent", "absent")
    streaks = absence_streaks(cast.org("XA"), date(2024, 4, 30))
    assert [(s.member.full_name, s.first, s.last, s.count) for s in streaks] == [
        (AN, date(2024, 2, 5), date(2024, 4, 5), 3)
    ]


def test_it_does_not_flag_an_excused_absence_or_an_older_streak(cast: Cast) -> None:
    _months(cast, "absent", "excused", "absent", "absent")
    assert absence_streaks(cast.org("XA"), date(2024, 4, 30)) == []
    attended = held(cast, date(2024, 5, 5), {AN: "present"})
    assert attended.present_count == 1
    assert absence_streaks(cast.org("XA"), date(2024, 5, 30)) == []


def test_it_finds_streaks_in_two_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    _months(cast, "absent", "absent", "absent")
    commune = cast.org("XA")
    with django_assert_num_queries(2):
        assert len(absence_streaks(commune, date(2024, 3, 30))) == 1
