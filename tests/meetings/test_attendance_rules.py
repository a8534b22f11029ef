"""The roster and the expected list on edge dates (issue 5, items 2 and 10)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvu.meetings.attendance import expected_ids, roster
from dangvu.members import decisions, transfers
from tests.fixtures.cast import Cast
from tests.meetings.helpers import AFTER, BEFORE, MONTH_DAY, new_member


def _names(cast: Cast, cell: str, day: date) -> dict[str, tuple[bool, str]]:
    return {row.member.full_name: (row.expected, row.note) for row in roster(cast.org(cell), day)}


def _move(cast: Cast, name: str, kind: str = "permanent", **extra: Any) -> None:
    transfer = transfers.issue_transfer(
        cast.member(name),
        actor=None,
        kind=kind,
        to_cell=cast.org("XA-TH"),
        moved_on=MONTH_DAY,
        **extra,
    )
    transfers.start_at_destination(transfer, actor=None, started_on=MONTH_DAY)


def test_it_lists_the_cell_name_ordered_and_expects_full_members(cast: Cast) -> None:
    rows = roster(cast.org("XA-DONG"), BEFORE)
    assert [row.member.full_name for row in rows] == [
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Văn Cường",
    ]
    assert all(row.expected and row.note == "" for row in rows)


def test_it_expects_a_member_admitted_during_the_month_only_from_the_ceremony(cast: Cast) -> None:
    new_member(cast, "Vũ Văn Khang", ceremony=MONTH_DAY)
    assert "Vũ Văn Khang" not in _names(cast, "XA-DONG", BEFORE)
    assert _names(cast, "XA-DONG", AFTER)["Vũ Văn Khang"] == (True, "")


def test_it_stops_expecting_a_member_exempted_during_the_month(cast: Cast) -> None:
    decisions.exempt_member(cast.member("Nguyễn Văn An"), actor=None, effective_date=MONTH_DAY)
    assert _names(cast, "XA-DONG", BEFORE)["Nguyễn Văn An"] == (True, "")
    assert _names(cast, "XA-DONG", AFTER)["Nguyễn Văn An"] == (
        False,
        "Miễn công tác và sinh hoạt đảng",
    )


def test_it_expects_again_a_member_whose_exemption_ended(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    decisions.exempt_member(an, actor=None, effective_date=date(2024, 1, 10))
    decisions.end_exemption(an, actor=None, effective_date=MONTH_DAY)
    assert _names(cast, "XA-DONG", BEFORE)["Nguyễn Văn An"][0] is False
    assert _names(cast, "XA-DONG", AFTER)["Nguyễn Văn An"] == (True, "")


def test_it_drops_a_member_who_died_during_the_month(cast: Cast) -> None:
    decisions.record_death(cast.member("Lê Văn Cường"), actor=None, effective_date=MONTH_DAY)
    assert _names(cast, "XA-DONG", BEFORE)["Lê Văn Cường"] == (True, "")
    assert "Lê Văn Cường" not in _names(cast, "XA-DONG", MONTH_DAY)


def test_it_moves_a_member_transferred_during_the_month(cast: Cast) -> None:
    _move(cast, "Lê Văn Cường")
    assert "Lê Văn Cường" in _names(cast, "XA-DONG", BEFORE)
    assert "Lê Văn Cường" not in _names(cast, "XA-DONG", AFTER)
    assert "Lê Văn Cường" not in _names(cast, "XA-TH", BEFORE)
    assert _names(cast, "XA-TH", AFTER)["Lê Văn Cường"] == (True, "")


def test_it_expects_a_temporarily_transferred_member_at_the_host_only(cast: Cast) -> None:
    _move(cast, "Lê Văn Cường", kind="temporary", until=date(2024, 9, 15))
    home = _names(cast, "XA-DONG", AFTER)["Lê Văn Cường"]
    assert home == (False, "Đang sinh hoạt tạm thời tại Chi bộ Trường Tiểu học Hòa An")
    assert _names(cast, "XA-TH", AFTER)["Lê Văn Cường"] == (True, "Sinh hoạt tạm thời")
    assert "Lê Văn Cường" not in _names(cast, "XA-TH", BEFORE)


def test_it_falls_back_on_exempt_from_for_a_file_without_events(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    an.status, an.exempt_from = "exempt", MONTH_DAY
    an.save()
    assert an.pk in expected_ids(cast.org("XA-DONG"), BEFORE)
    assert an.pk not in expected_ids(cast.org("XA-DONG"), AFTER)


def test_it_has_an_empty_roster_outside_cells(cast: Cast) -> None:
    assert roster(cast.org("XA"), AFTER) == []


def test_it_reads_the_roster_in_three_queries_whatever_the_size(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    for serial in range(12):
        new_member(cast, f"Đảng Viên Số {serial}")
    _move(cast, "Lê Văn Cường", kind="temporary", until=date(2024, 9, 15))
    decisions.exempt_member(cast.member("Nguyễn Văn An"), actor=None, effective_date=MONTH_DAY)
    cell = cast.org("XA-DONG")
    with django_assert_num_queries(3):
        rows = roster(cell, AFTER)
    assert len(rows) == 15
