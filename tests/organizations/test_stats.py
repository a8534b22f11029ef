"""Statistics of a subtree on a date, and ``dangvu stats``."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.members.services import place_member
from dangvu.organizations.services import create_organization, update_organization
from dangvu.organizations.stats import organization_stats
from tests.fixtures.cast import Cast

# Grouped queries only: the count does not grow with the subtree (ARCHITECTURE.md, scale).
# On a past day; today the member keys come from the tallies in one query (tests/reports).
STATS_QUERIES = 13
CONTRACT_KEYS = {
    "organization",
    "as_of",
    "cells",
    "cells_by_kind",
    "cells_with_committee",
    "members",
    "members_by_status",
}


def stats(cast: Cast, code: str, day: date) -> dict[str, Any]:
    return organization_stats(cast.org(code), day)


def run(*args: str) -> str:
    out = StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_it_counts_the_cast(cast: Cast) -> None:
    xa = stats(cast, "XA", date(2026, 1, 1))
    assert xa["cells"] == 2
    assert xa["cells_by_kind"] == {"residential": 1, "school": 1}
    assert xa["cells_with_committee"] == 1
    assert xa["members"] == 5
    assert xa["members_by_status"] == {"full": 4, "probationary": 1}


def test_it_counts_a_temporary_stay_at_home_not_at_the_host(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    place_member(an, cast.org("XB-BAC"), actor=None, start_date=date(2026, 1, 5), kind="temporary")
    assert stats(cast, "XA", date(2026, 2, 1))["members"] == 5
    assert stats(cast, "XB", date(2026, 2, 1))["members"] == 2
    assert stats(cast, "XA-DONG", date(2026, 2, 1))["members"] == 3


def test_it_counts_a_permanent_move_from_its_date(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    place_member(an, cast.org("XB-BAC"), actor=None, start_date=date(2026, 1, 10))
    assert stats(cast, "XB", date(2026, 1, 9))["members"] == 2
    assert stats(cast, "XB", date(2026, 1, 10))["members"] == 3
    assert stats(cast, "XA", date(2026, 1, 9))["members"] == 5
    assert stats(cast, "XA", date(2026, 1, 10))["members"] == 4


def test_it_leaves_out_members_admitted_after_the_date(cast: Cast) -> None:
    assert stats(cast, "XA", date(2025, 5, 31))["members"] == 4
    assert stats(cast, "XA", date(2025, 6, 1))["members"] == 5
    assert stats(cast, "XA", date(2025, 12, 31))["admitted_in_year"] == 1
    assert stats(cast, "XA", date(2024, 12, 31))["admitted_in_year"] == 0


def test_it_counts_a_cell_only_while_it_exists(cast: Cast) -> None:
    cell = create_organization(
        actor=None,
        code="XA-MOI",
        name="Chi bộ thôn Mới",
        level="cell",
        kind="residential",
        parent=cast.org("XA"),
        founded_on=date(2020, 1, 1),
    )
    update_organization(cell, actor=None, ended_on=date(2024, 1, 1))
    assert stats(cast, "XA", date(2019, 12, 31))["cells"] == 2
    assert stats(cast, "XA", date(2023, 12, 31))["cells"] == 3
    assert stats(cast, "XA", date(2024, 1, 1))["cells"] == 2


def test_it_counts_a_cell_committee_from_its_election(cast: Cast) -> None:
    assert stats(cast, "XA", date(2022, 5, 9))["cells_with_committee"] == 0
    assert stats(cast, "XA", date(2022, 5, 10))["cells_with_committee"] == 1


def test_it_adds_up_the_communes_at_the_district(cast: Cast) -> None:
    h01 = stats(cast, "H01", date(2026, 1, 1))
    assert h01["members"] == 7
    assert h01["cells"] == 3
    assert h01["organizations_by_level"] == {"cell": 3, "grassroots": 2}


@pytest.mark.parametrize("code", ["XA-DONG", "XA", "T01"])
def test_it_uses_a_fixed_number_of_queries(
    cast: Cast, code: str, django_assert_num_queries: Any
) -> None:
    org = cast.org(code)
    with django_assert_num_queries(STATS_QUERIES):
        organization_stats(org, date(2026, 1, 1))


def test_the_command_prints_the_api_json(cast: Cast) -> None:
    data = json.loads(run("XA", "--as-of", "2026-01-01", "--json"))
    assert data == stats(cast, "XA", date(2026, 1, 1))
    assert set(data) >= CONTRACT_KEYS
    assert data["organization"] == {
        "id": cast.org("XA").pk,
        "code": "XA",
        "name": "Đảng bộ xã Hòa An",
    }
    assert data["as_of"] == "2026-01-01"


def test_the_command_keeps_vietnamese_letters_in_json(cast: Cast) -> None:
    assert "Đảng bộ xã Hòa An" in run("XA", "--json")


def test_the_command_prints_a_vietnamese_summary(cast: Cast) -> None:
    out = run("XA", "--as-of", "2026-01-01")
    assert "Đảng bộ xã Hòa An (mã XA), ngày 01/01/2026" in out
    assert "Chi bộ: 2 (Chi bộ thôn, khu phố: 1; Trường học: 1)" in out
    assert "Đảng viên: 5 (Dự bị: 1; Chính thức: 4)" in out


def test_the_command_refuses_an_unknown_code(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức có mã “NOPE”"):
        run("NOPE")


def test_the_command_refuses_a_bad_date(cast: Cast) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("XA", "--as-of", "31/12/2022")


def test_the_command_keeps_to_the_scope_of_a_user(cast: Cast) -> None:
    assert json.loads(run("XA", "--json", "--user", "dave"))["members"] == 5
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("XB", "--json", "--user", "dave")


def test_the_command_refuses_an_unknown_user(cast: Cast) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy người dùng"):
        run("XA", "--user", "nobody")
