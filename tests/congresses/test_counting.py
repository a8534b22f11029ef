"""The counting rules of Quy định 190-QĐ/TW, exhaustively (issue 7, items 4 and 7)."""

from __future__ import annotations

import unicodedata

import pytest

from dangvu.congresses.counting import (
    INVALID_REASON_LABELS,
    Ballot,
    CountingError,
    CountRequest,
    Tally,
    count,
    count_json,
    list_problem,
    max_candidates,
    select_elected,
    threshold,
)
from tests.congresses.helpers import (
    EXAMPLE,
    NAMES,
    A,
    B,
    C,
    D,
    ballots_data,
    by_ballots,
    by_tally,
    error_of,
    kept,
    tally_data,
)


def reasons(**given: int) -> dict[str, int]:
    """Every reason of invalidity at 0 but those given."""
    return {reason: given.get(reason, 0) for reason in INVALID_REASON_LABELS}


def test_it_counts_the_example_of_the_issue() -> None:
    assert count_json(EXAMPLE) == {
        "seats": 3,
        "denominator": 25,
        "candidates": [A, B, C, D],
        "counted_from": "ballots",
        "threshold": 13,
        "ballots_returned": 4,
        "valid_ballots": 2,
        "invalid_ballots": 2,
        "invalid_reasons": reasons(not_issued=1, too_many=1),
        "invalid_reason_labels": INVALID_REASON_LABELS,
        "votes": {A: 2, B: 1, C: 1, D: 0},
        "percent": {A: 8.0, B: 4.0, C: 4.0, D: 0.0},
        "qualified": [],
        "elected": [],
        "tied": [],
        "unfilled_seats": 3,
        "outcome": "Không ai đạt số phiếu trúng cử (từ 13 phiếu, quá một nửa của 25); còn thiếu "
        "3 người, đại hội quyết định có bầu tiếp vòng sau hay không.",
        "reconciliation": {"issued": 4, "returned": 4, "unreturned": 0, "balanced": True},
        "list_ok": True,
        "list_problem": "",
        "unmarked_ballot_valid": True,
    }


# Validity.


def test_it_invalidates_a_ballot_not_issued_by_the_board() -> None:
    result = by_ballots([kept(A, issued=False), kept(A)])
    assert result["valid_ballots"] == 1
    assert result["invalid_reasons"] == reasons(not_issued=1)
    assert result["votes"][A] == 1


def test_it_invalidates_a_ballot_voting_for_more_people_than_seats() -> None:
    result = by_ballots([kept(A, B, C), kept(A, B, C, D)], seats=3)
    assert result["valid_ballots"] == 1
    assert result["invalid_reasons"] == reasons(too_many=1)
    assert result["votes"] == {A: 1, B: 1, C: 1, D: 0}


def test_it_gives_one_reason_to_a_ballot_with_both_faults() -> None:
    result = by_ballots([kept(A, B, C, D, issued=False)], seats=2)
    assert result["invalid_reasons"] == reasons(not_issued=1)
    assert result["invalid_ballots"] == 1


def test_it_invalidates_a_ballot_crossing_out_every_name_of_a_list_with_surplus() -> None:
    # Quy chế bầu cử (190-QĐ/TW), Điều 15: on a list with surplus it is not a vote for nobody.
    result = by_ballots([kept(), kept(A)], seats=1, denominator=2)
    assert result["valid_ballots"] == 1
    assert result["invalid_reasons"] == reasons(crossed_all=1)
    assert result["votes"][A] == 1
    assert result["elected"] == []  # 1 vote of 2 convened is not more than half.


def test_it_keeps_valid_a_ballot_crossing_out_every_name_of_a_list_without_surplus() -> None:
    result = by_ballots([kept(), kept(A, B)], seats=4, denominator=2)
    assert (result["valid_ballots"], result["invalid_ballots"]) == (2, 0)


def test_it_keeps_valid_a_ballot_keeping_fewer_names_than_seats() -> None:
    result = by_ballots([kept(A)], seats=3, denominator=1)
    assert (result["valid_ballots"], result["invalid_ballots"]) == (1, 0)


ONE = {"seats": 1, "denominator": 5, "candidates": [A]}


