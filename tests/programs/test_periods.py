"""Periods and deadlines as people write them; overdue, due soon, roll-up (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.programs.choices import TaskStatus
from dangvu.programs.periods import (
    Deadline,
    Period,
    completion_status,
    deadline_text,
    due_soon,
    is_overdue,
    parse_deadline,
    parse_period,
    rolled_progress,
)


@pytest.mark.parametrize(
    ("text", "code", "label"),
    [
        ("2022-Q1", "2022-Q1", "quý 1/2022"),
        ("q1/2022", "2022-Q1", "quý 1/2022"),
        ("Quý 1/2022", "2022-Q1", "quý 1/2022"),
        ("2022-H1", "2022-H1", "6 tháng đầu năm 2022"),
        ("6 tháng cuối năm 2022", "2022-H2", "6 tháng cuối năm 2022"),
        ("2022-04", "2022-04", "tháng 4/2022"),
        ("4/2022", "2022-04", "tháng 4/2022"),
        ("Tháng 4/2022", "2022-04", "tháng 4/2022"),
        ("2022", "2022", "năm 2022"),
        ("năm 2022", "2022", "năm 2022"),
    ],
)
def test_it_parses_every_period_form(text: str, code: str, label: str) -> None:
    period = parse_period(text)
    assert (period.code, period.label) == (code, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("period", "starts", "ends"),
    [
        (Period("quarter", 2022, 1), date(2022, 1, 1), date(2022, 3, 31)),
        (Period("half", 2022, 2), date(2022, 7, 1), date(2022, 12, 31)),
        (Period("month", 2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
        (Period("year", 2022, 0), date(2022, 1, 1), date(2022, 12, 31)),
    ],
)
def test_it_knows_the_first_and_last_day(period: Period, starts: date, ends: date) -> None:
    assert (period.starts_on, period.ends_on) == (starts, ends)
    assert period.contains(starts) and period.contains(ends)
    assert not period.contains(date(ends.year + 1, 1, 1))


def test_it_steps_to_the_next_period_across_the_year() -> None:
    assert Period("quarter", 2022, 1).next().code == "2022-Q2"
    assert Period("quarter", 2022, 4).next().code == "2023-Q1"
    assert Period("half", 2022, 2).next().code == "2023-H1"
    assert Period("month", 2022, 12).next().code == "2023-01"
    assert Period("year", 2022, 0).next().code == "2023"


@pytest.mark.parametrize("text", ["", "quý 5/2022", "2022-Q0", "13/2022", "H3/2022", "abc", "22"])
def test_it_refuses_a_bad_period_naming_it_and_the_forms(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_period(text)
    assert f"“{text}”" in str(caught.value)
    assert "quý 1/2022" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "day", "precision", "shown"),
    [
        ("20/4/2022", date(2022, 4, 20), "day", "chậm nhất ngày 20/4/2022"),
        ("2022-04-20", date(2022, 4, 20), "day", "chậm nhất ngày 20/4/2022"),
        ("5/2/2022", date(2022, 2, 5), "day", "chậm nhất ngày 05/02/2022"),
        ("4/2022", date(2022, 4, 30), "month", "trong tháng 4/2022"),
        ("2022-04", date(2022, 4, 30), "month", "trong tháng 4/2022"),
        ("tháng 4/2022", date(2022, 4, 30), "month", "trong tháng 4/2022"),
        ("Q2/2022", date(2022, 6, 30), "quarter", "trong quý 2/2022"),
        ("quý 2/2022", date(2022, 6, 30), "quarter", "trong quý 2/2022"),
        ("2022-Q2", date(2022, 6, 30), "quarter", "trong quý 2/2022"),
        ("2022-H1", date(2022, 6, 30), "half", "trong 6 tháng đầu năm 2022"),
        ("6 tháng đầu năm 2022", date(2022, 6, 30), "half", "trong 6 tháng đầu năm 2022"),
        ("2022", date(2022, 12, 31), "year", "trong năm 2022"),
        ("năm 2022", date(2022, 12, 31), "year", "trong năm 2022"),
    ],
)
def test_it_parses_every_deadline_form_and_shows_it_as_given(
    text: str, day: date, precision: str, shown: str
) -> None:
    deadline = parse_deadline(text)
    assert (deadline.day, deadline.precision) == (day, precision)
    assert deadline.text == shown == deadline_text(day, precision)


@pytest.mark.parametrize("text", ["", "31/2/2022", "32/1/2022", "quý 5/2022", "mai", "20/4"])
def test_it_refuses_a_bad_deadline_in_vietnamese(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_deadline(text)
    assert str(caught.value).startswith(f"Không hiểu thời hạn “{text}”")


def test_it_is_overdue_the_day_after_the_deadline_not_on_it() -> None:
    deadline = date(2022, 4, 30)
    assert not is_overdue(TaskStatus.IN_PROGRESS, deadline, date(2022, 4, 30))
    assert is_overdue(TaskStatus.IN_PROGRESS, deadline, date(2022, 5, 1))
    assert is_overdue(TaskStatus.NOT_STARTED, deadline, date(2022, 5, 1))
    for status in ("done", "done_late", "not_done", "carried_over"):
        assert not is_overdue(status, deadline, date(2022, 5, 1))


def test_it_is_due_soon_within_a_week_while_open() -> None:
    deadline = date(2022, 4, 30)
    assert due_soon(TaskStatus.NOT_STARTED, deadline, date(2022, 4, 23))
    assert due_soon(TaskStatus.IN_PROGRESS, deadline, date(2022, 4, 30))
    assert not due_soon(TaskStatus.IN_PROGRESS, deadline, date(2022, 4, 22))
    assert not due_soon(TaskStatus.IN_PROGRESS, deadline, date(2022, 5, 1))
    assert not due_soon(TaskStatus.DONE, deadline, date(2022, 4, 29))


def test_it_tells_done_from_done_late_by_the_deadline() -> None:
    deadline = date(2022, 4, 30)
    assert completion_status(deadline, date(2022, 4, 30)) == TaskStatus.DONE
    assert completion_status(deadline, date(2022, 5, 1)) == TaskStatus.DONE_LATE


def test_it_rolls_progress_up_weighted_and_rounded_half_up() -> None:
    assert rolled_progress([]) == 0
    assert rolled_progress([(1, 50), (1, 51)]) == 51  # 50.5 → 51
    assert rolled_progress([(2, 100), (1, 0)]) == 67  # 66.67
    assert rolled_progress([(1, 100), (2, 0)]) == 33  # 33.33
    assert rolled_progress([(3, 100)]) == 100


@given(st.lists(st.tuples(st.integers(1, 100), st.integers(0, 100)), min_size=1, max_size=20))
def test_it_keeps_the_rolled_progress_between_its_children(children: list[tuple[int, int]]) -> None:
    rolled = rolled_progress(children)
    assert min(p for _, p in children) <= rolled <= max(p for _, p in children)


def test_it_takes_a_deadline_already_parsed() -> None:
    assert Deadline(date(2022, 6, 30), "quarter").text == "trong quý 2/2022"


def test_it_allows_spaces_around_the_separators() -> None:
    assert parse_deadline(" 20 / 4 / 2022 ").day == date(2022, 4, 20)
    assert parse_period("Quý 2 / 2022").code == "2022-Q2"
