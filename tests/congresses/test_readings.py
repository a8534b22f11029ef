"""Ballot validity and the committee list's surplus as stored elections read them (issue 14).

docs/decisions/0010-congress-readings.md: a ballot crossing out every name of a
list with surplus is invalid; a one-name list needs exactly one box ticked; a
committee list needs more names than seats, or the congress's recorded decision.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from dangvu.congresses import counting, services
from dangvu.congresses.documents import counting_minutes_docx
from dangvu.congresses.models import Election
from tests.congresses.factories import AN, BICH, CONGRESS_DAY, CUONG, DECISION, ready_congress
from tests.fixtures.cast import Cast

pytestmark = pytest.mark.django_db
OUTSIDER = "Hà Văn Tú"


def _text(election: Election) -> str:
    document = Document(io.BytesIO(counting_minutes_docx(election)))
    return "\n".join(p.text for p in document.paragraphs)


def _members(cast: Cast, *names: str) -> list[object]:
    return [cast.member(name) for name in names]


# Item 19: a committee list has more names than seats.


@given(st.integers(1, 500), st.integers(1, 700))
def test_it_asks_a_committee_list_for_more_names_than_seats(seats: int, candidates: int) -> None:
    short = counting.shortfall_problem(seats, candidates)
    assert bool(short) is (candidates <= seats)
    assert counting.min_candidates(seats) == seats + 1
    # With the upper bound, the allowed lists are seats+1 … max_candidates (none for 1–2 seats
    # at 30%: the minimum of one more name wins, as Điều 14.1 says "phải nhiều hơn").
    allowed = not short and not counting.list_problem(seats, candidates)
    assert allowed is (seats < candidates <= max(counting.max_candidates(seats), seats))


def test_it_refuses_a_committee_list_without_surplus_and_writes_nothing(cast: Cast) -> None:
    congress = ready_congress(cast)
    with pytest.raises(ValidationError) as error:
        services.create_election(
            cast.user("alice"),
            congress,
            kind="committee",
            seats=3,
            candidates=_members(cast, AN, BICH, CUONG),
        )
    assert "phải nhiều hơn số lượng cần bầu" in error.value.message_dict["list_decision"][0]
    assert not Election.objects.exists()


def test_it_goes_on_with_the_congress_decision_and_keeps_it(cast: Cast) -> None:
    election = services.create_election(
        cast.user("alice"),
        ready_congress(cast),
        kind="committee",
        seats=3,
        candidates=_members(cast, AN, BICH, CUONG),
        list_decision=" " + DECISION + " ",
    )
    assert election.list_decision == DECISION
    assert election.history.first().list_decision == DECISION  # type: ignore[union-attr]


def test_it_keeps_no_decision_for_a_list_with_surplus(cast: Cast) -> None:
    election = services.create_election(
        cast.user("alice"),
        ready_congress(cast),
        kind="committee",
        seats=3,
        candidates=[*_members(cast, AN, BICH, CUONG), OUTSIDER],
        list_decision=DECISION,
    )
    assert election.list_decision == ""


@pytest.mark.parametrize("kind", ["secretary", "delegates"])
def test_it_asks_no_surplus_of_other_elections(cast: Cast, kind: str) -> None:
    election = services.create_election(
        cast.user("alice"), ready_congress(cast), kind=kind, seats=1, candidates=["Người Ngoài"]
    )
    assert election.pk and election.list_decision == ""


def test_it_asks_no_surplus_of_a_further_round(cast: Cast) -> None:
    alice, congress = cast.user("alice"), ready_congress(cast)
    first = services.create_election(
        alice,
        congress,
        kind="committee",
        seats=3,
        candidates=[*_members(cast, AN, BICH, CUONG), OUTSIDER],
    )
    for kept in ([AN, BICH], [AN, BICH], [AN, CUONG]):
        services.add_ballot(alice, first, kept=kept)
    first = services.count_election(alice, first, on=CONGRESS_DAY)
    assert first.result["unfilled_seats"] == 1
    second = services.next_round(alice, first, candidates=[CUONG])
    assert (second.round, second.seats, second.list_decision) == (2, 1, "")


# Item 18: validity as stored elections count it, and the minutes.


def _surplus(cast: Cast) -> Election:
    return services.create_election(
        cast.user("alice"),
        ready_congress(cast),
        kind="committee",
        seats=3,
        candidates=[*_members(cast, AN, BICH, CUONG), OUTSIDER],
        counting_board="Nguyễn Văn An",
    )


def test_it_counts_a_ballot_crossing_out_everyone_as_invalid(cast: Cast) -> None:
    alice, election = cast.user("alice"), _surplus(cast)
    for kept in ([AN, BICH, CUONG], [], [AN]):
        services.add_ballot(alice, election, kept=kept)
    election = services.count_election(alice, election, on=CONGRESS_DAY)
    assert (election.result["valid_ballots"], election.result["invalid_ballots"]) == (2, 1)
    assert election.result["invalid_reasons"]["crossed_all"] == 1
    text = _text(election)
    assert "Số phiếu hợp lệ: 2." in text
    assert (
        "Số phiếu không hợp lệ: 1, trong đó: Phiếu gạch tên tất cả những người trong danh sách "
        "bầu cử có số dư: 1." in text
    )
    assert "phiếu gạch tên tất cả những người trong danh sách là phiếu không hợp lệ" in text


def test_it_reads_a_one_name_list_by_its_boxes(cast: Cast) -> None:
    alice = cast.user("alice")
    election = services.create_election(
        alice, ready_congress(cast), kind="secretary", seats=1, candidates=_members(cast, AN)
    )
    for mark in ("agree", "both", "none", "disagree"):
        services.add_ballot(alice, election, marks={AN: mark})
    election = services.count_election(alice, election, on=CONGRESS_DAY)
    assert election.result["valid_ballots"] == 2
    assert election.result["invalid_reasons"]["one_name_unmarked"] == 2
    assert "đánh dấu cả hai ô hoặc không đánh dấu ô nào là phiếu không hợp lệ" in _text(election)


def _no_surplus(cast: Cast) -> Election:
    alice = cast.user("alice")
    election = services.create_election(
        alice,
        ready_congress(cast),
        kind="delegates",
        seats=2,
        candidates=_members(cast, AN, BICH),
    )
    services.add_ballot(alice, election, marks={AN: "both", BICH: "none"})
    services.add_ballot(alice, election, marks={AN: "agree", BICH: "both"})
    return services.count_election(alice, election, on=CONGRESS_DAY)


def test_it_reads_the_open_case_as_valid_by_default_and_says_so(cast: Cast) -> None:
    election = _no_surplus(cast)
    assert election.result["valid_ballots"] == 2
    assert election.result["unmarked_ballot_valid"] is True
    assert "được tính là phiếu hợp lệ (Quy chế chưa quy định rõ" in _text(election)


@override_settings(DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID=False)
def test_it_reads_the_open_case_as_the_setting_says(cast: Cast) -> None:
    election = _no_surplus(cast)
    assert election.result["valid_ballots"] == 1
    assert election.result["invalid_reasons"]["no_mark"] == 1
    text = _text(election)
    assert "được tính là phiếu không hợp lệ" in text
    assert "Số phiếu không hợp lệ: 1" in text


def test_it_writes_the_congress_decision_in_the_minutes(cast: Cast) -> None:
    alice = cast.user("alice")
    election = services.create_election(
        alice,
        ready_congress(cast),
        kind="committee",
        seats=3,
        candidates=_members(cast, AN, BICH, CUONG),
        list_decision=DECISION,
    )
    services.add_ballot(alice, election, kept=[AN, BICH, CUONG])
    election = services.count_election(alice, election, on=CONGRESS_DAY)
    assert f"theo quyết định của đại hội: {DECISION}." in _text(election)
