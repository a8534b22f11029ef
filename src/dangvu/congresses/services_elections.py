"""Elections at a congress: candidates, ballots or a tally sheet, the count, further rounds.

Quy định 190-QĐ/TW (RULES.md, Elections), as ``counting.py`` counts it:

* the candidate list may exceed the seats by at most 30% (by one for 3 to 5
  seats): ``create_election`` refuses a longer first-round list
  (``counting.list_problem``); a further round is among those concerned, so the
  surplus is not checked there;
* only full members convened may stand (probationary members do not vote or
  stand; suspended or detained members neither); names of people from outside
  the list are allowed as text (delegates, a secretary from outside);
* the secretary and deputies are elected among the committee just elected when
  the congress elected one;
* the denominator is copied from the congress when the election is created and
  may be corrected, with a reason, until the first ballot is entered;
* ballots are entered one by one (numbered 1..n) or as one tally sheet, never
  both (``services_ballots``); ``count_election`` counts ``election_json(election)`` with
  ``counting.count_json`` and stores the answer, so a stored result is always
  what the pure function says about the stored rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dangvu.congresses import counting
from dangvu.congresses.choices import CongressKind, ElectionKind, ElectionStatus, Exclusion
from dangvu.congresses.models import Ballot, Candidate, Congress, Election
from dangvu.congresses.permissions import require_congress_edit
from dangvu.congresses.services_base import (
    Errors,
    check_day,
    check_not_closed,
    check_text,
    fmt_day,
    lock_congress,
)
from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import normalize_name
from dangvu.members.models import Member

# Far above any body elected at a congress (a provincial committee has about 50–70 members).
MAX_SEATS = 500
NAME_LIMIT = 120
# Convened members who may not stand.
CANNOT_STAND = frozenset({Exclusion.SUSPENDED, Exclusion.DETAINED})


def author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def lock_election(election: Election) -> Election:
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("congress", "congress__organization")
        .get(pk=election.pk)
    )


def check_open(election: Election, errors: Errors) -> None:
    if election.status == ElectionStatus.COUNTED:
        add_error(errors, "status", _("Cuộc bầu này đã kiểm phiếu xong."))
    elif election.status == ElectionStatus.CANCELLED:
        add_error(errors, "status", _("Cuộc bầu này đã hủy."))
    check_not_closed(election.congress, errors)


def check_int(value: Any, field: str, low: int, high: int, errors: Errors) -> bool:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        add_error(
            errors,
            field,
            _("Phải là một số nguyên từ %(low)s đến %(high)s.") % {"low": low, "high": high},
        )
        return False
    return True


def raise_counting(exc: counting.CountingError, field: str) -> NoReturn:
    raise ValidationError({field: [str(exc)]}) from exc


# ---------------------------------------------------------------------------
# Creating an election


def _clean_name(value: Any, errors: Errors) -> str:
    if not isinstance(value, str):
        add_error(
            errors, "candidates", _("Mỗi người trong danh sách là một đảng viên hoặc một tên.")
        )
        return ""
    name = normalize_name(value)
    if not name or not name.isprintable() or len(name) > NAME_LIMIT:
        add_error(
            errors,
            "candidates",
            _("Tên “%(name)s” không hợp lệ (không để trống, không quá %(n)s ký tự).")
            % {"name": name[:NAME_LIMIT], "n": NAME_LIMIT},
        )
        return ""
    return name


def _member_names(members: list[Member]) -> dict[int, str]:
    """Members' names on the ballot; two with one name are told apart by their birth year."""
    counts = Counter(normalize_name(m.full_name) for m in members)
    names = {}
    for member in members:
        name = normalize_name(member.full_name)
        if counts[name] > 1:
            name = _("%(name)s (sinh năm %(year)s)") % {
                "name": name,
                "year": member.birth_date.year,
            }
        names[member.pk] = name
    return names


