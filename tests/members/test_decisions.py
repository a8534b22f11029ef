"""Decisions on a member's standing: each one, its refusals, and what the counts say."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.members import decisions
from dangvu.members.models import Member, MembershipEvent, Placement
from dangvu.organizations.stats import organization_stats
from tests.fixtures.cast import Cast

TODAY = date(2026, 6, 1)
DECIDED: dict[str, Any] = {
    "decided_by": "Đảng ủy xã Hòa An",
    "decision_number": "12-QĐ/ĐU",
    "today": TODAY,
}


def nothing_written(member: Member) -> bool:
    fresh = Member.objects.get(pk=member.pk)
    return (
        fresh.status == member.status
        and not MembershipEvent.objects.filter(member=member).exists()
        and not fresh.placements.filter(end_date__isnull=False).exists()
    )


def test_it_exempts_a_full_member_who_stays_counted_as_exempt(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    event = decisions.exempt_member(an, actor=None, effective_date=date(2024, 3, 1), **DECIDED)
    an.refresh_from_db()
    assert (an.status, an.exempt_from, event.kind) == ("exempt", date(2024, 3, 1), "exemption")
    assert event.decision_number == "12-QĐ/ĐU"
    stats = organization_stats(cast.org("XA-DONG"), date(2025, 1, 1))
    assert stats["members_by_status"]["exempt"] == 1 and stats["members"] == 3


def test_it_refuses_to_exempt_a_probationary_member(cast: Cast) -> None:
    hung = cast.member("Đỗ Văn Hùng")
    with pytest.raises(ValidationError, match="Chỉ đảng viên chính thức"):
        decisions.exempt_member(hung, actor=None, effective_date=date(2026, 1, 1), **DECIDED)
    assert nothing_written(hung)


def test_it_refuses_an_exemption_before_the_official_date(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(ValidationError, match="không được trước ngày chính thức"):
        decisions.exempt_member(an, actor=None, effective_date=date(1995, 6, 1), **DECIDED)
    assert nothing_written(an)


def test_it_ends_an_exemption_and_refuses_ending_none(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(ValidationError, match="không đang được miễn"):
        decisions.end_exemption(an, actor=None, effective_date=date(2025, 1, 1), **DECIDED)
    decisions.exempt_member(an, actor=None, effective_date=date(2024, 3, 1), **DECIDED)
    decisions.end_exemption(an, actor=None, effective_date=date(2025, 1, 1), **DECIDED)
    an.refresh_from_db()
    assert (an.status, an.exempt_from) == ("full", None)
    assert list(an.events.values_list("kind", flat=True)) == ["exemption", "exemption_ended"]


def test_it_removes_a_member_counted_before_the_date_not_after(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    decisions.remove_member(
        an, actor=None, effective_date=date(2025, 3, 1), reason="Bỏ sinh hoạt", **DECIDED
    )
    an.refresh_from_db()
    assert (an.status, an.status_date) == ("removed", date(2025, 3, 1))
    assert Placement.objects.get(member=an).end_date == date(2025, 3, 1)
    assert organization_stats(cast.org("XA-DONG"), date(2025, 2, 28))["members"] == 3
    assert organization_stats(cast.org("XA-DONG"), date(2025, 3, 1))["members"] == 2


def test_it_removes_a_probationary_member_but_does_not_expel_one(cast: Cast) -> None:
    hung = cast.member("Đỗ Văn Hùng")
    with pytest.raises(ValidationError, match="không bị khai trừ"):
        decisions.expel_member(hung, actor=None, effective_date=date(2026, 1, 5), **DECIDED)
    assert nothing_written(hung)
    decisions.remove_member(hung, actor=None, effective_date=date(2026, 1, 5), **DECIDED)
    assert Member.objects.get(pk=hung.pk).status == "removed"


@pytest.mark.parametrize(
    ("service", "status", "kind"),
    [
        (decisions.expel_member, "expelled", "expulsion"),
        (decisions.record_leaving, "left", "leaving"),
        (decisions.record_death, "deceased", "death"),
    ],
)
def test_it_ends_a_membership_keeping_the_record(
    cast: Cast, service: Any, status: str, kind: str
) -> None:
    dung = cast.member("Phạm Thị Dung")
    service(dung, actor=None, effective_date=date(2026, 2, 10), **DECIDED)
    dung.refresh_from_db()
    assert dung.status == status
    assert dung.events.get().kind == kind
    assert dung.placements.get().end_date == date(2026, 2, 10)


def test_it_refuses_a_member_already_out(cast: Cast) -> None:
    dung = cast.member("Phạm Thị Dung")
    decisions.record_death(dung, actor=None, effective_date=date(2026, 2, 10), **DECIDED)
    with pytest.raises(ValidationError, match="đã ra khỏi danh sách"):
        decisions.remove_member(dung, actor=None, effective_date=date(2026, 3, 1), **DECIDED)
    assert dung.events.count() == 1


def test_it_refuses_a_future_date_and_a_date_before_admission(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(ValidationError) as caught:
        decisions.remove_member(an, actor=None, effective_date=date(2026, 7, 1), **DECIDED)
    assert "sau ngày hôm nay" in str(caught.value)
    with pytest.raises(ValidationError, match="trước ngày kết nạp 19/05/1995"):
        decisions.remove_member(an, actor=None, effective_date=date(1994, 1, 1), **DECIDED)
    assert nothing_written(an)


def test_it_records_lost_contact_and_its_end(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    with pytest.raises(ValidationError, match="không ở tình trạng mất liên lạc"):
        decisions.restore_contact(an, actor=None, effective_date=date(2025, 1, 1), **DECIDED)
    decisions.record_lost_contact(an, actor=None, effective_date=date(2024, 1, 1), **DECIDED)
    assert decisions.is_out_of_contact(an)
    with pytest.raises(ValidationError, match="đã được ghi là mất liên lạc"):
        decisions.record_lost_contact(an, actor=None, effective_date=date(2024, 2, 1), **DECIDED)
    decisions.restore_contact(an, actor=None, effective_date=date(2025, 1, 1), **DECIDED)
    assert not decisions.is_out_of_contact(an)


def test_it_ignores_a_cancelled_lost_contact_event(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    event = decisions.record_lost_contact(
        an, actor=None, effective_date=date(2024, 1, 1), **DECIDED
    )
    MembershipEvent.objects.filter(pk=event.pk).update(cancelled=True)
    assert not decisions.is_out_of_contact(an)
