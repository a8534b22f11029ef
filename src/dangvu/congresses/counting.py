"""Ballot counting by the Party's election rules, as a pure function (issue 7, item 4).

No Django import, no database, no I/O: the congress records, ``dangvu
count_election`` and ``POST /api/v1/elections/count/`` all call ``count`` (or
``count_json``), so they cannot disagree. Source: Quy định 190-QĐ/TW of
10/10/2024 (before it 244-QĐ/TW of 2014), summarised in RULES.md, "Elections":

* A ballot is invalid (Quy chế bầu cử, Điều 15; 244-QĐ/TW Điều 17 before it;
  docs/decisions/0010-congress-readings.md) when it was not issued by the
  counting board (``not_issued``), votes for more people than there are seats
  (``too_many``), crosses out every name of a list with surplus
  (``crossed_all``), or, on a one-name list, ticks both boxes or neither
  (``one_name_unmarked``). On a list of several names without surplus a name
  marked both "agree" and "disagree", or neither, is not counted for that
  person and the ballot stays valid; a ballot with no name ticked in exactly
  one box is the case the text leaves open (``no_mark``: invalid only when
  ``unmarked_ballot_valid`` is false, a setting for stored elections). A ballot
  keeping fewer names than seats, or none on a list without surplus, is valid.
* The threshold is more than half of the denominator, the members (or
  delegates) convened after the exclusions of the rules, not of the ballots
  cast: the smallest whole number of votes above half, ``denominator // 2 + 1``.
* Among the candidates reaching the threshold the highest win. When there are
  more of them than seats and the last seat is tied (the seats-th and the next
  qualifier have the same votes), nobody at that vote level is elected: they
  are ``tied`` and compete in another round for the seats left
  (``unfilled_seats``); those strictly above are elected. RULES.md marks the
  tie handling as unconfirmed, so the count only reports it and the congress
  decides: a recorded, manual path.
* The candidate list may exceed the seats by at most 30%, and by at most one
  person for 3 to 5 seats; a committee's list must exceed them (Điều 14.1,
  ``shortfall_problem``: the services ask for the congress's recorded decision).
  A list over the limit is a warning in the result
  (``list_problem``), not an error: the congress may already have voted. A list
  shorter than the seats is allowed and leaves seats unfilled.

Decisions written down here (docs/huong-dan-su-dung.md, "Kiểm phiếu bầu cử",
says the same):

* Numbers are JSON integers: ``"3"`` is refused, not coerced (a number typed
  as text is usually a spreadsheet paste gone wrong), ``3.0`` is read as 3.
* Names are compared after NFC composition and collapsing spaces
  (``core.text.normalize_name``, the form names are stored in), nothing more:
  "Nguyễn Văn A" and "Nguyen Van A" are different people.
* A ballot with neither ``kept`` nor ``marks`` is accepted only when it was not
  issued by the board (its content does not matter). On a ``marks`` ballot a
  name left out counts as "none".
* Every ballot's names are checked, even on a ballot that is invalid anyway:
  an unknown name is a data-entry mistake to correct before counting.
* ``ballots_returned`` is every ballot found in the box, foreign ones
  included; the reconciliation compares it with the ballots issued, so a
  foreign ballot shows as unbalanced.
* A tally sheet may not give a name more votes than there are valid ballots,
  nor give more votes in all than valid ballots times seats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dangvu.congresses.counting_input import (
    AGREE,
    CROSSED_ALL,
    DISAGREE,
    INVALID_REASON_LABELS,
    MARKS,
    MAX_NUMBER,
    NO_MARK,
    NOT_ISSUED,
    ONE_NAME_UNMARKED,
    TOO_MANY,
    Ballot,
    CountingError,
    CountRequest,
    Tally,
    _,
    check_request,
    normalized,
    parse_request,
)

__all__ = [
    "AGREE",
    "CROSSED_ALL",
    "DISAGREE",
    "INVALID_REASON_LABELS",
    "MARKS",
    "MAX_NUMBER",
    "NOT_ISSUED",
    "NO_MARK",
    "ONE_NAME_UNMARKED",
    "TOO_MANY",
    "Ballot",
    "CountRequest",
    "CountResult",
    "CountingError",
    "Reconciliation",
    "Tally",
    "check_request",
    "count",
    "count_json",
    "invalid_reason",
    "list_problem",
    "max_candidates",
    "min_candidates",
    "parse_request",
    "ranking",
    "select_elected",
    "shortfall_problem",
    "threshold",
]


# Quy định 190-QĐ/TW: the list exceeds the seats by at most 30%, by one for 3 to 5 seats.
SURPLUS_PERCENT = 30
SMALL_BODY_SEATS = range(3, 6)
SMALL_BODY_SURPLUS = 1

COUNTED_FROM_BALLOTS = "ballots"
COUNTED_FROM_TALLY = "tally"


@dataclass(frozen=True)
class Reconciliation:
    """Ballots issued against ballots returned plus ballots not returned."""

    issued: int
    returned: int
    unreturned: int

    @property
    def balanced(self) -> bool:
        return self.issued == self.returned + self.unreturned

    def as_dict(self) -> dict[str, Any]:
        return {
            "issued": self.issued,
            "returned": self.returned,
            "unreturned": self.unreturned,
            "balanced": self.balanced,
        }


@dataclass(frozen=True)
class CountResult:
    """The result of one round; ``as_dict`` is the JSON of the API and the CLI."""

    seats: int
    denominator: int
    candidates: tuple[str, ...]
    counted_from: str
    valid_ballots: int
    invalid_reasons: Mapping[str, int]
    votes: Mapping[str, int]
    elected: tuple[str, ...]
    tied: tuple[str, ...]
    unfilled_seats: int
    reconciliation: Reconciliation
    list_problem: str | None  # None when the surplus was not checked.
    unmarked_ballot_valid: bool = True

    @property
    def threshold(self) -> int:
        return threshold(self.denominator)

    @property
    def invalid_ballots(self) -> int:
        return sum(self.invalid_reasons.values())

    @property
    def ballots_returned(self) -> int:
        return self.valid_ballots + self.invalid_ballots

    @property
    def qualified(self) -> tuple[str, ...]:
        """The candidates reaching the threshold, highest first."""
        return tuple(n for n in ranking(self.candidates, self.votes) if self.qualifies(n))

    def qualifies(self, name: str) -> bool:
        return self.votes[name] >= self.threshold

    @property
    def percent(self) -> dict[str, float]:
        """Votes as a percentage of the denominator (not of the ballots)."""
        return {name: round(n * 100 / self.denominator, 2) for name, n in self.votes.items()}

    @property
    def list_ok(self) -> bool | None:
        return None if self.list_problem is None else not self.list_problem

    @property
    def outcome(self) -> str:
        if self.tied:
            return _(
                "Cần bầu tiếp vòng sau trong số: %(names)s (bằng số phiếu nhau, "
                "cho %(seats)s chỗ còn lại)."
            ) % {"names": ", ".join(self.tied), "seats": self.unfilled_seats}
        if self.unfilled_seats and not self.elected:
            return _(
                "Không ai đạt số phiếu trúng cử (từ %(threshold)s phiếu, quá một nửa của "
                "%(denominator)s); còn thiếu %(seats)s người, đại hội quyết định có bầu tiếp "
                "vòng sau hay không."
            ) % {
                "threshold": self.threshold,
                "denominator": self.denominator,
                "seats": self.unfilled_seats,
            }
        if self.unfilled_seats:
            return _(
                "Còn thiếu %(seats)s người trúng cử; đại hội quyết định có bầu tiếp vòng sau "
                "hay không."
            ) % {"seats": self.unfilled_seats}
        return _("Đủ số lượng trúng cử.")

    def as_dict(self) -> dict[str, Any]:
        return {
            "seats": self.seats,
            "denominator": self.denominator,
            "candidates": list(self.candidates),
            "counted_from": self.counted_from,
            "threshold": self.threshold,
            "ballots_returned": self.ballots_returned,
            "valid_ballots": self.valid_ballots,
            "invalid_ballots": self.invalid_ballots,
            "invalid_reasons": dict(self.invalid_reasons),
            "invalid_reason_labels": dict(INVALID_REASON_LABELS),
            "votes": dict(self.votes),
            "percent": self.percent,
            "qualified": list(self.qualified),
            "elected": list(self.elected),
            "tied": list(self.tied),
            "unfilled_seats": self.unfilled_seats,
            "outcome": self.outcome,
            "reconciliation": self.reconciliation.as_dict(),
            "list_ok": self.list_ok,
            "list_problem": self.list_problem or "",
            "unmarked_ballot_valid": self.unmarked_ballot_valid,
        }


# The rules.


def threshold(denominator: int) -> int:
    """The fewest votes that are more than half of ``denominator`` (25 → 13, 24 → 13)."""
    return denominator // 2 + 1


def max_candidates(seats: int) -> int:
    """The longest list allowed for ``seats`` (Quy định 190-QĐ/TW, số dư)."""
    if seats in SMALL_BODY_SEATS:
        return seats + SMALL_BODY_SURPLUS
    return seats * (100 + SURPLUS_PERCENT) // 100


def min_candidates(seats: int) -> int:
    """The shortest committee list (Quy chế bầu cử, Điều 14.1: more names than seats)."""
    return seats + 1


def shortfall_problem(seats: int, candidates: int) -> str:
    """Why a committee list of ``candidates`` for ``seats`` has no surplus; "" if it has one."""
    if candidates >= min_candidates(seats):
        return ""
    return _(
        "Danh sách bầu cấp ủy có %(candidates)s người cho %(seats)s chỗ: số người trong danh "
        "sách phải nhiều hơn số lượng cần bầu (Quy chế bầu cử trong Đảng, Điều 14). Chỉ tiếp "
        "tục khi đại hội đã biểu quyết: ghi quyết định và lý do của đại hội."
    ) % {"candidates": candidates, "seats": seats}


def list_problem(seats: int, candidates: int) -> str:
    """Why a list of ``candidates`` for ``seats`` exceeds the surplus allowed; "" if it does not."""
    limit = max_candidates(seats)
    if candidates <= limit:
        return ""
    return _(
        "Danh sách bầu cử có %(candidates)s người cho %(seats)s chỗ, vượt số dư cho phép "
        "(tối đa %(limit)s người: số dư không quá 30%%, với 3 đến 5 chỗ không quá 1 người; "
        "Quy định 190-QĐ/TW)."
    ) % {"candidates": candidates, "seats": seats, "limit": limit}


def invalid_reason(
    ballot: Ballot, seats: int, candidates: int | None = None, unmarked_valid: bool = True
) -> str | None:
    """Why ``ballot`` is invalid (a key of ``INVALID_REASON_LABELS``), or None when it is valid.

    ``candidates`` is the length of the list (None: only the first two rules,
    which do not depend on it).
    """
    if not ballot.issued:
        return NOT_ISSUED
    if len(ballot.voted_for()) > seats:
        return TOO_MANY
    if candidates is None:
        return None
    if ballot.kept is not None:
        # Quy chế bầu cử, Điều 15: crossing out every name of a list with surplus.
        return CROSSED_ALL if candidates > seats and not ballot.kept else None
    marks = ballot.marks or {}
    ticked_once = sum(1 for mark in marks.values() if mark in (AGREE, DISAGREE))
    if ticked_once:
        return None
    if candidates == 1:
        # A one-name list is valid only with one of its two boxes ticked.
        return ONE_NAME_UNMARKED
    return None if unmarked_valid else NO_MARK


def ranking(candidates: Sequence[str], votes: Mapping[str, int]) -> list[str]:
    """Highest votes first; equal votes keep the order of the list."""
    return sorted(candidates, key=lambda name: -votes[name])


def select_elected(
    candidates: Sequence[str], votes: Mapping[str, int], seats: int, needed: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(elected, tied)``: the highest qualifiers win; a tie at the last seat goes to a round."""
    qualifiers = [name for name in ranking(candidates, votes) if votes[name] >= needed]
    if len(qualifiers) <= seats:
        return tuple(qualifiers), ()
    last = votes[qualifiers[seats - 1]]
    if votes[qualifiers[seats]] < last:
        return tuple(qualifiers[:seats]), ()
    above = tuple(name for name in qualifiers if votes[name] > last)
    return above, tuple(name for name in qualifiers if votes[name] == last)


