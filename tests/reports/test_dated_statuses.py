"""Statistics on a past day read the dated records (issue 14, item 22).

A status that has dated events is counted as it was on the day, even after
it ended: an exemption (the events; ending it clears ``exempt_from``), a
temporary stay (placements: counted at home), probation turned full
(``official_date``) and a membership that ended (placements closed that day).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from dangvu.admissions.services import recognise_member
from dangvu.members import decisions, transfers
from dangvu.organizations.stats import member_figures_on, member_figures_today, organization_stats
from tests.fixtures.cast import Cast

AN = "Nguyễn Văn An"  # full member of XA-DONG since 1996
HUNG = "Đỗ Văn Hùng"  # probationary member of XA-TH since 01/06/2025
TODAY = date(2026, 12, 1)


def statuses(cast: Cast, code: str, day: date) -> dict[str, int]:
    return dict(organization_stats(cast.org(code), day)["members_by_status"])


def exempt_from_2023_to_2025(cast: Cast) -> None:
    an = cast.member(AN)
    decisions.exempt_member(an, actor=None, effective_date=date(2023, 1, 10), today=TODAY)
    decisions.end_exemption(an, actor=None, effective_date=date(2025, 1, 10), today=TODAY)


def test_it_counts_an_ended_exemption_on_a_day_inside_it(cast: Cast) -> None:
    exempt_from_2023_to_2025(cast)
    assert statuses(cast, "XA-DONG", date(2024, 3, 1)) == {"full": 2, "exempt": 1}
    assert statuses(cast, "XA", date(2024, 3, 1))["exempt"] == 1


def test_it_counts_the_member_full_before_and_after_the_exemption(cast: Cast) -> None:
    exempt_from_2023_to_2025(cast)
    assert statuses(cast, "XA-DONG", date(2022, 12, 31)) == {"full": 3}
    assert statuses(cast, "XA-DONG", date(2025, 1, 10)) == {"full": 3}
    assert statuses(cast, "XA-DONG", date(2025, 6, 1)) == {"full": 3}


def test_it_counts_a_second_exemption_from_its_own_day(cast: Cast) -> None:
    exempt_from_2023_to_2025(cast)
    an = cast.member(AN)
    decisions.exempt_member(an, actor=None, effective_date=date(2026, 2, 1), today=TODAY)
    assert statuses(cast, "XA-DONG", date(2024, 3, 1))["exempt"] == 1
    assert statuses(cast, "XA-DONG", date(2025, 6, 1)) == {"full": 3}
    assert statuses(cast, "XA-DONG", date(2026, 3, 1))["exempt"] == 1


def test_it_agrees_with_the_tallies_today(cast: Cast) -> None:
    exempt_from_2023_to_2025(cast)
    today = timezone.localdate()
    org = cast.org("XA")
    assert member_figures_on(org, today) == member_figures_today(org, today)


def test_it_counts_an_exempt_member_who_later_left(cast: Cast) -> None:
    an = cast.member(AN)
    decisions.exempt_member(an, actor=None, effective_date=date(2023, 1, 10), today=TODAY)
    decisions.record_death(an, actor=None, effective_date=date(2025, 4, 2), today=TODAY)
    assert statuses(cast, "XA-DONG", date(2024, 3, 1)) == {"full": 2, "exempt": 1}
    assert statuses(cast, "XA-DONG", date(2025, 5, 1)) == {"full": 2}


def test_it_counts_a_probationary_member_as_such_before_recognition(cast: Cast) -> None:
    hung = cast.member(HUNG)
    recognise_member(hung, actor=None, meeting_date=date(2026, 6, 10), today=TODAY)
    hung.refresh_from_db()
    assert hung.official_date is not None
    before = hung.official_date - timedelta(days=1)
    assert statuses(cast, "XA-TH", before) == {"full": 1, "probationary": 1}
    assert statuses(cast, "XA-TH", hung.official_date) == {"full": 2}


def test_it_counts_an_ended_temporary_stay_at_home(cast: Cast) -> None:
    args: dict[str, Any] = {
        "to_cell": cast.org("XB-BAC"),
        "moved_on": date(2024, 1, 20),
        "letter_number": "05-GGT/ĐU",
        "letter_date": date(2024, 1, 20),
        "kind": "temporary",
        "until": date(2024, 8, 1),
        "today": TODAY,
    }
    transfer = transfers.issue_transfer(cast.member(AN), actor=None, **args)
    transfers.start_at_destination(transfer, actor=None, started_on=date(2024, 2, 5), today=TODAY)
    transfers.return_from_temporary(transfer, actor=None, returned_on=date(2024, 7, 1), today=TODAY)
    day = date(2024, 3, 1)
    assert organization_stats(cast.org("XA-DONG"), day)["members"] == 3
    assert organization_stats(cast.org("XB-BAC"), day)["members"] == 2
