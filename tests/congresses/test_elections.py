"""Elections at a congress: the list, ballots or tally, the stored count, further rounds."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.congresses import services
from dangvu.congresses.counting import count_json
from dangvu.congresses.models import Ballot, Candidate, Congress, Election
from tests.congresses.factories import AN, BICH, CONGRESS_DAY, CUONG, DECISION, ready_congress
from tests.fixtures.cast import Cast
from tests.meetings.helpers import new_member

ALL = [AN, BICH, CUONG]


def _election(
    cast: Cast, seats: int = 3, names: list[str] | None = None, kind: str = "committee"
) -> Election:
    congress = ready_congress(cast)
    candidates = [cast.member(name) for name in (names or ALL)]
    return services.create_election(
        cast.user("alice"),
        congress,
        kind=kind,
        seats=seats,
        candidates=candidates,
        list_decision=DECISION,
    )


def _ballots(cast: Cast, election: Election, *ballots: list[str]) -> None:
    for kept in ballots:
        services.add_ballot(cast.user("alice"), election, kept=kept)


def _count(cast: Cast, election: Election, **options: int) -> Election:
    return services.count_election(cast.user("alice"), election, on=CONGRESS_DAY, **options)


def _message(info: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(info.value.messages)


# ---------------------------------------------------------------------------
# The list


def test_it_creates_an_election_with_the_denominator_of_the_congress(cast: Cast) -> None:
    election = _election(cast)
    names = list(election.candidates.values_list("name", "position", "member__full_name"))
    assert names == [(AN, 1, AN), (BICH, 2, BICH), (CUONG, 3, CUONG)]
    assert (election.denominator, election.round, election.status) == (3, 1, "open")


def test_it_refuses_a_list_over_the_surplus_for_three_to_five_seats(cast: Cast) -> None:
    congress = ready_congress(cast)
    candidates = [*(cast.member(name) for name in ALL), "Người Thứ Tư", "Người Thứ Năm"]
    with pytest.raises(ValidationError) as info:
        services.create_election(
            cast.user("alice"), congress, kind="committee", seats=3, candidates=candidates
        )
    assert "5 người cho 3 chỗ" in _message(info) and "tối đa 4 người" in _message(info)
    assert not Election.objects.exists() and not Candidate.objects.exists()


def test_it_allows_thirty_percent_more_names_for_larger_bodies(cast: Cast) -> None:
    congress, alice = ready_congress(cast), cast.user("alice")
    names = [f"Đại Biểu {n}" for n in range(14)]
    with pytest.raises(ValidationError, match="tối đa 13 người"):
        services.create_election(alice, congress, kind="delegates", seats=10, candidates=names)
    election = services.create_election(
        alice, congress, kind="delegates", seats=10, candidates=names[:13]
    )
    assert election.candidates.count() == 13


def test_it_refuses_probationary_and_suspended_members_as_candidates(cast: Cast) -> None:
    new_member(cast, "Vũ Thị Mai", ceremony=date(2025, 1, 10))
    alice, congress = cast.user("alice"), ready_congress(cast)
    services.set_exclusion(
        alice, congress.convened.get(member__full_name=CUONG), "suspended", "Đình chỉ"
    )
    names = [cast.member(n) for n in ("Vũ Thị Mai", CUONG, "Hoàng Văn Em")]
    with pytest.raises(ValidationError) as info:
        services.create_election(alice, congress, kind="committee", seats=3, candidates=names)
    assert "Vũ Thị Mai là đảng viên dự bị" in _message(info)
    assert "Lê Văn Cường: Đang bị đình chỉ sinh hoạt đảng" in _message(info)
    assert "Hoàng Văn Em không có trong danh sách" in _message(info)


def test_it_refuses_an_empty_list_a_name_twice_and_bad_seats(cast: Cast) -> None:
    congress, alice = ready_congress(cast), cast.user("alice")
    for candidates, seats, text in [
        ([], 1, "đang trống"),
        ([cast.member(AN), " Nguyễn  Văn An "], 1, "được ghi hai lần"),
        ([AN], 0, "từ 1 đến 500"),
        ([AN, BICH], 1, "tối đa 1 người"),
        ("Nguyễn Văn An", 1, "phải là một danh sách"),
    ]:
        with pytest.raises(ValidationError, match=text):
            services.create_election(
                alice, congress, kind="secretary", seats=seats, candidates=candidates
            )
    assert not Election.objects.exists()


def test_it_elects_the_secretary_among_the_committee_just_elected(cast: Cast) -> None:
    election = _election(cast, names=[AN, BICH, CUONG])
    _ballots(cast, election, [AN, BICH], [AN, BICH], [AN, CUONG])
    _count(cast, election)
    congress, alice = election.congress, cast.user("alice")
    with pytest.raises(ValidationError, match="Lê Văn Cường không trúng cử cấp ủy"):
        services.create_election(
            alice, congress, kind="secretary", seats=1, candidates=[cast.member(CUONG)]
        )
    secretary = services.create_election(
        alice, congress, kind="secretary", seats=1, candidates=[cast.member(BICH)]
    )
    assert secretary.candidates.get().member == cast.member(BICH)


def test_it_tells_apart_two_members_with_the_same_name(cast: Cast) -> None:
    new_member(cast, AN, ceremony=date(2001, 3, 3))
    congress = ready_congress(cast)
    twins = [row.member for row in congress.convened.filter(member__full_name=AN)]
    election = services.create_election(
        cast.user("alice"), congress, kind="delegates", seats=2, candidates=twins
    )
    assert sorted(election.candidates.values_list("name", flat=True)) == [
        "Nguyễn Văn An (sinh năm 1970)",
        "Nguyễn Văn An (sinh năm 1980)",
    ]


# ---------------------------------------------------------------------------
# Ballots and tally


def test_it_numbers_the_ballots_in_the_order_entered(cast: Cast) -> None:
    election = _election(cast)
    _ballots(cast, election, [AN, BICH], [" Trần  Thị Bích"], [])
    services.add_ballot(cast.user("alice"), election, issued=False)
    rows = list(election.ballots.values_list("number", "kept", "issued"))
    assert rows == [(1, [AN, BICH], True), (2, [BICH], True), (3, [], True), (4, None, False)]


def test_it_refuses_a_ballot_with_an_unknown_or_repeated_name(cast: Cast) -> None:
    election, alice = _election(cast), cast.user("alice")
    _ballots(cast, election, [AN])
    with pytest.raises(ValidationError) as info:
        services.add_ballot(alice, election, kept=[AN, "Ai Đó", AN])
    assert "Phiếu số 2: “Ai Đó” không có trong danh sách bầu cử." in _message(info)
    assert "Phiếu số 2: “Nguyễn Văn An” được ghi hai lần." in _message(info)
    with pytest.raises(ValidationError, match="Phiếu số 2: ghi các tên không bị gạch"):
        services.add_ballot(alice, election)
    assert election.ballots.count() == 1


def test_it_takes_marks_only_on_a_list_without_surplus(cast: Cast) -> None:
    alice, election = cast.user("alice"), _election(cast, seats=3)
    ballot = services.add_ballot(alice, election, marks={AN: "agree", BICH: "both"})
    assert ballot.marks == {AN: "agree", BICH: "both"}
    surplus = services.create_election(
        alice, election.congress, kind="delegates", seats=1, candidates=[cast.member(AN)]
    )
    services.add_ballot(alice, surplus, marks={AN: "disagree"})
    with pytest.raises(ValidationError, match="dấu ở tên “Nguyễn Văn An” không hợp lệ"):
        services.add_ballot(alice, surplus, marks={AN: "yes"})


def test_it_refuses_marks_on_a_list_with_surplus(cast: Cast) -> None:
    election = services.create_election(
        cast.user("alice"),
        ready_congress(cast),
        kind="delegates",
        seats=3,
        candidates=[*ALL, "Đinh Văn Tư"],
    )
    with pytest.raises(ValidationError, match="chỉ dùng cho danh sách không có số dư"):
        services.add_ballot(cast.user("alice"), election, marks={AN: "agree"})
    assert not Ballot.objects.exists()


def test_it_corrects_a_ballot_and_takes_back_only_the_last(cast: Cast) -> None:
    election, alice = _election(cast), cast.user("alice")
    _ballots(cast, election, [AN], [BICH])
    first, last = election.ballots.order_by("number")
    assert services.correct_ballot(alice, first, kept=[CUONG]).kept == [CUONG]
    with pytest.raises(ValidationError, match="Chỉ xóa được phiếu nhập sau cùng \\(phiếu số 2\\)"):
        services.remove_ballot(alice, first)
    services.remove_ballot(alice, last)
    assert list(election.ballots.values_list("number", "kept")) == [(1, [CUONG])]


def test_it_keeps_ballots_and_tally_sheets_apart(cast: Cast) -> None:
    alice, by_ballot = cast.user("alice"), _election(cast)
    _ballots(cast, by_ballot, [AN])
    with pytest.raises(ValidationError, match="Đã nhập từng phiếu"):
        services.enter_tally(alice, by_ballot, votes={AN: 1}, valid=1, invalid={})
    by_tally = services.create_election(
        alice, by_ballot.congress, kind="delegates", seats=1, candidates=[cast.member(BICH)]
    )
    services.enter_tally(alice, by_tally, votes={BICH: 3}, valid=3, invalid={})
    with pytest.raises(ValidationError, match="Đã nhập theo biên bản tổng hợp"):
        services.add_ballot(alice, by_tally, kept=[BICH])


def test_it_refuses_a_tally_the_count_cannot_use_and_writes_nothing(cast: Cast) -> None:
    alice, election = cast.user("alice"), _election(cast)
    with pytest.raises(ValidationError) as info:
        services.enter_tally(alice, election, votes={AN: 4}, valid=3, invalid={})
    assert "“Nguyễn Văn An” được 4 phiếu, nhiều hơn số phiếu hợp lệ (3)" in _message(info)
    with pytest.raises(ValidationError, match="không có trong danh sách bầu cử"):
        services.enter_tally(alice, election, votes={"Ai Đó": 1}, valid=1, invalid={})
    assert Election.objects.get().tally == {}


# ---------------------------------------------------------------------------
# Counting


def test_it_stores_what_the_pure_count_says_of_the_stored_ballots(cast: Cast) -> None:
    election = _election(cast)
    _ballots(cast, election, [AN, BICH, CUONG], [AN, BICH], [AN])
    services.add_ballot(cast.user("alice"), election, kept=[CUONG], issued=False)
    election = _count(cast, election)
    assert election.result == count_json(services.election_json(election))
    assert election.result["elected"] == [AN, BICH]
    assert election.result["invalid_reasons"]["not_issued"] == 1
    assert (election.status, election.counted_on) == ("counted", CONGRESS_DAY)
    assert election.counted_by == cast.user("alice")


def test_it_stores_the_reconciliation_of_the_ballots(cast: Cast) -> None:
    election = _election(cast)
    _ballots(cast, election, [AN], [BICH])
    election = _count(cast, election, issued_count=3, unreturned=1)
    assert (election.issued_count, election.unreturned) == (3, 1)
    expected = {"issued": 3, "returned": 2, "unreturned": 1, "balanced": True}
    assert election.result["reconciliation"] == expected
    assert services.election_json(election)["issued_count"] == 3


def test_it_counts_a_tally_sheet(cast: Cast) -> None:
    alice, election = cast.user("alice"), _election(cast)
    services.enter_tally(
        alice, election, votes={AN: 3, BICH: 2, CUONG: 1}, valid=3, invalid={"too_many": 1}
    )
    election = _count(cast, election)
    assert election.result["counted_from"] == "tally"
    assert (election.result["elected"], election.result["unfilled_seats"]) == ([AN, BICH], 1)
    assert election.result == count_json(services.election_json(election))


def test_it_refuses_to_count_nothing_twice_or_before_the_congress(cast: Cast) -> None:
    election = _election(cast)
    with pytest.raises(ValidationError, match="Chưa nhập phiếu bầu"):
        _count(cast, election)
    _ballots(cast, election, [AN])
    with pytest.raises(ValidationError, match="không được trước ngày đại hội \\(20/05/2025\\)"):
        services.count_election(cast.user("alice"), election, on=date(2025, 5, 19))
    _count(cast, election)
    with pytest.raises(ValidationError, match="đã kiểm phiếu xong"):
        _count(cast, election)


def test_it_refuses_a_count_whose_ballots_exceed_the_denominator(cast: Cast) -> None:
    election = _election(cast)
    _ballots(cast, election, [AN], [AN], [AN], [AN])
    with pytest.raises(ValidationError, match="Số phiếu hợp lệ \\(4\\) lớn hơn"):
        _count(cast, election)
    assert Election.objects.get().status == "open" and Election.objects.get().result == {}


def test_it_corrects_the_denominator_with_a_reason_until_the_first_ballot(cast: Cast) -> None:
    alice, election = cast.user("alice"), _election(cast)
    election = services.set_denominator(alice, election, denominator=2, reason="Cường bị tạm giữ")
    assert election.denominator == 2
    assert election.history.first().history_change_reason == "Cường bị tạm giữ"
    _ballots(cast, election, [AN])
    with pytest.raises(ValidationError, match="không sửa số triệu tập được nữa"):
        services.set_denominator(alice, election, denominator=3, reason="Nhầm")


# ---------------------------------------------------------------------------
# Further rounds


def test_it_opens_another_round_among_the_tied(cast: Cast) -> None:
    congress, alice = ready_congress(cast), cast.user("alice")
    names = [*ALL, "Đinh Văn Tư"]
    election = services.create_election(
        alice, congress, kind="delegates", seats=3, candidates=[*map(cast.member, ALL), names[3]]
    )
    _ballots(cast, election, [AN, BICH, CUONG], [AN, BICH, names[3]], [AN, CUONG, names[3]])
    election = _count(cast, election)
    assert (election.result["elected"], election.result["tied"]) == ([AN], names[1:])
    second = services.next_round(alice, election)
    assert (second.round, second.seats, second.denominator) == (2, 2, 3)
    assert list(second.candidates.values_list("name", flat=True)) == names[1:]
    assert second.candidates.get(name=BICH).member == cast.member(BICH)
    assert services.election_json(second)["surplus_check"] is False


def test_it_opens_a_round_for_unfilled_seats_among_the_names_chosen(cast: Cast) -> None:
    election = _election(cast, seats=3)
    _ballots(cast, election, [AN, BICH], [AN, BICH], [AN, CUONG])
    election = _count(cast, election)
    alice = cast.user("alice")
    with pytest.raises(ValidationError, match="Không có người bằng phiếu"):
        services.next_round(alice, election)
    with pytest.raises(ValidationError, match="“Nguyễn Văn An” không phải người chưa trúng cử"):
        services.next_round(alice, election, candidates=[AN])
    second = services.next_round(alice, election, candidates=[CUONG])
    assert (second.seats, second.candidates.get().member) == (1, cast.member(CUONG))


def test_it_refuses_another_round_when_every_seat_is_filled(cast: Cast) -> None:
    election = _election(cast)
    _ballots(cast, election, ALL, ALL)
    election = _count(cast, election)
    with pytest.raises(ValidationError, match="Đã đủ số lượng trúng cử"):
        services.next_round(cast.user("alice"), election)
    assert Election.objects.count() == 1


# ---------------------------------------------------------------------------
# Scope


@pytest.mark.parametrize("username", ["dave", "eve", "charlie", "lan"])
def test_it_refuses_ballots_and_counts_to_readers_and_outsiders(cast: Cast, username: str) -> None:
    election, user = _election(cast), cast.user(username)
    with pytest.raises(PermissionDenied):
        services.add_ballot(user, election, kept=[AN])
    with pytest.raises(PermissionDenied):
        services.enter_tally(user, election, votes={AN: 1}, valid=1, invalid={})
    with pytest.raises(PermissionDenied):
        services.count_election(user, election, on=CONGRESS_DAY)
    assert not Ballot.objects.exists() and Election.objects.get().tally == {}


def test_it_lets_the_cell_secretary_run_the_count(cast: Cast) -> None:
    election, bob = _election(cast), cast.user("bob")
    services.add_ballot(bob, election, kept=[AN, BICH, CUONG])
    services.add_ballot(bob, election, kept=[AN, BICH])
    election = services.count_election(bob, election, on=CONGRESS_DAY)
    assert (election.counted_by, election.result["elected"]) == (bob, [AN, BICH])
    assert Congress.objects.get().status == "preparing"
