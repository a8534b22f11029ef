"""Dues services and readers (members/dues.py) on the cast."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.members import dues
from dangvu.members.models import DuesPayment, DuesProfile, DuesReduction
from dangvu.members.services import place_member
from tests.fixtures.cast import Cast

TODAY = date(2026, 6, 15)


def profiles(cast: Cast, valid_from: date = date(2026, 1, 1)) -> None:
    """Every member of XA-DONG pays on a salary of 6,000,000 đ from ``valid_from``."""
    alice = cast.user("alice")
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"):
        dues.set_dues_profile(
            cast.member(name),
            actor=alice,
            category="insured_salary",
            base_amount=6_000_000,
            valid_from=valid_from,
        )


def pay(cast: Cast, month: date, *names: str, amount: int | None = None) -> list[DuesPayment]:
    return dues.record_payments(
        cast.org("XA-DONG"),
        month,
        actor=cast.user("bob"),
        payments=[(cast.member(name), amount) for name in names],
        paid_on=TODAY,
        today=TODAY,
    )


def test_it_sets_a_profile_and_corrects_it_on_the_same_day(cast: Cast) -> None:
    profiles(cast)
    an = cast.member("Nguyễn Văn An")
    dues.set_dues_profile(
        an, actor=None, category="pension", base_amount=4_000_000, valid_from=date(2026, 1, 1)
    )
    assert DuesProfile.objects.filter(member=an).count() == 1
    assert DuesProfile.objects.get(member=an).category == "pension"


def test_it_refuses_a_salary_profile_without_a_salary(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        dues.set_dues_profile(
            cast.member("Nguyễn Văn An"),
            actor=None,
            category="insured_salary",
            base_amount=0,
            valid_from=date(2026, 1, 1),
        )
    assert "base_amount" in caught.value.message_dict
    assert not DuesProfile.objects.exists()


def test_it_refuses_an_unknown_category(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        dues.set_dues_profile(
            cast.member("Nguyễn Văn An"),
            actor=None,
            category="farmer",
            base_amount=0,
            valid_from=date(2026, 1, 1),
        )
    assert not DuesProfile.objects.exists()


def reduce(cast: Cast, percent: int, start: date, end: date, reason: str = "Ốm dài ngày") -> Any:
    return dues.grant_reduction(
        cast.member("Trần Thị Bích"),
        actor=None,
        percent=percent,
        start_month=start,
        end_month=end,
        reason=reason,
        today=TODAY,
    )


def test_it_grants_a_reduction_and_refuses_an_overlap(cast: Cast) -> None:
    reduce(cast, 50, date(2026, 3, 1), date(2026, 5, 1))
    with pytest.raises(ValidationError) as caught:
        reduce(cast, 30, date(2026, 5, 1), date(2026, 7, 1))
    assert "Trùng thời gian" in str(caught.value)
    assert DuesReduction.objects.count() == 1


@pytest.mark.parametrize(
    ("percent", "start", "end", "reason", "field"),
    [
        (40, date(2026, 1, 1), date(2026, 2, 1), "x", "percent"),
        (30, date(2026, 1, 1), date(2027, 1, 1), "x", "end_month"),
        (30, date(2026, 3, 1), date(2026, 1, 1), "x", "end_month"),
        (30, date(2026, 1, 1), date(2026, 2, 1), " ", "reason"),
    ],
)
def test_it_refuses_a_bad_reduction(
    cast: Cast, percent: int, start: date, end: date, reason: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        reduce(cast, percent, start, end, reason)
    assert field in caught.value.message_dict
    assert not DuesReduction.objects.exists()


def test_it_shows_the_sheet_with_amounts_reductions_and_payments(cast: Cast) -> None:
    profiles(cast)
    reduce(cast, 50, date(2026, 3, 1), date(2026, 5, 1))
    pay(cast, date(2026, 3, 1), "Nguyễn Văn An")
    rows = {row.member.full_name: row for row in dues.dues_sheet(cast.org("XA-DONG"), TODAY)}
    assert rows["Trần Thị Bích"].due == 60_000
    sheet = {r.member.full_name: r for r in dues.dues_sheet(cast.org("XA-DONG"), date(2026, 3, 1))}
    assert sheet["Trần Thị Bích"].due == 30_000
    assert sheet["Nguyễn Văn An"].paid and not sheet["Lê Văn Cường"].paid


def test_it_reads_the_sheet_in_a_fixed_number_of_queries(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    profiles(cast)
    cell = cast.org("XA-DONG")
    # placements, profiles, reductions, events, transfers, payments
    with django_assert_num_queries(6):
        dues.dues_sheet(cell, TODAY)


def test_it_records_a_whole_sheet_with_the_amounts_due(cast: Cast) -> None:
    profiles(cast)
    created = pay(cast, date(2026, 5, 1), "Nguyễn Văn An", "Lê Văn Cường")
    assert [p.amount for p in created] == [60_000, 60_000]
    assert created[0].collected_by == cast.user("bob")
    assert created[0].org_path == cast.org("XA-DONG").path


@pytest.mark.parametrize(
    ("month", "names", "message"),
    [
        (date(2026, 7, 1), ("Nguyễn Văn An",), "Chưa đến tháng"),
        (date(2026, 5, 1), ("Phạm Thị Dung",), "không sinh hoạt tại"),
        (date(2026, 5, 1), ("Nguyễn Văn An", "Nguyễn Văn An"), "đã nộp"),
        (date(2026, 5, 1), (), "Chưa chọn"),
    ],
)
def test_it_refuses_bad_payments_and_writes_nothing(
    cast: Cast, month: date, names: tuple[str, ...], message: str
) -> None:
    profiles(cast)
    with pytest.raises(ValidationError) as caught:
        pay(cast, month, *names)
    assert message in str(caught.value)
    assert not DuesPayment.objects.exists()


def test_it_refuses_a_month_already_paid(cast: Cast) -> None:
    profiles(cast)
    pay(cast, date(2026, 5, 1), "Nguyễn Văn An")
    with pytest.raises(ValidationError):
        pay(cast, date(2026, 5, 1), "Nguyễn Văn An", "Lê Văn Cường")
    assert DuesPayment.objects.count() == 1


def test_it_asks_an_amount_when_there_is_no_profile(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        pay(cast, date(2026, 5, 1), "Nguyễn Văn An")
    assert "chưa có căn cứ" in str(caught.value)
    assert pay(cast, date(2026, 5, 1), "Nguyễn Văn An", amount=20_000)[0].amount == 20_000


def test_it_refuses_a_negative_amount(cast: Cast) -> None:
    profiles(cast)
    with pytest.raises(ValidationError):
        pay(cast, date(2026, 5, 1), "Nguyễn Văn An", amount=-5)
    assert not DuesPayment.objects.exists()


def test_it_lists_members_with_three_unpaid_months(cast: Cast) -> None:
    profiles(cast)
    for month in (1, 2, 3, 4, 5, 6):
        pay(cast, date(2026, month, 1), "Nguyễn Văn An")
    for month in (1, 2, 3, 4):
        pay(cast, date(2026, month, 1), "Trần Thị Bích")
    rows = dues.members_with_unpaid_months(cast.user("alice"), None, 2026, as_of=TODAY)
    assert [(r.member.full_name, len(r.months)) for r in rows] == [("Lê Văn Cường", 6)]
    assert rows[0].removal_due_on == date(2026, 3, 31)


def test_it_counts_from_the_first_profile_only(cast: Cast) -> None:
    profiles(cast, valid_from=date(2026, 5, 1))
    rows = dues.members_with_unpaid_months(cast.user("alice"), None, 2026, as_of=TODAY)
    assert rows == []


def test_it_does_not_count_exempt_months_as_unpaid(cast: Cast) -> None:
    profiles(cast)
    reduce(cast, 100, date(2026, 1, 1), date(2026, 6, 1))
    names = [
        r.member.full_name
        for r in dues.members_with_unpaid_months(cast.user("alice"), None, 2026, as_of=TODAY)
    ]
    assert "Trần Thị Bích" not in names and "Lê Văn Cường" in names


def test_it_keeps_the_unpaid_list_in_scope(cast: Cast) -> None:
    profiles(cast)
    assert dues.members_with_unpaid_months(cast.user("eve"), None, 2026, as_of=TODAY) == []
    th = cast.org("XA-TH")
    assert dues.members_with_unpaid_months(cast.user("alice"), th, 2026, as_of=TODAY) == []


def test_it_reads_the_unpaid_list_in_a_fixed_number_of_queries(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    profiles(cast)
    alice = cast.user("alice")
    dues.members_with_unpaid_months(alice, None, 2026, as_of=TODAY)  # roles cached
    with django_assert_num_queries(6):
        dues.members_with_unpaid_months(alice, None, 2026, as_of=TODAY)


def test_it_puts_the_removal_in_the_inbox_with_the_third_month_end(cast: Cast) -> None:
    profiles(cast)
    items = dues.deadline_items(cast.user("alice"), None, TODAY, date(2026, 8, 1))
    assert {i.name for i in items} == {"Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"}
    assert {i.due_on for i in items} == {date(2026, 3, 31)}
    assert all(i.kind == "dues_unpaid" and i.overdue_on(TODAY) for i in items)


def test_it_leaves_out_removals_beyond_the_horizon(cast: Cast) -> None:
    profiles(cast, valid_from=date(2026, 5, 1))
    assert dues.deadline_items(cast.user("alice"), None, date(2026, 7, 2), date(2026, 7, 20)) == []
    soon = dues.deadline_items(cast.user("alice"), None, date(2026, 7, 2), date(2026, 7, 31))
    assert {i.due_on for i in soon} == {date(2026, 7, 31)}


def test_it_charges_the_month_of_a_move_at_the_cell_left(cast: Cast) -> None:
    profiles(cast)
    an = cast.member("Nguyễn Văn An")
    place_member(an, cast.org("XA-TH"), actor=None, start_date=date(2026, 4, 10))
    april = [r.member.full_name for r in dues.dues_sheet(cast.org("XA-DONG"), date(2026, 4, 1))]
    may = [r.member.full_name for r in dues.dues_sheet(cast.org("XA-TH"), date(2026, 5, 1))]
    assert "Nguyễn Văn An" in april and "Nguyễn Văn An" in may
    assert "Nguyễn Văn An" not in [
        r.member.full_name for r in dues.dues_sheet(cast.org("XA-TH"), date(2026, 4, 1))
    ]
