"""A large import: written in batches, still all or nothing, in a bounded number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.members import importing
from dangvu.members.bulk import BATCH
from dangvu.members.importing import import_members
from dangvu.members.models import Member, Placement
from dangvu.reports import tallies
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import csv_file, person


def people(count: int) -> list[dict[str, Any]]:
    """``count`` good rows for XA-DONG, each a different person (no 29 February)."""
    days = (date(1960, 1, 1) + timedelta(days=n) for n in range(2 * count))
    births = [day for day in days if (day.month, day.day) != (2, 29)][:count]
    return [person(f"Vũ Văn Số {n}", birth, serial=n) for n, birth in enumerate(births)]


def test_it_imports_a_file_larger_than_a_batch_with_history_by_the_actor(cast: Cast) -> None:
    alice, rows = cast.user("alice"), people(BATCH + 5)
    result = import_members(csv_file(rows), "ds.csv", actor=alice, dry_run=False)
    assert result.ok and result.created == BATCH + 5
    new = Member.objects.filter(full_name__startswith="Vũ Văn Số")
    assert new.count() == Placement.objects.filter(member__in=new).count() == BATCH + 5
    history = Member.history.filter(id__in=new.values("id"), history_type="+")
    assert history.filter(history_user=alice).count() == BATCH + 5


def test_it_writes_nothing_when_the_last_row_of_a_big_file_is_bad(cast: Cast) -> None:
    before = Member.objects.count()
    rows = people(BATCH + 5)
    rows[-1]["Ngày sinh*"] = "31/02/1990"
    result = import_members(csv_file(rows), "ds.csv", actor=cast.user("alice"), dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(BATCH + 6, "Ngày sinh*")]
    assert Member.objects.count() == before


def test_it_rolls_back_earlier_batches_when_a_later_one_hits_a_taken_id(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ID written by someone else after the checks: the index stops it, nothing stays."""
    before, history = Member.objects.count(), Member.history.count()
    an, rows = cast.member("Nguyễn Văn An"), people(BATCH + 5)
    rows[-1].update({"Số CCCD": an.national_id, "Ngày sinh*": an.birth_date.strftime("%d/%m/%Y")})
    monkeypatch.setattr(importing._Planner, "_members_by", lambda self, field, rows: {})
    result = import_members(csv_file(rows), "ds.csv", actor=cast.user("alice"), dry_run=False)
    assert [e.row for e in result.errors] == [BATCH + 6]
    assert "vừa được ghi cho người khác" in result.errors[0].message
    assert (Member.objects.count(), Member.history.count()) == (before, history)


def test_it_imports_two_thousand_rows_in_a_bounded_number_of_queries(cast: Cast) -> None:
    file = csv_file(people(2000))
    with CaptureQueriesContext(connection) as queries:
        result = import_members(file, "ds.csv", actor=cast.user("alice"), dry_run=False)
    assert result.created == 2000
    # The statistics' upserts grow with the distinct values (here 2,000 birth dates).
    own = [q for q in queries.captured_queries if "reports_tally" not in q["sql"]]
    assert len(own) <= 30, len(own)  # Lookups, a few INSERTs per batch, one recount.
    assert len(queries) < 200


def test_it_keeps_the_maintained_tallies_equal_to_a_recount(cast: Cast) -> None:
    rows = people(30)
    rows[7]["Mã chi bộ*"] = "XA-TH"
    result = import_members(csv_file(rows), "ds.csv", actor=cast.user("alice"), dry_run=False)
    assert result.created == 30
    assert tallies.stored() == tallies.recount_all_from_scratch()
