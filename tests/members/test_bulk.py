"""The bulk write path: the same rows as ``create_member``, a batch at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.members.bulk import BATCH, bulk_create_members
from dangvu.members.models import Member, Placement
from dangvu.members.rules import make_national_id
from dangvu.members.services import create_member
from tests.fixtures.cast import Cast

BIRTH = date(1985, 4, 9)
DATA: dict[str, Any] = {
    "full_name": "Đỗ  Thị Hồng Nhung",
    "gender": "female",
    "birth_date": BIRTH,
    "birth_place": "Xã Hòa An",
    "national_id": make_national_id(25, "female", BIRTH, 4242),
    "phone": "0912345678",
    "qualification": "university",
    "card_number": "12345678",
    "profile_number": "LL-77",
    "admission_decision_date": date(2010, 5, 1),
    "ceremony_date": date(2010, 5, 19),
    "official_date": date(2011, 5, 19),
}
SKIP = {"id", "history_id", "history_date", "created_at", "updated_at", "member", "member_id"}


def snapshot(member_id: int) -> dict[str, Any]:
    """Everything written for one member, without ids and timestamps."""

    def rows(queryset: Any) -> list[dict[str, Any]]:
        return [{k: v for k, v in row.items() if k not in SKIP} for row in queryset.values()]

    member = Member.objects.get(pk=member_id)
    return {
        "member": rows(Member.objects.filter(pk=member_id)),
        "placements": rows(Placement.objects.filter(member_id=member_id)),
        "history": rows(member.history.all()),
        "placement_history": rows(Placement.history.filter(member_id=member_id)),
    }


def test_it_writes_exactly_what_create_member_writes(cast: Cast) -> None:
    alice, cell = cast.user("alice"), cast.org("XA-DONG")
    with transaction.atomic():
        one_by_one = snapshot(create_member(actor=alice, cell=cell, data=DATA).pk)
        transaction.set_rollback(True)
    [member_id] = bulk_create_members([(DATA, cell)], actor=alice)
    assert snapshot(member_id) == one_by_one
    assert one_by_one["history"][0]["history_user_id"] == alice.pk


def test_it_fills_search_text_and_sort_key_as_save_does(cast: Cast) -> None:
    [member_id] = bulk_create_members([(DATA, cast.org("XA-DONG"))], actor=cast.user("alice"))
    member = Member.objects.get(pk=member_id)
    stored = (member.search_text, member.sort_key)
    member.save()
    assert (
        (member.search_text, member.sort_key)
        == stored
        == (
            "do thi hong nhung 12345678 ll-77",
            "nhung do thi hong",
        )
    )


def test_it_returns_ids_in_order_across_batches(cast: Cast) -> None:
    rows = [({**DATA, "national_id": None, "card_number": None}, cast.org("XA-TH"))] * (BATCH + 3)
    ids = bulk_create_members(rows, actor=cast.user("alice"), checked=True)
    assert len(ids) == BATCH + 3 and ids == sorted(ids)
    assert Placement.objects.filter(member_id__in=ids).count() == BATCH + 3
    assert Member.history.filter(id__in=ids, history_user=cast.user("alice")).count() == BATCH + 3


def test_it_checks_rows_unless_told_they_are_checked(cast: Cast) -> None:
    before = Member.objects.count()
    bad = {**DATA, "official_date": date(2009, 1, 1)}
    with pytest.raises(ValidationError) as raised:
        bulk_create_members([(DATA, cast.org("XA-DONG")), (bad, cast.org("XA-DONG"))], actor=None)
    assert raised.value.message_dict == {
        "official_date": ["Ngày chính thức không được trước ngày vào Đảng."]
    }
    assert Member.objects.count() == before


def test_it_refuses_an_organisation_that_is_not_a_cell(cast: Cast) -> None:
    with pytest.raises(ValidationError) as raised:
        bulk_create_members([(DATA, cast.org("XA"))], actor=cast.user("alice"))
    assert raised.value.message_dict == {"cell": ["Đảng viên chỉ sinh hoạt tại chi bộ."]}


def test_it_uses_the_given_placement_date(cast: Cast) -> None:
    day = date(2024, 1, 15)
    [member_id] = bulk_create_members(
        [(DATA, cast.org("XA-DONG"))], actor=cast.user("alice"), placed_on=day
    )
    assert Placement.objects.get(member_id=member_id).start_date == day