def _check_standing(congress: Congress, members: list[Member], errors: Errors) -> None:
    """Members on the list: full members convened, not suspended or detained."""
    if not members:
        return
    rows = {
        member_id: (full, exclusion)
        for member_id, full, exclusion in congress.convened.filter(member__in=members).values_list(
            "member_id", "full_member", "exclusion"
        )
    }
    delegates = congress.kind == CongressKind.DELEGATES
    day = congress.held_on or congress.planned_on
    for member in members:
        if member.pk not in rows and delegates:
            # At a congress of delegates a full member of the đảng bộ who is not a delegate
            # may be nominated (Quy chế bầu cử); a probationary member may not.
            official = member.official_date
            if official is None or (day is not None and official > day):
                add_error(
                    errors,
                    "candidates",
                    _("%(name)s là đảng viên dự bị: không ứng cử, đề cử, bầu cử.")
                    % {"name": member.full_name},
                )
        elif member.pk not in rows:
            add_error(
                errors,
                "candidates",
                _("%(name)s không có trong danh sách đảng viên được triệu tập.")
                % {"name": member.full_name},
            )
        elif not rows[member.pk][0]:
            add_error(
                errors,
                "candidates",
                _("%(name)s là đảng viên dự bị: không ứng cử, đề cử, bầu cử.")
                % {"name": member.full_name},
            )
        elif rows[member.pk][1] in CANNOT_STAND:
            add_error(
                errors,
                "candidates",
                _("%(name)s: %(why)s.")
                % {"name": member.full_name, "why": Exclusion(rows[member.pk][1]).label},
            )


def candidate_entries(
    congress: Congress, candidates: Any, errors: Errors
) -> list[tuple[str, Member | None]]:
    """``(name, member)`` for each entry of the list, in order; problems go to ``errors``."""
    if isinstance(candidates, str | bytes) or not isinstance(candidates, Sequence):
        add_error(errors, "candidates", _("Danh sách bầu cử phải là một danh sách."))
        return []
    members = [c for c in candidates if isinstance(c, Member)]
    _check_standing(congress, members, errors)
    member_names = _member_names(members)
    entries: list[tuple[str, Member | None]] = []
    seen: set[str] = set()
    for entry in candidates:
        if isinstance(entry, Member):
            name, member = member_names[entry.pk], entry
        else:
            name, member = _clean_name(entry, errors), None
        if not name:
            continue
        if name in seen:
            add_error(errors, "candidates", _("“%(name)s” được ghi hai lần.") % {"name": name})
        seen.add(name)
        entries.append((name, member))
    if not entries and not errors.get("candidates"):
        add_error(errors, "candidates", _("Danh sách bầu cử đang trống."))
    return entries


def elected_names(congress: Congress, kind: str) -> tuple[set[str], bool]:
    """The names elected in every round of ``kind`` and whether every round is counted."""
    elections = congress.elections.filter(kind=kind).exclude(status=ElectionStatus.CANCELLED)
    names: set[str] = set()
    counted = True
    for status, result in elections.values_list("status", "result"):
        if status != ElectionStatus.COUNTED:
            counted = False
        names.update((result or {}).get("elected", []))
    return names, counted


def _check_among_committee(
    congress: Congress, kind: str, entries: list[tuple[str, Member | None]], errors: Errors
) -> None:
    """The secretary and deputies are elected among the committee members just elected."""
    if not congress.elections.filter(kind=ElectionKind.COMMITTEE).exists():
        return
    committee, counted = elected_names(congress, ElectionKind.COMMITTEE)
    if not counted:
        add_error(errors, "kind", _("Bầu cấp ủy chưa kiểm phiếu xong."))
        return
    for name, _member in entries:
        if name not in committee:
            add_error(
                errors,
                "candidates",
                _(
                    "%(name)s không trúng cử cấp ủy: %(what)s được bầu trong số cấp ủy viên "
                    "vừa trúng cử."
                )
                % {"name": name, "what": ElectionKind(kind).label.lower()},
            )