@pytest.mark.parametrize(
    ("marks", "valid"),
    [
        ({A: "agree"}, True),
        ({A: "disagree"}, True),
        ({A: "both"}, False),
        ({A: "none"}, False),
        ({}, False),
    ],
)
def test_it_reads_a_one_name_list_by_its_two_boxes(marks: dict[str, str], valid: bool) -> None:
    result = count_json({**ONE, "ballots": [{"marks": marks}]})
    assert result["valid_ballots"] == int(valid)
    assert result["invalid_reasons"] == reasons(one_name_unmarked=int(not valid))
    assert result["votes"][A] == int(marks.get(A) == "agree")


def test_it_keeps_valid_a_one_name_ballot_with_the_name_crossed_out() -> None:
    result = count_json({**ONE, "ballots": [{"kept": []}]})
    assert (result["valid_ballots"], result["votes"][A]) == (1, 0)


@pytest.mark.parametrize("setting", [True, False])
def test_it_reads_a_ballot_with_no_single_mark_as_the_setting_says(setting: bool) -> None:
    ballots = [{"marks": {A: "both", B: "none"}}, {"marks": {A: "agree", B: "both"}}]
    data = {"seats": 2, "denominator": 3, "candidates": [A, B], "ballots": ballots}
    result = count_json({**data, "unmarked_ballot_valid": setting})
    assert result["valid_ballots"] == (2 if setting else 1)
    assert result["invalid_reasons"] == reasons(no_mark=0 if setting else 1)
    assert result["votes"] == {A: 1, B: 0}
    assert result["unmarked_ballot_valid"] is setting


def test_it_reads_the_open_case_as_valid_unless_told() -> None:
    data = {"seats": 2, "denominator": 3, "candidates": [A, B]}
    result = count_json({**data, "ballots": [{"marks": {A: "both", B: "both"}}]})
    assert result["valid_ballots"] == 1 and result["unmarked_ballot_valid"] is True


def test_it_accepts_the_new_reasons_on_a_tally_sheet() -> None:
    result = by_tally({A: 2}, valid=2, invalid_ballots={"crossed_all": 1, "one_name_unmarked": 1})
    assert result["invalid_ballots"] == 2


def test_it_accepts_a_not_issued_ballot_without_names() -> None:
    result = by_ballots([{"issued": False}, kept(A)])
    assert result["invalid_reasons"]["not_issued"] == 1
    assert result["ballots_returned"] == 2


def test_it_counts_only_agree_on_a_list_without_surplus() -> None:
    marks = [
        {"marks": {A: "agree", B: "both", C: "none", D: "disagree"}},
        {"marks": {A: "agree", B: "agree", C: "agree", D: "agree"}},
    ]
    result = by_ballots(marks, seats=4, denominator=3)
    assert result["valid_ballots"] == 2
    assert result["votes"] == {A: 2, B: 1, C: 1, D: 1}
    assert result["elected"] == [A]
    assert result["unfilled_seats"] == 3


def test_it_counts_a_name_left_out_of_the_marks_as_none() -> None:
    result = by_ballots([{"marks": {A: "agree"}}], seats=4, denominator=1)
    assert result["valid_ballots"] == 1
    assert result["votes"] == {A: 1, B: 0, C: 0, D: 0}


def test_it_accepts_marks_when_the_list_is_shorter_than_the_seats() -> None:
    result = by_ballots([{"marks": {A: "agree", B: "disagree"}}], seats=5, denominator=1)
    assert result["votes"][A] == 1
    assert result["elected"] == [A]


# Threshold: more than half of the convened, not of the ballots.


@pytest.mark.parametrize(
    ("denominator", "expected"), [(1, 1), (2, 2), (3, 2), (4, 3), (24, 13), (25, 13), (100, 51)]
)
def test_it_sets_the_threshold_above_half_of_the_denominator(
    denominator: int, expected: int
) -> None:
    assert threshold(denominator) == expected
    assert by_tally({A: 0}, valid=0, denominator=denominator)["threshold"] == expected


@pytest.mark.parametrize(("denominator", "votes", "elected"), [(24, 13, True), (24, 12, False)])
def test_it_elects_at_the_threshold_and_not_one_below(
    denominator: int, votes: int, elected: bool
) -> None:
    result = by_tally({A: votes}, valid=votes, seats=1, denominator=denominator)
    assert (result["elected"] == [A]) is elected


def test_it_counts_the_threshold_on_the_convened_not_on_the_ballots_cast() -> None:
    # 10 ballots of 25 convened: 10 votes are all the ballots but not more than half.
    result = by_tally({A: 10}, valid=10, seats=1, denominator=25)
    assert result["elected"] == []
    assert result["percent"][A] == 40.0