# Counting.


def count(request: CountRequest) -> CountResult:
    """Count one round of an election; raises ``CountingError`` on input it cannot use."""
    request = normalized(request)
    check_request(request)
    if request.tally is not None:
        counted_from = COUNTED_FROM_TALLY
        valid, reasons, votes = _from_tally(request.tally, request)
    else:
        counted_from = COUNTED_FROM_BALLOTS
        valid, reasons, votes = _from_ballots(request)
    if valid > request.denominator:
        raise CountingError(
            _(
                "Số phiếu hợp lệ (%(valid)s) lớn hơn số đại biểu/đảng viên được triệu tập "
                "(%(denominator)s)."
            )
            % {"valid": valid, "denominator": request.denominator}
        )
    elected, tied = select_elected(
        request.candidates, votes, request.seats, threshold(request.denominator)
    )
    returned = valid + sum(reasons.values())
    issued = request.issued_count
    return CountResult(
        seats=request.seats,
        denominator=request.denominator,
        candidates=request.candidates,
        counted_from=counted_from,
        valid_ballots=valid,
        invalid_reasons=reasons,
        votes=votes,
        elected=elected,
        tied=tied,
        unfilled_seats=request.seats - len(elected),
        reconciliation=Reconciliation(
            issued=returned + request.unreturned if issued is None else issued,
            returned=returned,
            unreturned=request.unreturned,
        ),
        list_problem=(
            list_problem(request.seats, len(request.candidates)) if request.surplus_check else None
        ),
        unmarked_ballot_valid=request.unmarked_ballot_valid,
    )


def count_json(data: Any) -> dict[str, Any]:
    """Parse, count and answer the JSON of the API and of ``dangvu count_election --json``."""
    return count(parse_request(data)).as_dict()


def _from_ballots(request: CountRequest) -> tuple[int, dict[str, int], dict[str, int]]:
    votes = dict.fromkeys(request.candidates, 0)
    reasons = dict.fromkeys(INVALID_REASON_LABELS, 0)
    valid = 0
    for ballot in request.ballots or ():
        reason = invalid_reason(
            ballot, request.seats, len(request.candidates), request.unmarked_ballot_valid
        )
        if reason is not None:
            reasons[reason] += 1
            continue
        valid += 1
        for name in ballot.voted_for():
            votes[name] += 1
    return valid, reasons, votes


def _from_tally(tally: Tally, request: CountRequest) -> tuple[int, dict[str, int], dict[str, int]]:
    votes = {name: tally.votes.get(name, 0) for name in request.candidates}
    reasons = dict.fromkeys(INVALID_REASON_LABELS, 0)
    reasons.update(tally.invalid_ballots)
    return tally.valid_ballots, reasons, votes
