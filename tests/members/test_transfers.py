"""Transfers: issue, present, start, return, cancel, receive from outside, and deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.members import transfers
from dangvu.members.models import Member, Transfer
from dangvu.organizations.stats import organization_stats
from tests.fixtures.cast import Cast

TODAY = date(2026, 6, 1)


def issue(cast: Cast, name: str = "Nguyễn Văn An", **kwargs: Any) -> Transfer:
    args: dict[str, Any] = {
        "to_cell": cast.org("XA-TH"),
        "moved_on": date(2026, 1, 20),
        "letter_number": "05-GGT/ĐU",
        "letter_date": date(2026, 1, 20),
        "today": TODAY,
        **kwargs,
    }
    return transfers.issue_transfer(cast.member(name), actor=None, **args)


def test_it_moves_a_member_permanently_when_they_start(cast: Cast) -> None:
    transfer = issue(cast)
    an = cast.member("Nguyễn Văn An")
    assert an.cell.code == "XA-DONG"
    transfers.present_letter(transfer, actor=None, presented_on=date(2026, 2, 2), today=TODAY)
    transfers.start_at_destination(transfer, actor=None, started_on=date(2026, 2, 5), today=TODAY)
    an.refresh_from_db()
    assert (an.cell.code, transfer.state) == ("XA-TH", "completed")
    assert sorted(an.events.values_list("kind", flat=True)) == ["transfer_in", "transfer_out"]
    assert an.placements.get(end_date=date(2026, 2, 5)).cell.code == "XA-DONG"


def test_it_counts_a_temporary_member_at_home_not_at_the_host(cast: Cast) -> None:
    transfer = issue(cast, kind="temporary", until=date(2026, 8, 1))
    transfers.start_at_destination(transfer, actor=None, started_on=date(2026, 2, 5), today=TODAY)
    on = date(2026, 3, 1)
    assert organization_stats(cast.org("XA-DONG"), on)["members"] == 3
    assert organization_stats(cast.org("XA-TH"), on)["members"] == 2
    transfers.return_from_temporary(transfer, actor=None, returned_on=date(2026, 5, 1), today=TODAY)
    assert (
        not cast.member("Nguyễn Văn An")
        .placements.filter(kind="temporary", end_date__isnull=True)
        .exists()
    )


@pytest.mark.parametrize(
    ("until", "for_study", "message"),
    [
        (None, False, "phải ghi ngày hết hạn"),
        (date(2026, 3, 1), False, "từ 3 tháng trở lên"),
        (date(2027, 1, 20), False, "phải dưới 1 năm"),
        (date(2028, 2, 1), True, "không quá 2 năm"),
    ],
)
def test_it_refuses_a_temporary_stay_out_of_bounds(
    cast: Cast, until: date | None, for_study: bool, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        issue(cast, kind="temporary", until=until, for_study=for_study)
    assert not Transfer.objects.exists()


def test_it_allows_a_study_stay_of_two_years(cast: Cast) -> None:
    transfer = issue(cast, kind="temporary", until=date(2028, 1, 20), for_study=True)
    assert transfer.until == date(2028, 1, 20)


def test_it_refuses_two_destinations_or_none_and_a_second_open_transfer(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="chỉ một"):
        issue(cast, to_external="Đảng bộ phường X")
    with pytest.raises(ValidationError, match="chỉ một"):
        issue(cast, to_cell=None)
    issue(cast)
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        issue(cast, to_cell=cast.org("XB-BAC"))
    assert Transfer.objects.count() == 1


def test_it_closes_the_file_of_a_member_transferred_out_of_the_database(cast: Cast) -> None:
    transfer = issue(cast, to_cell=None, to_external="Đảng bộ phường Ba Đình")
    transfers.start_at_destination(transfer, actor=None, started_on=date(2026, 3, 2), today=TODAY)
    an = cast.member("Nguyễn Văn An")
    assert (an.status, an.status_date) == ("transferred_out", date(2026, 1, 20))
    assert an.placements.get().end_date == date(2026, 1, 20)
    assert an.events.get().kind == "transfer_out"


def test_it_cancels_an_unused_letter_and_keeps_it(cast: Cast) -> None:
    transfer = transfers.cancel_transfer(issue(cast), actor=None, reason="Không chuyển nữa")
    assert Transfer.objects.get(pk=transfer.pk).state == "cancelled"
    with pytest.raises(ValidationError, match="Chỉ hủy được"):
        transfers.cancel_transfer(transfer, actor=None)


def test_it_receives_a_member_from_outside_with_their_history(cast: Cast) -> None:
    transfer = transfers.receive_from_outside(
        actor=None,
        cell=cast.org("XA-DONG"),
        data={
            "full_name": "Vũ Thị Hạnh",
            "gender": "female",
            "birth_date": date(1980, 4, 2),
            "admission_decision_date": date(2003, 3, 1),
            "ceremony_date": date(2003, 3, 26),
            "official_date": date(2004, 3, 26),
        },
        from_external="Đảng bộ phường Tân Định",
        letter_date=date(2026, 3, 1),
        moved_on=date(2026, 3, 1),
        started_on=date(2026, 3, 10),
        today=TODAY,
    )
    hanh = transfer.member
    assert (hanh.status, hanh.ceremony_date, hanh.cell.code) == (
        "full",
        date(2003, 3, 26),
        "XA-DONG",
    )
    assert hanh.placements.get().start_date == date(2026, 3, 10)
    assert hanh.events.get().kind == "transfer_in"


def test_it_refuses_a_reception_without_origin_and_writes_nothing(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Ghi tên tổ chức"):
        transfers.receive_from_outside(
            actor=None,
            cell=cast.org("XA-DONG"),
            data={"full_name": "Vũ Thị Hạnh", "gender": "female", "birth_date": date(1980, 4, 2)},
            from_external="",
            moved_on=date(2026, 3, 1),
            started_on=date(2026, 3, 10),
            today=TODAY,
        )
    assert not Member.objects.filter(full_name="Vũ Thị Hạnh").exists()


def test_it_counts_the_deadlines_in_working_days_across_tet(cast: Cast) -> None:
    transfer = issue(cast)
    # 5 days of Tết 2026 (16–20/02) push both deadlines back by a week.
    assert transfers.letter_due(transfer) == date(2026, 3, 10)
    assert transfers.start_due(transfer) == date(2026, 4, 21)


def test_it_lists_the_deadlines_for_both_ends_only(cast: Cast) -> None:
    issue(cast, to_cell=cast.org("XB-BAC"))
    horizon = date(2026, 12, 31)
    for user, root in (("alice", "XA"), ("eve", "XB")):
        items = transfers.deadline_items(cast.user(user), cast.org(root), TODAY, horizon)
        assert [i.kind for i in items] == ["transfer_letter_due", "transfer_start_due"]
        assert all(i.overdue_on(TODAY) for i in items)
    assert transfers.deadline_items(cast.user("alice"), cast.org("XA-TH"), TODAY, horizon) == []


def test_it_lists_only_the_receiving_end_and_not_another_commune(cast: Cast) -> None:
    issue(cast, name="Hoàng Văn Em", to_cell=cast.org("XA-TH"))
    items = transfers.deadline_items(cast.user("alice"), None, TODAY, date(2026, 12, 31))
    assert {i.name for i in items} == {"Hoàng Văn Em"}
    outsider = cast.user("bob")  # cell secretary of XA-DONG, not an end of this transfer
    assert transfers.deadline_items(outsider, None, TODAY, date(2026, 12, 31)) == []


def test_it_lists_a_temporary_stay_ending_and_uses_one_query(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    issue(cast, kind="temporary", until=date(2026, 6, 15))
    issue(cast, name="Phạm Thị Dung", to_cell=cast.org("XA-DONG"))
    alice = cast.user("alice")
    transfers.deadline_items(alice, None, TODAY, TODAY)  # reads the roles once
    with django_assert_num_queries(1):
        items = transfers.deadline_items(alice, None, TODAY, date(2026, 6, 30))
    assert "temporary_return_due" in {i.kind for i in items}