# Who is elected.


@pytest.mark.parametrize(
    ("votes", "seats", "elected", "tied"),
    [
        ({A: 20, B: 18, C: 16, D: 15}, 3, (A, B, C), ()),  # More qualifiers than seats.
        ({A: 20, B: 18, C: 16, D: 16}, 3, (A, B), (C, D)),  # Tie at the last seat.
        ({A: 20, B: 15, C: 15, D: 15}, 3, (A,), (B, C, D)),  # The whole vote level.
        ({A: 15, B: 15, C: 15, D: 12}, 3, (A, B, C), ()),  # Tied, but they fit.
        ({A: 15, B: 15, C: 14, D: 5}, 2, (A, B), ()),  # Tie above the last seat.
        ({A: 14, B: 14, C: 14, D: 0}, 2, (), (A, B, C)),  # All qualifiers tied.
        ({A: 12, B: 12, C: 12, D: 12}, 2, (), ()),  # Nobody qualifies.
    ],
)
def test_it_selects_the_elected_and_the_tied(
    votes: dict[str, int], seats: int, elected: tuple[str, ...], tied: tuple[str, ...]
) -> None:
    assert select_elected(NAMES, votes, seats, needed=13) == (elected, tied)
    result = by_tally(votes, valid=25, seats=seats)
    assert (tuple(result["elected"]), tuple(result["tied"])) == (elected, tied)
    assert result["unfilled_seats"] == seats - len(elected)


def test_it_orders_the_elected_by_votes_then_by_the_list() -> None:
    result = by_tally({A: 14, B: 20, C: 14, D: 16}, valid=20, seats=4)
    assert result["elected"] == [B, D, A, C]
    assert result["qualified"] == [B, D, A, C]


def test_it_leaves_seats_unfilled_when_the_list_is_short() -> None:
    data = {**EXAMPLE, "candidates": [A, B], "seats": 3, "ballots": [kept(A, B)] * 20}
    result = count_json(data)
    assert result["elected"] == [A, B]
    assert result["unfilled_seats"] == 1
    assert result["list_ok"] is True


def test_it_says_the_outcome_in_one_sentence() -> None:
    assert by_tally({A: 20, B: 18, C: 16}, valid=25)["outcome"] == "Đủ số lượng trúng cử."
    tie = by_tally({A: 20, B: 18, C: 16, D: 16}, valid=25)["outcome"]
    assert tie == (
        "Cần bầu tiếp vòng sau trong số: Lê Văn C, Phạm Thị D (bằng số phiếu nhau, "
        "cho 1 chỗ còn lại)."
    )
    short = by_tally({A: 20, B: 18}, valid=25)["outcome"]
    assert short.startswith("Còn thiếu 1 người trúng cử")


def test_it_gives_the_percent_of_the_denominator_to_two_decimals() -> None:
    result = by_tally({A: 2, B: 1}, valid=2, denominator=3)
    assert result["percent"] == {A: 66.67, B: 33.33, C: 0.0, D: 0.0}


# Names.


def test_it_compares_names_after_nfc_and_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", A)
    result = by_ballots([kept(f"  {decomposed} "), kept(A, "Trần  Thị B")], denominator=3)
    assert result["votes"] == {A: 2, B: 1, C: 0, D: 0}
    assert result["elected"] == [A]


def test_it_keeps_names_differing_by_accents_apart() -> None:
    assert error_of(ballots_data([kept(A), kept("Nguyen Van A")])) == (
        "Phiếu số 2: “Nguyen Van A” không có trong danh sách bầu cử."
    )


def test_it_counts_a_request_built_in_python() -> None:
    request = CountRequest(
        seats=1,
        denominator=3,
        candidates=(A, B),
        ballots=(Ballot(kept=(A,)), Ballot(kept=(A,)), Ballot(kept=(B,), issued=False)),
    )
    result = count(request)
    assert result.elected == (A,)
    assert result.as_dict()["invalid_reasons"] == reasons(not_issued=1)


def test_it_checks_a_request_built_in_python() -> None:
    request = CountRequest(
        seats=4, denominator=3, candidates=(A,), ballots=(Ballot(kept=(A,), marks={A: "agree"}),)
    )
    with pytest.raises(CountingError, match="Phiếu số 1: có cả “kept” và “marks”"):
        count(request)
    with pytest.raises(CountingError, match="Thiếu “ballots”"):
        count(CountRequest(seats=1, denominator=1, candidates=(A,)))


