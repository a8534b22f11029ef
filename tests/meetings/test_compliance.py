"""Cells without their monthly or quarterly thematic meeting (issue 5, items 4 and 10)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.meetings.compliance import missing_meetings, periods_between
from tests.fixtures.cast import Cast
from tests.meetings.helpers import held, meeting

Q1 = (date(2024, 1, 1), date(2024, 3, 31))
AFTER_Q1 = date(2024, 4, 10)


def _gaps(
    cast: Cast, on: date = AFTER_Q1, start: date = Q1[0], end: date = Q1[1]
) -> list[tuple[str, str, str]]:
    return [
        (g.cell.code, g.kind, g.period_label)
        for g in missing_meetings(cast.org("XA"), start, end, on)
    ]


def _dong_q1_without_march(cast: Cast) -> None:
    held(cast, date(2024, 1, 8))
    held(cast, date(2024, 2, 5))
    held(cast, date(2024, 2, 20), kind="thematic", topic="new_rural")


def test_it_lists_the_months_and_quarters_a_cell_missed(cast: Cast) -> None:
    _dong_q1_without_march(cast)
    assert _gaps(cast) == [
        ("XA-DONG", "regular", "tháng 3/2024"),
        ("XA-TH", "regular", "tháng 1/2024"),
        ("XA-TH", "regular", "tháng 2/2024"),
        ("XA-TH", "regular", "tháng 3/2024"),
        ("XA-TH", "thematic", "quý I/2024"),
    ]


def test_it_does_not_count_a_thematic_meeting_as_the_monthly_one(cast: Cast) -> None:
    _dong_q1_without_march(cast)
    held(cast, date(2024, 3, 12), kind="thematic", topic="security")
    assert ("XA-DONG", "regular", "tháng 3/2024") in _gaps(cast)


def test_it_does_not_count_a_meeting_only_planned(cast: Cast) -> None:
    _dong_q1_without_march(cast)
    meeting(cast, date(2024, 3, 12))
    assert ("XA-DONG", "regular", "tháng 3/2024") in _gaps(cast)


def test_it_judges_a_period_only_once_it_has_ended(cast: Cast) -> None:
    _dong_q1_without_march(cast)
    gaps = _gaps(cast, on=date(2024, 3, 20))
    assert ("XA-DONG", "regular", "tháng 3/2024") not in gaps
    assert ("XA-TH", "thematic", "quý I/2024") not in gaps
    assert ("XA-TH", "regular", "tháng 2/2024") in gaps


def test_it_does_not_judge_a_cell_before_it_was_founded(cast: Cast) -> None:
    school = cast.org("XA-TH")
    school.founded_on = date(2024, 2, 10)
    school.save()
    assert [g for g in _gaps(cast) if g[0] == "XA-TH"] == [("XA-TH", "regular", "tháng 3/2024")]


def test_it_judges_whole_periods_within_the_range(cast: Cast) -> None:
    labels = [p.label for p in periods_between(date(2024, 2, 15), date(2024, 7, 31))]
    assert labels == [
        "tháng 3/2024",
        "tháng 4/2024",
        "tháng 5/2024",
        "tháng 6/2024",
        "quý II/2024",
        "tháng 7/2024",
    ]


def test_it_reads_compliance_in_two_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    _dong_q1_without_march(cast)
    commune = cast.org("XA")
    with django_assert_num_queries(2):
        assert len(missing_meetings(commune, *Q1, on=AFTER_Q1)) == 5
