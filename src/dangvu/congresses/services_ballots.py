"""Ballots and tally sheets of an election, as the counting board reads them.

Ballots are entered one by one, numbered 1, 2, … in the order entered
(``add_ballot``), corrected in place (``correct_ballot``) or taken back from the
end (``remove_ballot``), so the numbers stay 1..n; or the board's tally sheet is
entered instead (``enter_tally``) — never both. Each ballot is checked as
``counting.py`` will read it (names on the list, none twice; marks only on a list
without surplus), so the stored rows can always be counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dangvu.congresses import counting
from dangvu.congresses.models import Ballot, Election
from dangvu.congresses.permissions import require_congress_edit
from dangvu.congresses.services_base import Errors
from dangvu.congresses.services_elections import (
    author,
    check_open,
    lock_election,
    raise_counting,
)
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import normalize_name


def _where(number: int) -> str:
    return _("Phiếu số %(number)s") % {"number": number}


def _clean_kept(value: Any, known: list[str], where: str, errors: Errors) -> list[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        add_error(
            errors,
            "kept",
            _("%(where)s: các tên không bị gạch phải là một danh sách.") % {"where": where},
        )
        return []
    names: list[str] = []
    for raw in value:
        name = normalize_name(raw) if isinstance(raw, str) else ""
        if name not in known:
            add_error(
                errors,
                "kept",
                _("%(where)s: “%(name)s” không có trong danh sách bầu cử.")
                % {"where": where, "name": name or str(raw)[:60]},
            )
        elif name in names:
            add_error(
                errors,
                "kept",
                _("%(where)s: “%(name)s” được ghi hai lần.") % {"where": where, "name": name},
            )
        else:
            names.append(name)
    return names


def _clean_marks(
    value: Any, known: list[str], seats: int, where: str, errors: Errors
) -> dict[str, str]:
    if len(known) > seats:
        add_error(
            errors,
            "marks",
            _(
                "%(where)s: đánh dấu đồng ý/không đồng ý chỉ dùng cho danh sách không có số dư; "
                "danh sách này có số dư, ghi các tên không bị gạch."
            )
            % {"where": where},
        )
        return {}
    if not isinstance(value, Mapping):
        add_error(errors, "marks", _("%(where)s: đánh dấu không đọc được.") % {"where": where})
        return {}
    marks: dict[str, str] = {}
    for raw, mark in value.items():
        name = normalize_name(raw) if isinstance(raw, str) else ""
        if name not in known or name in marks:
            add_error(
                errors,
                "marks",
                _("%(where)s: “%(name)s” không có trong danh sách bầu cử hoặc ghi hai lần.")
                % {"where": where, "name": name or str(raw)[:60]},
            )
        elif mark not in counting.MARKS:
            add_error(
                errors,
                "marks",
                _("%(where)s: dấu ở tên “%(name)s” không hợp lệ.") % {"where": where, "name": name},
            )
        else:
            marks[name] = mark
    return marks


def _clean_ballot(
    election: Election, number: int, kept: Any, marks: Any, issued: Any, errors: Errors
) -> tuple[list[str] | None, dict[str, str] | None]:
    """The kept names or the marks of one ballot, checked as the count will read them."""
    where = _where(number)
    if type(issued) is not bool:
        add_error(
            errors, "issued", _("%(where)s: phát ra hay không phải là có/không.") % {"where": where}
        )
    if kept is not None and marks is not None:
        add_error(
            errors,
            "kept",
            _("%(where)s: chỉ ghi một cách, tên giữ lại hoặc đánh dấu.") % {"where": where},
        )
        return None, None
    if kept is None and marks is None:
        if issued is not False:
            add_error(
                errors,
                "kept",
                _("%(where)s: ghi các tên không bị gạch (hoặc đánh dấu đồng ý/không đồng ý).")
                % {"where": where},
            )
        return None, None
    known = list(election.candidates.values_list("name", flat=True))
    if kept is not None:
        return _clean_kept(kept, known, where, errors), None
    return None, _clean_marks(marks, known, election.seats, where, errors)


@transaction.atomic
def add_ballot(
    user: Any,
    election: Election,
    *,
    kept: Sequence[str] | None = None,
    marks: Mapping[str, str] | None = None,
    issued: bool = True,
) -> Ballot:
    """Enter the next ballot as the counting board reads it (numbered 1, 2, … in order)."""
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_open(election, errors)
    if election.tally:
        add_error(
            errors,
            "tally",
            _("Đã nhập theo biên bản tổng hợp: không nhập thêm từng phiếu."),
        )
    raise_if(errors)
    number = (election.ballots.aggregate(last=Max("number"))["last"] or 0) + 1
    kept_names, mark_names = _clean_ballot(election, number, kept, marks, issued, errors)
    raise_if(errors)
    ballot = Ballot(
        election=election, number=number, issued=issued, kept=kept_names, marks=mark_names
    )
    save_as(ballot, user)
    return ballot


@transaction.atomic
def correct_ballot(
    user: Any,
    ballot: Ballot,
    *,
    kept: Sequence[str] | None = None,
    marks: Mapping[str, str] | None = None,
    issued: bool = True,
) -> Ballot:
    """Correct a ballot entered by mistake (its number stays) before the count."""
    election = ballot.election
    require_congress_edit(user, election)
    election = lock_election(election)
    ballot = Ballot.objects.get(pk=ballot.pk)
    errors: Errors = {}
    check_open(election, errors)
    raise_if(errors)
    kept_names, mark_names = _clean_ballot(election, ballot.number, kept, marks, issued, errors)
    raise_if(errors)
    ballot.kept, ballot.marks, ballot.issued = kept_names, mark_names, issued
    save_as(ballot, user)
    return ballot


@transaction.atomic
def remove_ballot(user: Any, ballot: Ballot) -> Election:
    """Take back the last ballot entered (others are corrected, so numbers stay 1..n)."""
    election = ballot.election
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_open(election, errors)
    last = election.ballots.aggregate(last=Max("number"))["last"]
    if ballot.election_id != election.pk or ballot.number != last:
        add_error(
            errors,
            "ballot",
            _("Chỉ xóa được phiếu nhập sau cùng (phiếu số %(n)s); phiếu khác thì sửa lại.")
            % {"n": last or 0},
        )
    raise_if(errors)
    ballot._history_user = author(user)  # type: ignore[attr-defined]
    ballot.delete()
    return election


@transaction.atomic
def enter_tally(
    user: Any,
    election: Election,
    *,
    votes: Mapping[str, int],
    valid: int,
    invalid: Mapping[str, int],
) -> Election:
    """Enter the tally sheet instead of single ballots (entering it again replaces it)."""
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_open(election, errors)
    if election.ballots.exists():
        add_error(errors, "tally", _("Đã nhập từng phiếu: không nhập thêm biên bản tổng hợp."))
    raise_if(errors)
    names = list(election.candidates.values_list("name", flat=True))
    data = {
        "seats": election.seats,
        "denominator": election.denominator,
        "candidates": names,
        "tally": votes,
        "valid_ballots": valid,
        "invalid_ballots": invalid,
        "surplus_check": False,
    }
    try:
        request = counting.parse_request(data)
        counting.count(request)
    except counting.CountingError as exc:
        raise_counting(exc, "tally")
    assert request.tally is not None
    given = {normalize_name(name): n for name, n in request.tally.votes.items()}
    election.tally = {
        "votes": {name: given.get(name, 0) for name in names},
        "valid_ballots": request.tally.valid_ballots,
        "invalid_ballots": dict(request.tally.invalid_ballots),
    }
    save_as(election, user)
    return election