# Tally sheets.


def test_it_counts_a_tally_sheet_like_the_ballots() -> None:
    ballots = by_ballots([kept(A, B), kept(A), kept(A, B, C, D), kept(C, issued=False)], seats=2)
    invalid = {"too_many": 1, "not_issued": 1}
    tally = by_tally({A: 2, B: 1}, valid=2, seats=2, invalid_ballots=invalid)
    assert tally["counted_from"] == "tally"
    assert {**tally, "counted_from": "ballots"} == ballots


def test_it_refuses_a_tally_giving_a_name_more_votes_than_valid_ballots() -> None:
    assert error_of(tally_data({A: 21}, valid=20)) == (
        "Bảng tổng hợp: “Nguyễn Văn A” được 21 phiếu, nhiều hơn số phiếu hợp lệ (20)."
    )


def test_it_refuses_a_tally_with_more_votes_than_the_ballots_can_carry() -> None:
    assert error_of(tally_data({A: 10, B: 1}, valid=10, seats=1)) == (
        "Bảng tổng hợp: tổng số phiếu của các người trong danh sách (11) lớn hơn số phiếu hợp "
        "lệ nhân số lượng cần bầu (10 × 1 = 10)."
    )


# Reconciliation: issued = returned + unreturned.


def test_it_balances_when_nothing_is_said_about_the_issued_ballots() -> None:
    result = by_ballots([kept(A)] * 3, unreturned=2)
    assert result["reconciliation"] == {
        "issued": 5,
        "returned": 3,
        "unreturned": 2,
        "balanced": True,
    }


@pytest.mark.parametrize(("issued", "balanced"), [(5, True), (6, False), (4, False)])
def test_it_reconciles_the_issued_ballots(issued: int, balanced: bool) -> None:
    result = by_ballots([kept(A)] * 4, unreturned=1, issued_count=issued)
    assert result["reconciliation"]["balanced"] is balanced
    assert result["elected"] == []  # A mismatch is shown; the count still goes on.


def test_it_unbalances_on_a_foreign_ballot() -> None:
    result = by_ballots([kept(A), kept(A), kept(B, issued=False)], issued_count=2)
    assert result["reconciliation"]["returned"] == 3
    assert result["reconciliation"]["balanced"] is False


def test_it_reconciles_a_tally_sheet() -> None:
    result = by_tally({A: 20}, valid=20, invalid_ballots={"too_many": 2}, issued_count=23)
    assert result["reconciliation"] == {
        "issued": 23,
        "returned": 22,
        "unreturned": 0,
        "balanced": False,
    }


# The surplus of the list (≤ 30%; ≤ 1 for 3 to 5 seats).


@pytest.mark.parametrize(
    ("seats", "candidates", "allowed"),
    [
        (1, 1, True),
        (1, 2, False),
        (2, 3, False),
        (3, 2, True),
        (3, 4, True),
        (3, 5, False),
        (4, 5, True),
        (5, 6, True),
        (5, 7, False),
        (6, 7, True),
        (6, 8, False),
        (10, 13, True),
        (10, 14, False),
        (15, 19, True),
        (15, 20, False),
    ],
)
def test_it_checks_the_surplus_of_the_list(seats: int, candidates: int, allowed: bool) -> None:
    assert (list_problem(seats, candidates) == "") is allowed
    assert (candidates <= max_candidates(seats)) is allowed


def test_it_warns_about_the_surplus_without_refusing_the_count() -> None:
    result = by_tally({A: 2}, valid=2, seats=2, denominator=3)
    assert result["list_ok"] is False
    assert result["list_problem"].startswith("Danh sách bầu cử có 4 người cho 2 chỗ")
    assert result["elected"] == [A]


def test_it_skips_the_surplus_check_when_asked() -> None:
    result = by_tally({A: 2}, valid=2, seats=2, denominator=3, surplus_check=False)
    assert result["list_ok"] is None
    assert result["list_problem"] == ""


def test_it_builds_the_python_tally_type() -> None:
    request = CountRequest(seats=1, denominator=5, candidates=(A, B), tally=Tally({A: 3}, 4))
    assert count(request).votes == {A: 3, B: 0}
