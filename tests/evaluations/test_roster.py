"""Who is evaluated in a period, from the dated records at the period's end."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dangvu.evaluations.roster import SubjectRow, period_bounds, subjects_for
from dangvu.members.decisions import exempt_member, remove_member
from dangvu.members.services import place_member
from dangvu.organizations.models import Organization
from dangvu.organizations.services import create_organization
from tests.evaluations.helpers import add_cell, add_member
from tests.fixtures.cast import Cast


def _members(rows: list[SubjectRow]) -> dict[str, SubjectRow]:
    return {row.member.full_name: row for row in rows if row.member is not None}


def _orgs(rows: list[SubjectRow]) -> dict[str, str]:
    return {row.unit.code: row.deciding_org.code for row in rows if row.organization is not None}


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (0, date(2025, 1, 1), date(2025, 12, 31)),
        (1, date(2025, 1, 1), date(2025, 3, 31)),
        (2, date(2025, 4, 1), date(2025, 6, 30)),
        (3, date(2025, 7, 1), date(2025, 9, 30)),
        (4, date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_it_bounds_a_year_and_its_quarters(quarter: int, first: date, last: date) -> None:
    assert period_bounds(2025, quarter) == (first, last)


def test_it_refuses_a_fifth_quarter() -> None:
    with pytest.raises(ValueError):
        period_bounds(2025, 5)


def test_it_lists_the_cells_and_the_commune_with_who_decides_them(cast: Cast) -> None:
    rows = subjects_for(cast.org("XA"), 2025)
    assert _orgs(rows) == {"XA": "H01", "XA-DONG": "XA", "XA-TH": "XA"}
    members = _members(rows)
    assert len(members) == 5
    assert all(row.evaluated and row.deciding_org.code == "XA" for row in members.values())
    assert members["Lê Văn Cường"].unit.code == "XA-DONG"


def test_it_does_not_evaluate_an_exempt_member(cast: Cast) -> None:
    exempt_member(cast.member("Nguyễn Văn An"), actor=None, effective_date=date(2025, 3, 1))
    row = _members(subjects_for(cast.org("XA"), 2025))["Nguyễn Văn An"]
    assert (row.evaluated, row.reason) == (False, "Miễn công tác và sinh hoạt đảng")
    assert _members(subjects_for(cast.org("XA"), 2024))["Nguyễn Văn An"].evaluated


def test_it_does_not_evaluate_a_member_admitted_less_than_six_months_before(cast: Cast) -> None:
    add_member(cast, "Vũ Văn Mới", ceremony=date(2025, 7, 1), probationary=True)
    rows = _members(subjects_for(cast.org("XA"), 2025))
    assert not rows["Vũ Văn Mới"].evaluated
    assert rows["Vũ Văn Mới"].reason == "Kết nạp ngày 01/07/2025, chưa đủ 6 tháng"
    assert rows["Đỗ Văn Hùng"].evaluated  # 01/06/2025: six months on 31/12


def test_it_counts_six_months_to_the_quarter_end(cast: Cast) -> None:
    row = _members(subjects_for(cast.org("XA"), 2025, quarter=2))["Đỗ Văn Hùng"]
    assert row.reason == "Kết nạp ngày 01/06/2025, chưa đủ 6 tháng"


def test_it_evaluates_new_members_under_132_and_leaves_out_later_ones(cast: Cast) -> None:
    add_member(cast, "Vũ Văn Mới", ceremony=date(2021, 10, 1))
    rows = _members(subjects_for(cast.org("XA"), 2021))
    assert rows["Vũ Văn Mới"].evaluated
    assert "Đỗ Văn Hùng" not in rows  # admitted in 2025


def test_it_evaluates_a_temporarily_away_member_at_home(cast: Cast) -> None:
    member = cast.member("Lê Văn Cường")
    place_member(
        member, cast.org("XB-BAC"), actor=None, start_date=date(2025, 5, 1), kind="temporary"
    )
    assert _members(subjects_for(cast.org("XA"), 2025))["Lê Văn Cường"].unit.code == "XA-DONG"
    assert "Lê Văn Cường" not in _members(subjects_for(cast.org("XB"), 2025))


def test_it_leaves_out_a_member_who_left_before_the_end(cast: Cast) -> None:
    remove_member(cast.member("Phạm Thị Dung"), actor=None, effective_date=date(2025, 8, 1))
    assert "Phạm Thị Dung" not in _members(subjects_for(cast.org("XA"), 2025))
    assert "Phạm Thị Dung" in _members(subjects_for(cast.org("XA"), 2024))


def test_it_leaves_out_organisations_not_active_at_the_end(cast: Cast) -> None:
    add_cell(cast, "XA-MOI", founded_on=date(2026, 1, 1))
    ended = add_cell(cast, "XA-CU")
    Organization.objects.filter(pk=ended.pk).update(ended_on=date(2025, 7, 1))
    assert set(_orgs(subjects_for(cast.org("XA"), 2025))) == {"XA", "XA-DONG", "XA-TH"}


def test_it_lets_a_grassroots_cell_decide_its_own_members(cast: Cast) -> None:
    create_organization(
        actor=None,
        code="CBCS",
        name="Chi bộ cơ sở Trường THPT",
        level="grassroots",
        kind="agency",
        is_cell=True,
        parent=cast.org("H01"),
        founded_on=date(2000, 1, 1),
    )
    add_member(cast, "Vũ Văn Mới", cell="CBCS")
    rows = subjects_for(cast.org("CBCS"), 2025)
    assert _orgs(rows) == {"CBCS": "H01"}
    assert _members(rows)["Vũ Văn Mới"].deciding_org.code == "CBCS"


def test_it_reads_a_district_in_three_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    root = cast.org("H01")
    with django_assert_num_queries(3):
        rows = subjects_for(root, 2025)
    assert _orgs(rows)["XB"] == "H01" and _orgs(rows)["XB-BAC"] == "XB"
    assert len(_members(rows)) == 7