@transaction.atomic
def create_election(
    user: Any,
    congress: Congress,
    *,
    kind: str,
    seats: int,
    candidates: Sequence[Member | str],
    counting_board: str = "",
    round: int = 1,
    list_decision: str = "",
) -> Election:
    """An election at the congress with its list (members or names, in ballot order).

    A first-round committee list without surplus is refused unless
    ``list_decision`` records the congress's decision to go on (Điều 14).
    """
    require_congress_edit(user, congress)
    congress = lock_congress(congress)
    errors: Errors = {}
    check_not_closed(congress, errors)
    if kind not in ElectionKind.values:
        add_error(errors, "kind", _("Loại bầu cử không hợp lệ."))
    seats_ok = check_int(seats, "seats", 1, MAX_SEATS, errors)
    if seats_ok and kind == ElectionKind.SECRETARY and seats != 1:
        add_error(errors, "seats", _("Bầu bí thư: số lượng cần bầu là 1."))
    check_int(round, "round", 1, 20, errors)
    counting_board = check_text(counting_board, "counting_board", errors, limit=500)
    list_decision = check_text(list_decision, "list_decision", errors, limit=500)
    if congress.denominator < 1:
        add_error(
            errors,
            "congress",
            _("Chưa lập danh sách đảng viên được triệu tập (số triệu tập tính kết quả bằng 0)."),
        )
    raise_if(errors)
    entries = candidate_entries(congress, candidates, errors)
    if entries and round == 1 and not errors:
        problem = counting.list_problem(seats, len(entries))
        if problem:
            add_error(errors, "candidates", problem)
        short = kind == ElectionKind.COMMITTEE and counting.shortfall_problem(seats, len(entries))
        if short and not list_decision:
            add_error(errors, "list_decision", short)
        if not short:
            list_decision = ""  # Only a list without surplus needs (and keeps) a decision.
    if kind in (ElectionKind.SECRETARY, ElectionKind.DEPUTY):
        _check_among_committee(congress, kind, entries, errors)
    if Election.objects.filter(congress=congress, kind=kind, round=round).exists():
        add_error(
            errors,
            "round",
            _("Đã có %(kind)s lần %(round)s.")
            % {"kind": ElectionKind(kind).label.lower(), "round": round},
        )
    raise_if(errors)
    return _create(
        user,
        congress,
        kind,
        seats,
        round,
        congress.denominator,
        counting_board,
        entries,
        list_decision,
    )


def _create(
    user: Any,
    congress: Congress,
    kind: str,
    seats: int,
    round: int,
    denominator: int,
    counting_board: str,
    entries: list[tuple[str, Member | None]],
    list_decision: str = "",
) -> Election:
    election = Election(
        congress=congress,
        org_path=congress.org_path,
        kind=kind,
        round=round,
        seats=seats,
        denominator=denominator,
        counting_board=counting_board,
        list_decision=list_decision,
    )
    save_as(election, user)
    rows = [
        Candidate(election=election, member=member, name=name, position=position)
        for position, (name, member) in enumerate(entries, 1)
    ]
    bulk_create_with_history(rows, Candidate, default_user=author(user))
    return election


@transaction.atomic
def set_denominator(user: Any, election: Election, *, denominator: int, reason: str) -> Election:
    """Correct the denominator of an election before any ballot is entered, with a reason."""
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_open(election, errors)
    if election.ballots.exists() or election.tally:
        add_error(errors, "denominator", _("Đã nhập phiếu bầu: không sửa số triệu tập được nữa."))
    check_int(denominator, "denominator", 1, counting.MAX_NUMBER, errors)
    reason = check_text(reason, "reason", errors, limit=100, required=_("Ghi lý do sửa."))
    raise_if(errors)
    election.denominator = denominator
    election._change_reason = reason  # type: ignore[attr-defined]
    save_as(election, user)
    return election


# ---------------------------------------------------------------------------
# Counting


def _ballot_json(ballot: Ballot) -> dict[str, Any]:
    data: dict[str, Any] = {"issued": ballot.issued}
    if ballot.kept is not None:
        data["kept"] = list(ballot.kept)
    if ballot.marks is not None:
        data["marks"] = dict(ballot.marks)
    return data


def election_json(election: Election) -> dict[str, Any]:
    """The input of ``counting.count_json`` built from the stored rows (two queries)."""
    data: dict[str, Any] = {
        "seats": election.seats,
        "denominator": election.denominator,
        "candidates": list(election.candidates.order_by("position").values_list("name", flat=True)),
        "unreturned": election.unreturned,
        # The surplus is the first round's rule; later rounds are among those concerned.
        "surplus_check": election.round == 1,
        # The reading of the case the text leaves open (settings.py, counting.NO_MARK).
        "unmarked_ballot_valid": bool(settings.DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID),
    }
    if election.issued_count is not None:
        data["issued_count"] = election.issued_count
    if election.tally:
        data["tally"] = dict(election.tally.get("votes", {}))
        data["valid_ballots"] = election.tally.get("valid_ballots", 0)
        data["invalid_ballots"] = dict(election.tally.get("invalid_ballots", {}))
    else:
        data["ballots"] = [_ballot_json(b) for b in election.ballots.order_by("number")]
    return data


