"""The new term's committee from the elections of a held congress; the old one ends that day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.congresses import services
from dangvu.congresses.services_committee import planned_seats
from dangvu.organizations.models import Committee, Position
from dangvu.organizations.services import current_committee
from tests.congresses.factories import (
    AN,
    BICH,
    CONGRESS_DAY,
    CUONG,
    DECISION,
    counted,
    held_congress,
    ready_congress,
)
from tests.fixtures.cast import Cast

LATER = date(2025, 5, 22)


def _positions(committee: Committee) -> list[tuple[str, str, date | None]]:
    return sorted(
        (p.member.full_name, p.role, p.start_date)
        for p in committee.positions.select_related("member")
    )


def test_it_installs_the_elected_committee_for_the_new_term(cast: Cast) -> None:
    committee = services.install_committee(cast.user("alice"), held_congress(cast))
    assert (committee.body, committee.term, committee.elected_on) == (
        "cell_committee",
        "2025–2030",
        CONGRESS_DAY,
    )
    assert _positions(committee) == [
        (CUONG, "member", CONGRESS_DAY),
        (AN, "member", CONGRESS_DAY),
        (BICH, "secretary", CONGRESS_DAY),
    ]


def test_it_ends_the_old_committee_and_its_positions_the_same_day(cast: Cast) -> None:
    old = Committee.objects.get(organization__code="XA-DONG", term_start=2022)
    services.install_committee(cast.user("alice"), held_congress(cast), on=LATER)
    old.refresh_from_db()
    old_secretary = Position.objects.get(committee=old)
    assert (old.ended_on, old_secretary.end_date) == (LATER, LATER)
    assert old_secretary.history.count() == 2  # appointed, then ended: history kept
    assert current_committee(cast.org("XA-DONG"), "cell_committee", LATER).term_start == 2025
    assert current_committee(cast.org("XA-DONG"), "cell_committee", date(2025, 5, 19)) == old


def test_it_lists_the_seats_before_installing(cast: Cast) -> None:
    seats, problems = planned_seats(held_congress(cast))
    assert [(s.name, s.role, s.votes) for s in seats] == [
        (BICH, "secretary", 3),
        (AN, "member", 3),
        (CUONG, "member", 2),
    ]
    assert problems == []


def test_it_installs_only_a_secretary_when_no_committee_was_elected(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    counted(cast, congress, "secretary", 1, [BICH], [[BICH], [BICH], []])
    committee = services.install_committee(alice, congress)
    assert _positions(committee) == [(BICH, "secretary", CONGRESS_DAY)]


def test_it_refuses_before_the_congress_is_held_or_its_count(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    with pytest.raises(ValidationError, match="sau khi đại hội đã tổ chức"):
        services.install_committee(alice, congress)
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    with pytest.raises(ValidationError, match="Chưa có kết quả bầu cấp ủy hoặc bầu bí thư"):
        services.install_committee(alice, congress)
    services.create_election(
        alice,
        congress,
        kind="committee",
        seats=3,
        candidates=[cast.member(AN)],
        list_decision=DECISION,
    )
    with pytest.raises(ValidationError, match="Bầu chi ủy \\(cấp ủy\\) lần 1 chưa kiểm phiếu"):
        services.install_committee(alice, congress)
    assert not Committee.objects.filter(term_start=2025).exists()


def test_it_refuses_an_elected_name_who_is_not_a_member_and_writes_nothing(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    congress = services.hold_congress(alice, congress, held_on=CONGRESS_DAY)
    election = services.create_election(
        alice,
        congress,
        kind="committee",
        seats=1,
        candidates=["Người Ngoài"],
        list_decision=DECISION,
    )
    for _ in range(2):
        services.add_ballot(alice, election, kept=["Người Ngoài"])
    services.count_election(alice, election, on=CONGRESS_DAY)
    with pytest.raises(ValidationError, match="Người Ngoài không phải đảng viên"):
        services.install_committee(alice, congress)
    assert Committee.objects.get(organization__code="XA-DONG").ended_on is None


def test_it_refuses_a_second_installation_or_a_day_before_the_congress(cast: Cast) -> None:
    alice, congress = cast.user("alice"), held_congress(cast)
    with pytest.raises(ValidationError, match="không được trước ngày đại hội \\(20/05/2025\\)"):
        services.install_committee(alice, congress, on=date(2025, 5, 19))
    services.install_committee(alice, congress)
    with pytest.raises(ValidationError, match="đã có cấp ủy nhiệm kỳ 2025–2030"):
        services.install_committee(alice, congress)
    assert Committee.objects.filter(term_start=2025).count() == 1


def test_it_approves_after_the_installation(cast: Cast) -> None:
    alice, congress = cast.user("alice"), held_congress(cast)
    services.install_committee(cast.user("bob"), congress)
    congress = services.approve_congress(
        alice, congress, on=date(2025, 6, 3), number="46-QĐ/ĐU", approved_by="Đảng ủy xã Hòa An"
    )
    assert congress.status == "approved"
    assert Committee.objects.get(term_start=2025).positions.count() == 3


@pytest.mark.parametrize("username", ["dave", "eve", "lan"])
def test_it_refuses_the_installation_to_readers_and_outsiders(cast: Cast, username: str) -> None:
    congress = held_congress(cast)
    with pytest.raises(PermissionDenied):
        services.install_committee(cast.user(username), congress)
    assert not Committee.objects.filter(term_start=2025).exists()
