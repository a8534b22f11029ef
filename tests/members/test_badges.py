"""Badge services: members due at an award date, recording an award, inbox items."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dangvu.members.badges import (
    badge_summary,
    cash_multiples,
    deadline_items,
    due_badges,
    record_badge_award,
)
from dangvu.members.models import BadgeAward, MembershipEvent
from tests.fixtures.cast import Cast

MAY_2025 = date(2025, 5, 19)


def gap(member: Any, start: date, end: date) -> None:
    for kind, day in (("lost_contact", start), ("contact_restored", end)):
        MembershipEvent.objects.create(
            member=member, org_path=member.org_path, kind=kind, effective_date=day
        )


def award(cast: Cast, milestone: int = 30, **kwargs: Any) -> BadgeAward:
    values: dict[str, Any] = {"award_date": MAY_2025, "decision_number": "12-QĐ/HU"}
    values.update(kwargs)
    return record_badge_award(
        cast.member("Nguyễn Văn An"), actor=cast.user("alice"), milestone=milestone, **values
    )


def test_it_lists_a_member_due_at_the_award_date_reaching_30_years(cast: Cast) -> None:
    rows = due_badges(cast.user("alice"), cast.org("XA"), MAY_2025)
    assert [(row.member.full_name, row.milestone) for row in rows] == [("Nguyễn Văn An", 30)]
    assert rows[0].first_due_on == MAY_2025
    assert due_badges(cast.user("alice"), cast.org("XA"), date(2025, 2, 3)) == []


def test_it_keeps_a_missed_badge_due_with_its_first_award_date(cast: Cast) -> None:
    rows = due_badges(cast.user("alice"), None, date(2026, 11, 7))
    assert [(row.milestone, row.first_due_on) for row in rows] == [(30, MAY_2025)]


def test_it_delays_the_badge_by_the_gap_in_membership(cast: Cast) -> None:
    gap(cast.member("Nguyễn Văn An"), date(2000, 5, 19), date(2001, 5, 19))
    assert due_badges(cast.user("alice"), cast.org("XA"), MAY_2025) == []
    rows = due_badges(cast.user("alice"), cast.org("XA"), date(2026, 5, 19))
    assert [row.first_due_on for row in rows] == [date(2026, 5, 19)]


def test_it_lists_exempt_members_but_not_deceased_ones(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    an.status = "exempt"
    an.save()
    assert len(due_badges(cast.user("alice"), None, MAY_2025)) == 1
    an.status = "deceased"
    an.save()
    assert due_badges(cast.user("alice"), None, MAY_2025) == []


def test_it_does_not_list_a_badge_already_held(cast: Cast) -> None:
    award(cast)
    assert due_badges(cast.user("alice"), None, MAY_2025) == []


def test_it_lists_only_the_users_scope(cast: Cast) -> None:
    assert due_badges(cast.user("eve"), None, MAY_2025) == []
    assert due_badges(cast.user("alice"), cast.org("XA-TH"), MAY_2025) == []


def test_it_reads_due_badges_in_four_queries(cast: Cast, django_assert_num_queries: Any) -> None:
    alice = cast.user("alice")
    gap(cast.member("Nguyễn Văn An"), date(2000, 5, 19), date(2000, 6, 19))
    xa = cast.org("XA")
    with django_assert_num_queries(5):  # roles, members, badges, events, transfers
        due_badges(alice, xa, date(2027, 2, 3))


def test_it_records_an_award(cast: Cast) -> None:
    badge = award(cast, badge_number="123456", decided_by="Huyện ủy Thử Nghiệm")
    assert (badge.milestone, badge.badge_number, badge.early) == (30, "123456", False)
    assert badge.org_path == cast.org("XA-DONG").path
    assert badge.history.first().history_user == cast.user("alice")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"milestone": 31}, "milestone"),
        ({"milestone": 40}, "milestone"),
        ({"decision_number": " "}, "decision_number"),
        ({"award_date": date(2025, 2, 3)}, "milestone"),
        ({"award_date": date(2024, 5, 19), "early": True}, "early_reason"),
        ({"award_date": date(2023, 9, 2), "early": True, "early_reason": "Ốm nặng"}, "early"),
    ],
)
def test_it_refuses_bad_awards_and_writes_nothing(
    cast: Cast, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        award(cast, **kwargs)
    assert field in error.value.message_dict
    assert not BadgeAward.objects.exists()


def test_it_refuses_a_badge_already_held(cast: Cast) -> None:
    award(cast)
    with pytest.raises(ValidationError, match="đã có Huy hiệu 30"):
        award(cast)
    assert BadgeAward.objects.count() == 1


def test_it_refuses_an_award_to_a_deceased_member(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    an.status = "deceased"
    an.save()
    with pytest.raises(ValidationError, match="từ trần"):
        award(cast)
    assert not BadgeAward.objects.exists()


def test_it_records_an_early_award_for_serious_illness(cast: Cast) -> None:
    badge = award(cast, award_date=date(2024, 9, 2), early=True, early_reason="Ốm đau hiểm nghèo")
    assert badge.early
    assert badge.early_reason == "Ốm đau hiểm nghèo"


def test_it_summarises_the_badges_of_a_member(cast: Cast) -> None:
    award(cast)
    summary = badge_summary(cast.member("Nguyễn Văn An"), date(2026, 11, 21))
    assert [badge.milestone for badge in summary.held] == [30]
    assert (summary.next_milestone, summary.next_due_on) == (40, date(2035, 5, 19))
    assert summary.party_age is not None and summary.party_age.years == 31


def test_it_gives_inbox_items_due_at_the_next_award_date(cast: Cast) -> None:
    items = deadline_items(cast.user("alice"), cast.org("XA"), date(2025, 5, 1), date(2025, 6, 1))
    assert [(item.kind, item.name, item.due_on) for item in items] == [
        ("badge_due", "Nguyễn Văn An", MAY_2025)
    ]
    assert deadline_items(cast.user("eve"), None, date(2025, 5, 1), date(2025, 6, 1)) == []


def test_it_reads_the_cash_multiples_from_the_settings(settings: Any) -> None:
    assert cash_multiples()[30] == 1.5
    settings.DANGVU_BADGE_CASH_MULTIPLES = {45: 2.5}
    assert cash_multiples() == {45: 2.5}
