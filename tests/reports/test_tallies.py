"""Maintained tallies equal a full recount (issue 4, "Done when")."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from dangvu.members import decisions
from dangvu.members.models import Member, Placement
from dangvu.members.services import create_member, place_member, update_member
from dangvu.reports import tallies
from tests.fixtures.cast import Cast

NEW = {"full_name": "Vũ Thị Mới", "gender": "female", "birth_date": date(1996, 2, 29)}


def test_it_starts_equal_to_a_recount_on_the_cast(cast: Cast) -> None:
    assert tallies.stored() == tallies.recount_all_from_scratch()
    assert tallies.stored()[(cast.org("T01").pk, "status", "full")] == 6


def test_it_follows_a_new_member_up_to_the_root(cast: Cast) -> None:
    create_member(actor=None, cell=cast.org("XB-BAC"), data=NEW, placed_on=date(2024, 1, 1))
    counts = tallies.stored()
    assert counts[(cast.org("XB").pk, "gender", "female")] == 2
    assert counts[(cast.org("T01").pk, "birth_date", "1996-02-29")] == 1
    assert counts == tallies.recount_all_from_scratch()


def test_it_moves_a_member_between_cells(cast: Cast) -> None:
    member = cast.member("Lê Văn Cường")
    place_member(member, cast.org("XB-BAC"), actor=None, start_date=date(2024, 3, 1))
    counts = tallies.stored()
    assert counts[(cast.org("XB").pk, "status", "full")] == 3
    assert counts == tallies.recount_all_from_scratch()


def test_it_drops_a_deceased_member(cast: Cast) -> None:
    decisions.record_death(cast.member("Hoàng Văn Em"), actor=None, effective_date=date(2024, 5, 1))
    assert (cast.org("XB-BAC").pk, "gender", "male") not in tallies.stored()
    assert tallies.stored() == tallies.recount_all_from_scratch()


def test_it_leaves_tallies_unchanged_when_a_service_fails(cast: Cast) -> None:
    before = tallies.stored()
    with pytest.raises(ValidationError):
        update_member(
            cast.member("Đỗ Văn Hùng"), actor=None, changes={"birth_date": date(2020, 1, 1)}
        )
    assert tallies.stored() == before


def test_it_recounts_once_at_the_end_of_a_deferred_block(cast: Cast) -> None:
    with tallies.deferred():
        create_member(actor=None, cell=cast.org("XA-TH"), data=NEW, placed_on=date(2024, 1, 1))
        assert (cast.org("XA-TH").pk, "birth_date", "1996-02-29") not in tallies.stored()
    assert tallies.stored() == tallies.recount_all_from_scratch()


def test_it_rebuilds_the_same_rows(cast: Cast) -> None:
    update_member(cast.member("Đỗ Văn Hùng"), actor=None, changes={"ethnicity": "Tày"})
    maintained = tallies.stored()
    call_command("rebuild_tallies", stdout=StringIO())
    assert tallies.stored() == maintained


def test_it_counts_rows_written_by_bulk_create_once_touched(cast: Cast) -> None:
    cell = cast.org("XB-BAC")
    with tallies.deferred():
        member = Member.objects.bulk_create(
            [Member(**NEW, cell=cell, org_path=cell.path, search_text="", sort_key="")]
        )[0]
        Placement.objects.bulk_create(
            [Placement(member=member, cell=cell, org_path=cell.path, start_date=date(2024, 1, 1))]
        )
        tallies.touch([cell.pk])
    assert tallies.stored()[(cell.pk, "birth_date", "1996-02-29")] == 1
    assert tallies.stored() == tallies.recount_all_from_scratch()