def _check_count_day(election: Election, on: Any, errors: Errors) -> date | None:
    day = check_day(on, "on", errors)
    congress = election.congress
    start = congress.held_on or congress.planned_on
    if day is not None and start is not None and day < start:
        add_error(
            errors,
            "on",
            _("Ngày kiểm phiếu không được trước ngày đại hội (%(day)s).") % {"day": fmt_day(start)},
        )
    return day


@transaction.atomic
def count_election(
    user: Any,
    election: Election,
    *,
    on: date,
    issued_count: int | None = None,
    unreturned: int = 0,
) -> Election:
    """Count the stored ballots (or tally) with the reconciliation; the result is stored."""
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_open(election, errors)
    day = _check_count_day(election, on, errors)
    if issued_count is not None:
        check_int(issued_count, "issued_count", 0, counting.MAX_NUMBER, errors)
    check_int(unreturned, "unreturned", 0, counting.MAX_NUMBER, errors)
    if not election.tally and not election.ballots.exists():
        add_error(errors, "ballots", _("Chưa nhập phiếu bầu hoặc biên bản tổng hợp."))
    raise_if(errors)
    data = election_json(election)
    data["unreturned"] = unreturned
    data.pop("issued_count", None)
    if issued_count is not None:
        data["issued_count"] = issued_count
    try:
        result = counting.count_json(data)
    except counting.CountingError as exc:
        raise_counting(exc, "count")
    election.issued_count, election.unreturned = issued_count, unreturned
    election.result = result
    election.status = ElectionStatus.COUNTED
    election.counted_on = day
    election.counted_by = author(user)
    save_as(election, user)
    return election


@transaction.atomic
def next_round(
    user: Any, election: Election, *, candidates: Sequence[str] | None = None
) -> Election:
    """Another round for the seats left: among the tied, or among the names chosen.

    The chosen names are candidates of this round who were not elected (the
    congress decides who stands again; RULES.md marks the tie handling as a
    manual, recorded path).
    """
    require_congress_edit(user, election)
    election = lock_election(election)
    errors: Errors = {}
    check_not_closed(election.congress, errors)
    result = election.result or {}
    if election.status != ElectionStatus.COUNTED:
        add_error(errors, "status", _("Cuộc bầu này chưa kiểm phiếu."))
    elif not result.get("unfilled_seats"):
        add_error(errors, "status", _("Đã đủ số lượng trúng cử, không cần bầu tiếp."))
    elif Election.objects.filter(
        congress=election.congress, kind=election.kind, round__gt=election.round
    ).exists():
        add_error(errors, "round", _("Đã có lần bầu sau của cuộc bầu này."))
    raise_if(errors)
    previous = {c.name: c.member for c in election.candidates.select_related("member")}
    names = _next_names(candidates, result, previous, errors)
    raise_if(errors)
    entries = [(name, previous[name]) for name in names]
    return _create(
        user,
        election.congress,
        election.kind,
        int(result["unfilled_seats"]),
        election.round + 1,
        election.denominator,
        election.counting_board,
        entries,
    )


def _next_names(
    candidates: Sequence[str] | None,
    result: Mapping[str, Any],
    previous: Mapping[str, Member | None],
    errors: Errors,
) -> list[str]:
    if candidates is None:
        tied = list(result.get("tied", []))
        if not tied:
            add_error(
                errors,
                "candidates",
                _("Không có người bằng phiếu: chọn những người bầu tiếp trong số chưa trúng cử."),
            )
        return tied
    elected = set(result.get("elected", []))
    names: list[str] = []
    for raw in candidates if not isinstance(candidates, str) else [candidates]:
        name = normalize_name(raw) if isinstance(raw, str) else ""
        if name not in previous or name in elected:
            add_error(
                errors,
                "candidates",
                _("“%(name)s” không phải người chưa trúng cử trong danh sách lần trước.")
                % {"name": name or str(raw)[:60]},
            )
        elif name not in names:
            names.append(name)
    if not names and not errors:
        add_error(errors, "candidates", _("Danh sách bầu cử đang trống."))
    return names


def cancel_open_elections(user: Any, congress: Congress) -> None:
    """The elections not counted of a cancelled congress are cancelled with it."""
    open_ = list(congress.elections.filter(status=ElectionStatus.OPEN))
    for election in open_:
        election.status = ElectionStatus.CANCELLED
    if open_:
        bulk_update_with_history(open_, Election, ["status"], default_user=author(user))
